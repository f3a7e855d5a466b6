import type { HandoffCase } from '../../src/handoff/handoffCase';
import type { RunningBot } from '../support/botHarness';
import { allActions, cardText, Conversation, type BotReply } from '../support/conversation';
import { CASE_CODE, openConsent } from '../support/handoffRequests';
import type { LocalGraph } from '../support/localGraph';
import { postToBot } from '../support/postToBot';
import { TestClock } from '../support/testClock';
import { startTwoInstances, type TwoInstances } from '../support/twoInstances';
import { settledWhileClockRuns } from '../support/whileClockRuns';
import { cardSubmitActivity, teamsUser, type TeamsUser } from '../support/teamsActivities';

/**
 * Someone whose request is open presses "Send request" again (a second tab, the consent card
 * further up the chat) and writes a message: it is added to the open request, never dropped.
 * The advisers' cards show it, a claimer gets it as a relayed message, and danger now in it (or
 * a ticked "urgent") makes the open request urgent for whoever has it. The same holds for the
 * other ways a requester's words reach an open request: a relayed message, and a second dialogue
 * form. Two bot instances on one store (SQLite, and Azure Tables on Azurite), advisers in Graph
 * groups on the local Graph stand-in.
 */
jest.setTimeout(180_000);

const GRAPH_TOKEN = 'graph-token-for-added-message-tests';
const DANGER_NOW = 'He is hitting me right now and I am scared he will hurt me';
const DANGER_NOW_NL = 'Hij slaat me nu en ik ben bang dat hij me iets aandoet';

describe.each(['sqlite', 'azure-tables'] as const)('a message for the adviser while the request is open, two instances on %s', (storage) => {
  const femke = teamsUser('Femke Visser', 'nl-NL');
  const sarah = teamsUser('Sarah Whitfield', 'en-GB');
  const bas = teamsUser('Bas de Wit', 'nl-NL');
  const ingrid = teamsUser('Ingrid Bos', 'nl-NL');
  const rik = teamsUser('Rik Integriteit', 'nl-NL');
  const clock = new TestClock('2026-11-24T09:30:00Z');
  let instances: TwoInstances | undefined;
  let graph: LocalGraph;
  let first: RunningBot;
  let second: RunningBot;
  /** The second instance, answering into the same connector, as two instances behind one Teams would. */
  let viaSecond: RunningBot;

  beforeAll(async () => {
    instances = await startTwoInstances(storage, {
      clock,
      graphToken: GRAPH_TOKEN,
      groups: { 'advisors-group': [femke, sarah], 'backup-group': [bas], 'programme-group': [ingrid], 'ri-group': [rik] },
      groupSettings: { ADVISOR_GROUP_ID: 'advisors-group', BACKUP_GROUP_ID: 'backup-group', PROGRAMME_GROUP_ID: 'programme-group', ADVISER_POOL_GROUPS: 'research-integrity=ri-group' },
    });
    ({ graph, first, second, viaSecond } = instances);
  });
  afterAll(async () => {
    await instances?.stop();
  });

  const deliver = async () => {
    await first.app.outbox.runDueJobs();
  };
  const stored = async (caseId: string) => {
    const found = await first.app.store.get<HandoffCase>('cases', 'case', caseId);
    if (!found) throw new Error('case not found');
    return found.value;
  };
  const casesOf = async (person: TeamsUser) => {
    const personKey = first.app.services.personKeys.keyFor(person.aadObjectId);
    const rows = await first.app.store.listPartition('cases', `requester:${personKey}`);
    return Promise.all(rows.map((row) => stored(row.rowKey)));
  };
  /** A card keeps a case code on one line with non-breaking hyphens; read as typed. */
  const readable = (reply: BotReply | undefined) => cardText(reply).replace(/\u2011/g, '-');
  const lastReply = (replies: BotReply[]) => readable(replies.at(-1));
  const updatesOf = (person: TeamsUser, since = 0) =>
    first.connector.calls.slice(since).filter((call) => call.method === 'PUT' && call.conversationId === person.conversationId);
  const lastUpdateText = (person: TeamsUser, since = 0) => cardText({ card: updatesOf(person, since).at(-1)?.activity.attachments?.[0]?.content });
  const textsFor = (person: TeamsUser) => new Conversation(first, person).proactiveCards().map((card) => cardText({ card }));
  const notificationsAbout = (code: string, activityType: string) =>
    graph.deliveredNotifications().filter((notification) => notification.activityType === activityType && notification.templateParameters.caseCode === code);

  /** The "Send request" button of a consent card the person got earlier: pressing it again is what a second tab does. */
  async function consentButton(person: Conversation): Promise<Record<string, unknown>> {
    return (await openConsent(first, person.user)).sendRequest;
  }
  function caseIdOn(reply: BotReply | undefined): string {
    return allActions(reply?.card ?? {}).find((action) => action.data?.caseId)!.data.caseId as string;
  }
  /** The request a confirmation names: its id (from the card's buttons) and its code (from its text). */
  function requestIn(confirmation: BotReply[]): { caseId: string; code: string } {
    return { caseId: caseIdOn(confirmation.at(-1)), code: CASE_CODE.exec(lastReply(confirmation))![0] };
  }

  describe('an anonymous request nobody has taken yet', () => {
    const lotte = teamsUser('Lotte van Dijk', 'en-GB');
    let caseId = '';
    let code = '';

    it('adds the message from an older consent card to the open request, shows the emergency card first and marks it urgent', async () => {
      const person = new Conversation(first, lotte);
      const send = await consentButton(person);
      const confirmation = await person.submits({ ...send, mode: 'anonymous', contact: 'teams-chat', urgent: 'false', message: 'My supervisor keeps commenting on my body' });
      ({ caseId, code } = requestIn(confirmation));
      await deliver();
      for (const adviser of [femke, sarah]) expect(textsFor(adviser).filter((text) => text.includes(code))).toHaveLength(1);
      expect(textsFor(femke).join('\n')).not.toContain('URGENT');
      const femkeBefore = updatesOf(femke).length;
      const newRequestNotices = notificationsAbout(code, 'newCase').length;

      // The same consent card, pressed again in another tab, handled by the other instance.
      const again = await new Conversation(viaSecond, lotte).submits({ ...send, mode: 'anonymous', contact: 'teams-chat', urgent: 'false', message: DANGER_NOW });
      expect(cardText(again[0])).toContain('Safety first');
      expect(lastReply(again)).toContain(`You already have an open request, so your message was added to request ${code}`);
      expect(lastReply(again)).toContain('Your request is now marked urgent.');
      expect(lastReply(again)).toContain('Urgent');

      const cases = await casesOf(lotte);
      expect(cases).toHaveLength(1);
      expect(cases[0]).toMatchObject({ id: caseId, urgent: true, urgentSince: clock.now().toISOString(), message: 'My supervisor keeps commenting on my body' });
      expect(cases[0].addedMessages?.map((added) => added.text)).toEqual([DANGER_NOW]);

      // Every adviser's card is drawn again where it was posted: the badge and the added words.
      await deliver();
      expect(updatesOf(femke).length).toBeGreaterThan(femkeBefore);
      for (const adviser of [femke, sarah]) {
        const card = lastUpdateText(adviser);
        expect(card).toContain(adviser === femke ? '⚠ DRINGEND' : '⚠ URGENT');
        expect(card).toContain('My supervisor keeps commenting on my body');
        expect(card).toContain(DANGER_NOW);
      }
      expect(lastUpdateText(femke)).toContain('Toegevoegd door de aanvrager');
      expect(lastUpdateText(sarah)).toContain('Added by the requester');
      // Told in the activity feed, in each adviser's own language; no second new-request notification.
      const urgentNotices = notificationsAbout(code, 'caseUrgent');
      expect(urgentNotices.flatMap((notification) => notification.recipientUserIds).sort()).toEqual([femke.aadObjectId, sarah.aadObjectId].sort());
      expect(urgentNotices.map((notification) => notification.previewText).sort()).toEqual([`Aanvraag ${code} is nu dringend`, `Request ${code} is now urgent`]);
      expect(notificationsAbout(code, 'newCase')).toHaveLength(newRequestNotices);
    });

    it('adds a re-sent confirmation once, also when it reaches both instances', async () => {
      const send = { verb: 'handoff.confirm', flow: {} };
      const activity = cardSubmitActivity(lotte, first.connector.url, { ...send, mode: 'anonymous', urgent: 'false', message: 'It happened again at the Monday meeting' });
      // The copy that finds the other's turn running waits for it on the shared test clock, then finds it done.
      const responses = await settledWhileClockRuns(clock, Promise.all([postToBot(first, activity), postToBot(second, activity)]));
      for (const response of responses) expect(response.status).toBe(200);
      const after = await stored(caseId);
      expect(after.addedMessages?.map((added) => added.text)).toEqual([DANGER_NOW, 'It happened again at the Monday meeting']);
      // The same words once more add nothing, and say so.
      const same = await new Conversation(first, lotte).submits({ ...send, mode: 'anonymous', urgent: 'false', message: 'It happened again at the Monday meeting' });
      expect(lastReply(same)).toContain(`You already have an open request (${code}), and it already holds this message.`);
      expect((await stored(caseId)).addedMessages).toHaveLength(2);
    });

    it('races two presses of "Send request" (two activities) on the two instances: the same words are added once, different words both, none lost', async () => {
      const send = { verb: 'handoff.confirm', flow: {}, mode: 'anonymous', urgent: 'false' };
      const press = (message: string) => cardSubmitActivity(lotte, first.connector.url, { ...send, message });
      const before = (await stored(caseId)).addedMessages?.length ?? 0;
      // Two activity ids, so activity deduplication lets both through: the case's etag and its words decide.
      const same = [press('He read my messages over my shoulder'), press('He read my messages over my shoulder')];
      expect(same[0].id).not.toBe(same[1].id);
      const sameAnswers = await Promise.all([postToBot(first, same[0]), postToBot(second, same[1])]);
      for (const response of sameAnswers) expect(response.status).toBe(200);
      expect((await stored(caseId)).addedMessages?.map((added) => added.text).slice(before)).toEqual(['He read my messages over my shoulder']);

      const different = await Promise.all([postToBot(first, press('He did it again on Tuesday')), postToBot(second, press('And again on Wednesday'))]);
      for (const response of different) expect(response.status).toBe(200);
      const texts = (await stored(caseId)).addedMessages?.map((added) => added.text).slice(before + 1);
      expect(texts?.sort()).toEqual(['And again on Wednesday', 'He did it again on Tuesday']);
    });

    it('escalates the urgent request the shorter time after it became urgent', async () => {
      clock.advanceMinutes(14);
      await first.app.runSweep();
      expect((await stored(caseId)).escalatedAt).toBeNull();
      clock.advanceMinutes(1);
      await second.app.runSweep();
      await deliver();
      expect((await stored(caseId)).escalatedAt).toBe(clock.now().toISOString());
      expect(notificationsAbout(code, 'caseEscalated').flatMap((notification) => notification.recipientUserIds)).toEqual([bas.aadObjectId]);
      expect(graph.deliveredMails().filter((mail) => mail.subject.includes(code))).toHaveLength(1);
      // The backup adviser's card shows the added words and the badge as well.
      const basCard = textsFor(bas).filter((text) => text.includes(code)).at(-1) ?? '';
      expect(basCard).toContain('⚠ DRINGEND');
      expect(basCard).toContain(DANGER_NOW);
    });

    it('keeps the added words with the claimer once the request is taken: a colleague sees only the code', async () => {
      const claimed = await new Conversation(first, sarah).executes('case.claim', { caseId });
      expect(cardText({ card: claimed })).toContain(DANGER_NOW);
      const femkeSees = await new Conversation(viaSecond, femke).executes('case.refresh', { caseId });
      expect(cardText({ card: femkeSees })).toContain('Opgepakt door een collega');
      expect(cardText({ card: femkeSees })).not.toContain(DANGER_NOW);
      expect(cardText({ card: femkeSees })).not.toContain('Monday meeting');
    });
  });

  describe('a named request an adviser has taken', () => {
    const daan = teamsUser('Daan Hoekstra', 'nl-NL');
    let caseId = '';
    let code = '';

    it('relays the added message to the claimer as a relayed message, and draws the claimer\'s card again', async () => {
      const person = new Conversation(first, daan);
      const send = await consentButton(person);
      const confirmation = await person.submits({ ...send, mode: 'named', contact: 'teams-chat', urgent: 'false', message: 'Ik word buitengesloten door mijn team' });
      ({ caseId, code } = requestIn(confirmation));
      await deliver();
      await new Conversation(first, sarah).executes('case.claim', { caseId });
      await deliver();
      const sarahBefore = updatesOf(sarah).length;

      const added = await new Conversation(viaSecond, daan).submits({ ...send, mode: 'named', contact: 'teams-chat', urgent: 'false', message: 'Gisteren gebeurde het weer tijdens de overdracht' });
      expect(added).toHaveLength(1);
      expect(lastReply(added)).toContain(`Je hebt al een lopende aanvraag, dus je bericht is toegevoegd aan aanvraag ${code}`);
      expect(lastReply(added)).not.toContain('urgent');
      expect((await stored(caseId)).urgent).toBe(false);

      await deliver();
      const relayed = textsFor(sarah).filter((text) => text.includes('Gisteren gebeurde het weer'));
      expect(relayed).toHaveLength(1);
      expect(relayed[0]).toContain(`Requester · ${code}`);
      expect(relayed[0]).toContain('Added to the request by the requester; it is on the case card as well.');
      // A named requester's adviser talks with them in Teams: no reply box on the relayed message.
      const relayCard = new Conversation(first, sarah).proactiveCards().find((card) => JSON.stringify(card).includes('Gisteren gebeurde het weer'));
      expect(allActions(relayCard ?? {}).map((action) => action.verb)).not.toContain('case.reply');
      expect(updatesOf(sarah).length).toBeGreaterThan(sarahBefore);
      expect(lastUpdateText(sarah)).toContain('Gisteren gebeurde het weer tijdens de overdracht');
      // Femke's card stays the colleague's view: the code, nothing of the case.
      expect(lastUpdateText(femke)).not.toContain('Gisteren');
      expect(notificationsAbout(code, 'caseUrgent')).toHaveLength(0);
    });

    it('marks the taken request urgent for a ticked "urgent" without a message, and tells the claimer', async () => {
      const send = { verb: 'handoff.confirm', flow: {} };
      const urgent = await new Conversation(first, daan).submits({ ...send, mode: 'named', contact: 'teams-chat', urgent: 'true' });
      expect(lastReply(urgent)).toContain(`Je hebt al een lopende aanvraag (${code}). Die is nu als dringend gemarkeerd.`);
      expect(await stored(caseId)).toMatchObject({ urgent: true, status: 'claimed' });
      await deliver();
      expect(textsFor(sarah).filter((text) => text.includes(`Request ${code} is now urgent`))).toHaveLength(1);
      expect(notificationsAbout(code, 'caseUrgent').flatMap((notification) => notification.recipientUserIds)).toEqual([sarah.aadObjectId]);
      expect(lastUpdateText(sarah)).toContain('⚠ URGENT');
    });
  });

  describe('a relayed message of an anonymous requester', () => {
    const noah = teamsUser('Noah Peters', 'en-GB');

    it('makes the taken request urgent when it tells of danger now, and relays it at once', async () => {
      const person = new Conversation(first, noah);
      const send = await consentButton(person);
      const confirmation = await person.submits({ ...send, mode: 'anonymous', contact: 'teams-chat', urgent: 'false', message: 'A colleague shouts at me in meetings' });
      const { caseId, code } = requestIn(confirmation);
      await deliver();
      await new Conversation(first, femke).executes('case.claim', { caseId });
      await deliver();

      const replies = await new Conversation(viaSecond, noah).says(DANGER_NOW);
      expect(cardText(replies[0])).toContain('Safety first');
      expect(lastReply(replies)).toContain(`Sent to your adviser (${code}). Your request is now marked urgent.`);
      expect(await stored(caseId)).toMatchObject({ urgent: true, urgentSince: clock.now().toISOString() });
      // The relayed words are not stored with the case: they go to the adviser only.
      expect((await stored(caseId)).addedMessages ?? []).toEqual([]);

      await deliver();
      expect(textsFor(femke).filter((text) => text.includes(DANGER_NOW))).toHaveLength(1);
      expect(textsFor(femke).filter((text) => text.includes(`Aanvraag ${code} is nu dringend`))).toHaveLength(1);
      expect(lastUpdateText(femke)).toContain('⚠ DRINGEND');
      expect(notificationsAbout(code, 'caseUrgent').flatMap((notification) => notification.recipientUserIds)).toEqual([femke.aadObjectId]);
    });

    it('keeps danger words repeated after the request became urgent to the pace of other messages, so they cannot flood the adviser', async () => {
      const noahOnFirst = new Conversation(first, noah);
      const answers: string[] = [];
      // RELAY_MESSAGES_PER_MINUTE is 10, counted per instance: the eleventh within the minute is merged.
      for (let index = 0; index < 11; index += 1) answers.push(lastReply(await noahOnFirst.says(`${DANGER_NOW} (${index})`)));
      expect(answers.slice(0, 10).every((answer) => answer.startsWith('Sent to your adviser'))).toBe(true);
      expect(answers[10]).toContain('You are sending many messages in a short time.');
    });
  });

  describe('danger now typed by a requester whose request is open, in every stage', () => {
    it('marks an anonymous request nobody has taken urgent, and says so right after the emergency card; the words stay with the person', async () => {
      const person = teamsUser('Lotte Wachtman', 'en-GB');
      const lotte = new Conversation(first, person);
      const confirmation = await lotte.submits({ verb: 'handoff.confirm', flow: {}, mode: 'anonymous', urgent: 'false', message: 'A colleague shouts at me' });
      const { caseId, code } = requestIn(confirmation);
      await deliver();
      // Danger the message leaves open gets the question first and marks nothing: only danger now does, or a "yes".
      const [question] = await new Conversation(viaSecond, person).says('A colleague threatened a nurse with a knife');
      expect(cardText(question)).toContain('Is anyone in immediate danger right now');
      expect(await stored(caseId)).toMatchObject({ urgent: false });
      const replies = await new Conversation(viaSecond, person).says(DANGER_NOW);
      expect(cardText(replies[0])).toContain('Safety first');
      expect(readable(replies[1])).toContain(`Your open request ${code} is now marked urgent`);
      expect(readable(replies[1])).toContain('What you typed here was not sent with it.');
      expect(await stored(caseId)).toMatchObject({ urgent: true, urgentSince: clock.now().toISOString(), status: 'notified' });
      expect(JSON.stringify(await stored(caseId))).not.toContain('hitting');
      await deliver();
      expect(notificationsAbout(code, 'caseUrgent').length).toBeGreaterThan(0);
      const aboutThisRequest = [...textsFor(femke), ...textsFor(sarah)].filter((text) => text.includes(code));
      expect(aboutThisRequest.length).toBeGreaterThan(0);
      expect(aboutThisRequest.some((text) => text.includes('hitting'))).toBe(false);
      expect(lastUpdateText(sarah)).toContain('⚠ URGENT');

      const again = await lotte.says(DANGER_NOW);
      expect(again.map((reply) => cardText(reply)).join('\n')).not.toContain('is now marked urgent');
    });

    it('leaves an open dialogue request as it was: typed danger makes only an advice request urgent', async () => {
      const person = teamsUser('Daphne Dialoog', 'nl-NL');
      const daphne = new Conversation(first, person);
      const form = { verb: 'dialogue.confirm', format: 'team', team: 'Afdeling Radiologie', teamSize: 'small', preferredPeriod: 'maart', reason: 'Spanningen na een reorganisatie', contact: 'Teams' };
      const dialogueId = caseIdOn((await daphne.submits(form)).at(-1));
      const onlyDialogue = await daphne.says(DANGER_NOW_NL);
      expect(cardText(onlyDialogue[0])).toContain('Veiligheid eerst');
      expect(onlyDialogue.map((reply) => readable(reply)).join('\n')).not.toContain('urgent');
      expect((await stored(dialogueId)).urgent).toBe(false);

      const adviceId = caseIdOn((await daphne.submits({ verb: 'handoff.confirm', flow: {}, mode: 'named', urgent: 'false', message: 'Mijn leidinggevende schreeuwt' })).at(-1));
      const both = await daphne.says(DANGER_NOW_NL);
      expect(both.map((reply) => readable(reply)).join('\n')).toContain('is nu als dringend gemarkeerd');
      expect((await stored(adviceId)).urgent).toBe(true);
      expect((await stored(dialogueId)).urgent).toBe(false);
    });

    it('tells the backup advisers how long a request that became urgent late waited, not the urgent limit it escalated by', async () => {
      const person = teamsUser('Mila Laat', 'en-GB');
      const mila = new Conversation(first, person);
      const confirmation = await mila.submits({ verb: 'handoff.confirm', flow: {}, mode: 'anonymous', urgent: 'false', message: 'My team leader mocks my accent' });
      const { caseId, code } = requestIn(confirmation);
      await deliver();
      clock.advanceMinutes(30);
      await mila.says(DANGER_NOW);
      clock.advanceMinutes(15);
      await first.app.runSweep();
      await deliver();
      expect((await stored(caseId)).escalatedAt).toBe(clock.now().toISOString());
      const mail = graph.deliveredMails().find((delivered) => delivered.subject.includes(code));
      expect(mail?.bodyText).toContain('niet binnen 45 minuten opgepakt');
    });

    it('marks the open request urgent for danger now at the end of a message too long to read, and says so', async () => {
      const person = teamsUser('Tess Lang', 'en-GB');
      const tess = new Conversation(first, person);
      const confirmation = await tess.submits({ verb: 'handoff.confirm', flow: {}, mode: 'anonymous', urgent: 'false', message: 'My manager ignores my complaints' });
      const { caseId, code } = requestIn(confirmation);
      const replies = await tess.says(`${'It started last year in our department. '.repeat(60)}${DANGER_NOW}`);
      expect(cardText(replies[0])).toContain('Safety first');
      expect(readable(replies[1])).toContain(`Your open request ${code} is now marked urgent`);
      expect((await stored(caseId)).urgent).toBe(true);
    });

    it('marks the open request urgent when the person answers "yes" to "is anyone in danger right now?", and says so after the emergency card', async () => {
      const person = teamsUser('Jade Antwoord', 'en-GB');
      const jade = new Conversation(first, person);
      const confirmation = await jade.submits({ verb: 'handoff.confirm', flow: {}, mode: 'anonymous', urgent: 'false', message: 'My manager keeps threatening me' });
      const { caseId, code } = requestIn(confirmation);
      await deliver();
      const replies = await new Conversation(viaSecond, person).submits({ verb: 'flow.answer', step: 'danger', answer: 'yes', flow: { topic: 'bullying' } });
      expect(cardText(replies[0])).toContain('Safety first');
      expect(readable(replies[1])).toContain(`Your open request ${code} is now marked urgent`);
      expect(readable(replies[1])).not.toContain('What you typed');
      expect(await stored(caseId)).toMatchObject({ urgent: true, urgentSince: clock.now().toISOString() });
      await deliver();
      expect(notificationsAbout(code, 'caseUrgent').length).toBeGreaterThan(0);

      const no = await jade.submits({ verb: 'flow.answer', step: 'danger', answer: 'no', flow: { topic: 'bullying' } });
      expect(no.map((reply) => cardText(reply)).join('\n')).not.toContain('Safety first');
      const yesAgain = await jade.submits({ verb: 'flow.answer', step: 'danger', answer: 'yes', flow: { topic: 'bullying' } });
      expect(yesAgain.map((reply) => cardText(reply)).join('\n')).not.toContain('is now marked urgent');
    });

    it('marks a named request an adviser has taken urgent and tells the claimer, without relaying the words', async () => {
      const person = teamsUser('Gert Genoemd', 'nl-NL');
      const gert = new Conversation(first, person);
      const confirmation = await gert.submits({ verb: 'handoff.confirm', flow: {}, mode: 'named', urgent: 'false', message: 'Mijn leidinggevende dreigt met mijn contract' });
      const { caseId, code } = requestIn(confirmation);
      await deliver();
      await new Conversation(first, femke).executes('case.claim', { caseId });
      await deliver();
      const replies = await gert.says(DANGER_NOW_NL);
      expect(cardText(replies[0])).toContain('Veiligheid eerst');
      expect(readable(replies[1])).toContain(`Je lopende aanvraag ${code} is nu als dringend gemarkeerd`);
      expect(await stored(caseId)).toMatchObject({ urgent: true, status: 'claimed' });
      await deliver();
      expect(textsFor(femke).filter((text) => text.includes(`Aanvraag ${code} is nu dringend`))).toHaveLength(1);
      expect(textsFor(femke).filter((text) => text.includes(code)).some((text) => text.includes('Hij slaat me'))).toBe(false);
    });
  });

  describe('a second dialogue form while a dialogue request is open', () => {
    const marieke = teamsUser('Marieke de Boer', 'nl-NL');
    let dialogueId = '';
    let code = '';
    const form = (reason: string) => ({ verb: 'dialogue.confirm', format: 'team', team: 'Afdeling Radiologie', teamSize: 'small', preferredPeriod: 'maart', reason, contact: 'Teams' });

    it('adds its reason to the open request, shows the emergency card first and marks it urgent when it tells of danger now', async () => {
      const person = new Conversation(first, marieke);
      const confirmation = await person.submits(form('Spanningen na een reorganisatie'));
      ({ caseId: dialogueId, code } = requestIn(confirmation));
      await deliver();
      expect(textsFor(ingrid).filter((text) => text.includes(code))).toHaveLength(1);

      const again = await new Conversation(viaSecond, marieke).submits(form(DANGER_NOW_NL));
      expect(cardText(again[0])).toContain('Veiligheid eerst');
      expect(lastReply(again)).toContain(`de reden die je gaf is toegevoegd aan aanvraag ${code}`);
      expect(lastReply(again)).toContain('Je aanvraag is nu als dringend gemarkeerd.');
      const after = await stored(dialogueId);
      expect(after).toMatchObject({ kind: 'team-dialogue', urgent: true });
      expect(after.dialogue?.reason).toBe('Spanningen na een reorganisatie');
      expect(after.addedMessages?.map((added) => added.text)).toEqual([DANGER_NOW_NL]);
      expect(await casesOf(marieke)).toHaveLength(1);

      await deliver();
      expect(lastUpdateText(ingrid)).toContain('⚠ DRINGEND');
      expect(lastUpdateText(ingrid)).toContain(DANGER_NOW_NL);
      expect(notificationsAbout(code, 'caseUrgent').flatMap((notification) => notification.recipientUserIds)).toEqual([ingrid.aadObjectId]);
    });

    it('adds nothing for a double click on the form: its reason is the request\'s own', async () => {
      const kees = new Conversation(first, teamsUser('Kees Dubbel', 'nl-NL'));
      const confirmation = await kees.submits(form('Spanningen na reorganisatie'));
      const { caseId, code } = requestIn(confirmation);
      const second = await kees.submits(form('Spanningen na reorganisatie'));
      expect(lastReply(second)).toContain(`Je hebt al een lopende aanvraag (${code}), en dit bericht staat er al in.`);
      expect(lastReply(second)).not.toContain('is toegevoegd');
      expect((await stored(caseId)).addedMessages ?? []).toEqual([]);
    });

    it('reads a first dialogue form for danger too', async () => {
      const anne = new Conversation(first, teamsUser('Anne de Graaf', 'nl-NL'));
      const replies = await anne.submits(form(DANGER_NOW_NL));
      expect(cardText(replies[0])).toContain('Veiligheid eerst');
      expect((await stored(caseIdOn(replies.at(-1)))).urgent).toBe(true);
    });

    it('keeps a request of the other kind apart: "Send request" for an adviser makes an advice request of its own', async () => {
      const dialogueBefore = JSON.stringify(await stored(dialogueId));
      const send = await consentButton(new Conversation(first, marieke));
      const advice = await new Conversation(first, marieke).submits({ ...send, mode: 'named', urgent: 'false', message: 'Ik wil zelf ook iemand spreken' });
      expect(lastReply(advice)).toContain('Je aanvraag is verstuurd');
      const cases = await casesOf(marieke);
      expect(cases.map((found) => found.kind).sort()).toEqual(['advice', 'team-dialogue']);
      expect(JSON.stringify(await stored(dialogueId))).toBe(dialogueBefore);
    });
  });

  describe('words sent for another mode or another pool than the open request\'s', () => {
    it('does not add words sent as anonymous to a named request, says so plainly, and still marks it urgent', async () => {
      const nina = new Conversation(first, teamsUser('Nina Jansen', 'en-GB'));
      const confirmation = await nina.submits({ verb: 'handoff.confirm', flow: {}, mode: 'named', urgent: 'false', message: 'I would like to talk' });
      const { caseId, code } = requestIn(confirmation);
      const secret = 'Secret: it was my head of department';
      const again = await nina.submits({ verb: 'handoff.confirm', flow: {}, mode: 'anonymous', urgent: 'true', message: secret });
      expect(lastReply(again)).toContain(`Your open request ${code} is named`);
      expect(lastReply(again)).toContain(`cancel request ${code} and send it again`);
      expect(lastReply(again)).not.toContain('was added to request');
      expect(lastReply(again)).toContain('Your request is now marked urgent.');
      const after = await stored(caseId);
      expect(after).toMatchObject({ mode: 'named', urgent: true });
      expect(JSON.stringify(after)).not.toContain(secret);
      await deliver();
      expect(textsFor(femke).some((text) => text.includes(secret))).toBe(false);
    });

    it('does not add words sent with a name to an anonymous request, in Dutch too', async () => {
      const joris = new Conversation(first, teamsUser('Joris Bakker', 'nl-NL'));
      const confirmation = await joris.submits({ verb: 'handoff.confirm', flow: {}, mode: 'anonymous', urgent: 'false', message: 'Mijn collega scheldt me uit' });
      const { caseId, code } = requestIn(confirmation);
      const again = await joris.submits({ verb: 'handoff.confirm', flow: {}, mode: 'named', urgent: 'false', message: 'Het is Pieter van de apotheek' });
      expect(lastReply(again)).toContain(`Je lopende aanvraag ${code} is anoniem`);
      expect(lastReply(again)).not.toContain('urgent');
      expect(JSON.stringify(await stored(caseId))).not.toContain('Pieter');
    });

    it('does not send words for research integrity to the confidential advisers\' open request, and still marks it urgent', async () => {
      const omar = new Conversation(first, teamsUser('Omar Haddad', 'en-GB'));
      const confirmation = await omar.submits({ verb: 'handoff.confirm', flow: { topic: 'bullying' }, mode: 'anonymous', urgent: 'false', message: 'My team excludes me' });
      const { caseId, code } = requestIn(confirmation);
      const again = await omar.submits({ verb: 'handoff.confirm', flow: { topic: 'research-integrity' }, pool: 'research-integrity', mode: 'anonymous', urgent: 'true', message: 'Also my PI falsified figure 3' });
      expect(lastReply(again)).toContain(`Your open request ${code} goes to`);
      expect(lastReply(again)).toContain('it was not added to that request');
      expect(lastReply(again)).toContain('Your request is now marked urgent.');
      const after = await stored(caseId);
      expect(after).toMatchObject({ pool: 'confidential-advisers', urgent: true });
      expect(JSON.stringify(after)).not.toContain('falsified');
      await deliver();
      expect([...textsFor(femke), ...textsFor(rik)].some((text) => text.includes('falsified'))).toBe(false);
    });

    it('says "now marked urgent" only when this request made it urgent', async () => {
      const uma = new Conversation(first, teamsUser('Uma Reddy', 'en-GB'));
      await uma.submits({ verb: 'handoff.confirm', flow: {}, mode: 'anonymous', urgent: 'true', message: 'Please call me today' });
      const again = await uma.submits({ verb: 'handoff.confirm', flow: {}, mode: 'anonymous', urgent: 'true' });
      expect(lastReply(again)).not.toContain('now marked urgent');
      const withWords = await uma.submits({ verb: 'handoff.confirm', flow: {}, mode: 'anonymous', urgent: 'true', message: 'It is about my team lead' });
      expect(lastReply(withWords)).toContain('your message was added to request');
      expect(lastReply(withWords)).not.toContain('now marked urgent');
    });
  });

  describe('stale or forged card data', () => {
    const tim = teamsUser('Tim de Vries', 'en-GB');
    const mallory = teamsUser('Mallory Kent', 'en-GB');
    let timsCase = '';
    let timsCode = '';

    it('refuses another person\'s case id in the card data with the expired-card notice, and changes nothing', async () => {
      const person = new Conversation(first, tim);
      const send = await consentButton(person);
      const confirmation = await person.submits({ ...send, mode: 'anonymous', contact: 'teams-chat', urgent: 'false', message: 'Someone keeps taking credit for my work' });
      ({ caseId: timsCase, code: timsCode } = requestIn(confirmation));
      await deliver();
      const before = JSON.stringify(await stored(timsCase));
      const forged = [
        { ...send, caseId: timsCase, mode: 'anonymous', urgent: 'true', message: DANGER_NOW },
        { verb: 'dialogue.confirm', format: 'team', caseId: timsCase, team: 'X', teamSize: 'small', preferredPeriod: 'now', reason: DANGER_NOW, contact: 'Teams' },
        { ...send, mode: 'anonymous', urgent: 'yes', message: DANGER_NOW },
        { ...send, mode: 'anonymous', message: 'x'.repeat(501) },
      ];
      for (const data of forged) {
        const replies = await new Conversation(first, mallory).submits(data);
        // Danger in what the refused form holds still shows the emergency card first (red team stop 34 #5); a message
        // that is only too long is told so. Nothing else changes.
        expect(replies.map(cardText).join('\n')).toMatch(/This button no longer works|longer than it takes, so I sent nothing/);
        if (Object.values(data).includes(DANGER_NOW)) expect(cardText(replies[0])).toContain('Do not put yourself in danger');
        for (const reply of replies) expect(cardText(reply)).not.toContain(timsCode);
      }
      expect(JSON.stringify(await stored(timsCase))).toBe(before);
      expect(await casesOf(mallory)).toEqual([]);
    });

    it('starts a new request from an older consent card once the open one is closed, and leaves the closed one as it was', async () => {
      const person = new Conversation(first, tim);
      const cancelled = await person.submits({ verb: 'handoff.cancel', caseId: timsCase });
      expect(lastReply(cancelled)).toContain(timsCode);
      const closedBefore = JSON.stringify(await stored(timsCase));
      const fresh = await person.submits({ verb: 'handoff.confirm', flow: {}, mode: 'anonymous', urgent: 'false', message: 'I still want to talk about it' });
      expect(lastReply(fresh)).toContain('Your request has been sent');
      expect(lastReply(fresh)).not.toContain(timsCode);
      expect(JSON.stringify(await stored(timsCase))).toBe(closedBefore);
      expect((await casesOf(tim)).filter((found) => found.status !== 'cancelled')).toHaveLength(1);
    });

    it('says plainly when an open request cannot take more messages, and still marks it urgent', async () => {
      const ruben = new Conversation(first, teamsUser('Ruben Smit', 'en-GB'));
      const send = await consentButton(ruben);
      const confirmation = await ruben.submits({ ...send, mode: 'anonymous', urgent: 'false', message: 'First message' });
      const { caseId, code } = requestIn(confirmation);
      for (let index = 1; index <= 20; index += 1) {
        const added = await ruben.submits({ ...send, mode: 'anonymous', urgent: 'false', message: `Added detail number ${index}` });
        expect(lastReply(added)).toContain(`your message was added to request ${code}`);
      }
      const full = await ruben.submits({ ...send, mode: 'anonymous', urgent: 'false', message: DANGER_NOW });
      expect(cardText(full[0])).toContain('Safety first');
      expect(lastReply(full)).toContain(`You already have an open request (${code}), but this message was not added`);
      expect(lastReply(full)).toContain('Your request is now marked urgent.');
      const after = await stored(caseId);
      expect(after.addedMessages).toHaveLength(20);
      expect(after.urgent).toBe(true);
    });
  });
});
