import type {
  ActivityFeedNotification,
  AdvisorDirectory,
  AdvisorNotifier,
  Availability,
  DirectoryMember,
  MailMessage,
} from '../../src/handoff/advisorPorts';

export interface AdvisorGatewayFixture {
  readonly groupId: string;
  /** Five members: enough for the Graph stand-in to serve several pages. */
  readonly members: readonly DirectoryMember[];
}

export interface AdvisorGatewayUnderTest {
  readonly gateway: AdvisorDirectory & AdvisorNotifier;
  /** What reached the activity feed, one entry per delivery, in the domain's shape. */
  sentNotifications(): ActivityFeedNotification[];
  /** What was mailed, one entry per delivery. */
  sentMails(): MailMessage[];
  /** Every log line the implementation wrote (at debug level). */
  logLines(): string[];
  cleanup(): Promise<void>;
}

const AVAILABILITIES: readonly Availability[] = ['available', 'busy', 'away', 'offline', 'unknown'];

export const contractFixture: AdvisorGatewayFixture = {
  groupId: '7f3c1a52-9d4e-4b8a-a1f6-2c5d8e9b0a14',
  members: [
    { id: 'b1e2c3d4-0001-4a5b-8c9d-0e1f2a3b4c5d', displayName: 'Anneke de Vries', mail: 'a.devries@umc.example' },
    { id: 'b1e2c3d4-0002-4a5b-8c9d-0e1f2a3b4c5d', displayName: 'Mohammed El Amrani', mail: 'm.elamrani@umc.example' },
    { id: 'b1e2c3d4-0003-4a5b-8c9d-0e1f2a3b4c5d', displayName: 'Sanne Bakker' },
    { id: 'b1e2c3d4-0004-4a5b-8c9d-0e1f2a3b4c5d', displayName: 'Joris van den Berg', mail: 'j.vandenberg@umc.example' },
    { id: 'b1e2c3d4-0005-4a5b-8c9d-0e1f2a3b4c5d', displayName: 'Priya Ramdin', mail: 'p.ramdin@umc.example' },
  ],
};

const UNKNOWN_USER_ID = 'c0ffee00-0000-4000-8000-00000000dead';

function notificationFor(members: readonly DirectoryMember[]): ActivityFeedNotification {
  return {
    recipientUserIds: members.map((member) => member.id),
    activityType: 'handoffRequested',
    previewText: 'Iemand vraagt een vertrouwenspersoon: pesten door leidinggevende',
    templateParameters: { caseCode: 'VP-7Q4K', topic: 'bullying' },
    webUrl: 'https://teams.microsoft.com/l/entity/0f9a1b2c-3d4e-5f60-7182-93a4b5c6d7e8/cases?context=%7B%22subEntityId%22%3A%22VP-7Q4K%22%7D',
  };
}

function mailFor(members: readonly DirectoryMember[]): MailMessage {
  return {
    to: members.flatMap((member) => (member.mail ? [member.mail] : [])),
    subject: 'Nieuwe hulpvraag VP-7Q4K wacht al 30 minuten',
    bodyText: 'Een medewerker vraagt om een gesprek over grensoverschrijdend gedrag.\nOpen de bot in Teams om de vraag op te pakken.',
  };
}

/**
 * What every AdvisorDirectory + AdvisorNotifier must do, so the handoff domain behaves the
 * same against Microsoft Graph and against the local logging stand-in. Each test gets a fresh
 * implementation that knows the fixture's group.
 */
export function describeAdvisorGatewayContract(
  name: string,
  setup: (fixture: AdvisorGatewayFixture) => Promise<AdvisorGatewayUnderTest>,
): void {
  describe(`${name} (advisor gateway contract)`, () => {
    const { groupId, members } = contractFixture;
    let subject: AdvisorGatewayUnderTest;

    beforeEach(async () => {
      subject = await setup(contractFixture);
    });

    afterEach(async () => {
      await subject.cleanup();
    });

    it('lists every member of the group with name and mail, in order', async () => {
      expect(await subject.gateway.listGroupMembers(groupId)).toEqual(members);
    });

    it('answers one availability for every requested id, duplicates and strangers included', async () => {
      const requested = [...members.map((member) => member.id), members[0]!.id, UNKNOWN_USER_ID];

      const availability = await subject.gateway.getAvailability(requested);

      expect([...availability.keys()].sort()).toEqual([...new Set(requested)].sort());
      for (const value of availability.values()) expect(AVAILABILITIES).toContain(value);
    });

    it('answers an empty map when asked about nobody', async () => {
      expect((await subject.gateway.getAvailability([])).size).toBe(0);
    });

    it('delivers an activity notification exactly as given', async () => {
      const notification = notificationFor(members);

      await expect(subject.gateway.sendActivityNotification(notification)).resolves.toBeUndefined();

      expect(subject.sentNotifications()).toEqual([notification]);
    });

    it('delivers nothing for a notification without recipients', async () => {
      await subject.gateway.sendActivityNotification({ ...notificationFor(members), recipientUserIds: [] });

      expect(subject.sentNotifications()).toEqual([]);
    });

    it('delivers escalation mail exactly as given', async () => {
      const mail = mailFor(members);

      await expect(subject.gateway.sendMail(mail)).resolves.toBeUndefined();

      expect(subject.sentMails()).toEqual([mail]);
    });

    it('sends no mail without recipients', async () => {
      await subject.gateway.sendMail({ ...mailFor(members), to: [] });

      expect(subject.sentMails()).toEqual([]);
    });

    it('keeps ids, names, addresses and message content out of the logs', async () => {
      const notification = notificationFor(members);
      const mail = mailFor(members);
      await subject.gateway.listGroupMembers(groupId);
      await subject.gateway.getAvailability(members.map((member) => member.id));
      await subject.gateway.sendActivityNotification(notification);
      await subject.gateway.sendMail(mail);

      const logs = subject.logLines().join('\n');
      const personal = [
        groupId,
        ...members.flatMap((member) => [member.id, member.displayName, member.mail ?? member.id]),
        notification.previewText,
        notification.webUrl,
        ...Object.values(notification.templateParameters),
        mail.subject,
        mail.bodyText,
        ...mail.to,
      ];
      expect(subject.logLines().length).toBeGreaterThan(0);
      for (const value of personal) expect(logs).not.toContain(value);
    });
  });
}
