import { Writable } from 'node:stream';
import { LoggingAdvisorGateway, parseLocalAdvisors } from '../../src/graph/loggingAdvisorGateway';
import { createLogger } from '../../src/logging/logger';
import { describeAdvisorGatewayContract } from './advisorGateway.contract';

function capturingLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(chunk.toString());
      callback();
    },
  });
  return { logger: createLogger('debug', destination), lines };
}

describeAdvisorGatewayContract('LoggingAdvisorGateway', async (fixture) => {
  const { logger, lines } = capturingLogger();
  const gateway = new LoggingAdvisorGateway({ members: fixture.members, logger });
  return {
    gateway,
    sentNotifications: () => gateway.sentNotifications(),
    sentMails: () => gateway.sentMails(),
    logLines: () => lines,
    cleanup: async () => undefined,
  };
});

describe('LoggingAdvisorGateway', () => {
  it('treats every advisor as available, so local handoffs always reach someone', async () => {
    const { logger } = capturingLogger();
    const gateway = new LoggingAdvisorGateway({ members: [{ id: 'local-1', displayName: 'Lokale Adviseur' }], logger });

    expect([...(await gateway.getAvailability(['local-1', 'local-2'])).values()]).toEqual(['available', 'available']);
  });

  it('logs what was sent (type, counts, parameter names) and not to whom or what', async () => {
    const { logger, lines } = capturingLogger();
    const gateway = new LoggingAdvisorGateway({ members: [], logger });

    await gateway.sendActivityNotification({
      recipientUserIds: ['local-1', 'local-2'],
      activityType: 'handoffRequested',
      previewText: 'Iemand vraagt hulp',
      templateParameters: { caseCode: 'VP-1234' },
      webUrl: 'https://teams.microsoft.com/l/entity/app/cases',
    });
    await gateway.sendMail({ to: ['a@umc.example'], subject: 'Onderwerp', bodyText: 'Tekst van de mail' });

    const [notificationLine, mailLine] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(notificationLine).toMatchObject({
      level: 'info',
      activityType: 'handoffRequested',
      recipientCount: 2,
      templateParameterNames: ['caseCode'],
    });
    expect(mailLine).toMatchObject({ level: 'info', recipientCount: 1, subjectLength: 9, bodyLength: 17 });
  });

  it('hands out copies, so a test cannot change what was recorded', async () => {
    const { logger } = capturingLogger();
    const gateway = new LoggingAdvisorGateway({ members: [], logger });
    await gateway.sendMail({ to: ['a@umc.example'], subject: 'Onderwerp', bodyText: 'Tekst' });

    (gateway.sentMails()[0] as { subject: string }).subject = 'changed';

    expect(gateway.sentMails()[0]!.subject).toBe('Onderwerp');
  });
});

describe('parseLocalAdvisors', () => {
  it('reads id:Display Name pairs separated by commas', () => {
    expect(parseLocalAdvisors(' local-1:Anneke de Vries , local-2:Sanne Bakker')).toEqual({
      members: [
        { id: 'local-1', displayName: 'Anneke de Vries' },
        { id: 'local-2', displayName: 'Sanne Bakker' },
      ],
      problems: [],
    });
  });

  it('reports malformed and duplicate entries by position, without echoing them', () => {
    const { problems } = parseLocalAdvisors('local-1:Anneke,Sanne Bakker,:Nameless,local-1:Again');

    expect(problems).toEqual([
      'advisor 2: expected "id:Display Name"',
      'advisor 3: expected "id:Display Name"',
      'advisor 4: the id is used twice',
    ]);
    expect(problems.join(' ')).not.toMatch(/Sanne|Nameless|Again/);
  });
});
