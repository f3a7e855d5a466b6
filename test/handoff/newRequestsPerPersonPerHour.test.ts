import type { HandoffCase } from '../../src/handoff/handoffCase';
import type { RunningBot } from '../support/botHarness';
import { allActions, buttonTitles, cardText, Conversation, type BotReply } from '../support/conversation';
import { CASE_CODE, openConsent, sendRequestValue } from '../support/handoffRequests';
import type { LocalGraph } from '../support/localGraph';
import { TestClock } from '../support/testClock';
import { startTwoInstances, type TwoInstances } from '../support/twoInstances';
import { teamsUser, type TeamsUser } from '../support/teamsActivities';

/**
 * One person cannot flood the advisers' chats with new requests: at most REQUESTS_PER_PERSON_PER_HOUR
 * (3 by default) new requests of a kind in a rolling hour, counted from the cases in the store, so
 * two instances on one store hold the same count. Above it the person is told the request was not
 * sent and when one can be, with their open request and the emergency numbers; nothing of it is
 * stored and nobody is notified. A request that may concern danger is never refused: ticked urgent,
 * danger now or unclear in its message, or made while the danger question waits for an answer.
 * Found by the red team at stop 30 (finding 6): "Send request", "Cancel", twelve times in a minute,
 * put twelve new-request cards with their text in every adviser's chat and twelve feed
 * notifications, around RELAY_MESSAGES_PER_MINUTE. Two instances on one SQLite file, the adviser in
 * a Graph group on the local Graph stand-in.
 */
jest.setTimeout(120_000);

const adviser = teamsUser('Ilse Ingeschreven', 'nl-NL');
const flooder = teamsUser('Daan Drukker', 'en-GB');
const ROUNDS = 12;
/** What one person's honest use needs in an hour: a request, cancelled by mistake, sent again, and one more. */
const MOST_NEW_REQUEST_CARDS_PER_PERSON_PER_HOUR = 3;

let instances: TwoInstances | undefined;
let first: RunningBot;
let viaSecond: RunningBot;
let graph: LocalGraph;
const clock = new TestClock('2026-11-24T10:00:00Z'); // a Tuesday morning, within office hours; 11:00 in Amsterdam

beforeAll(async () => {
  instances = await startTwoInstances('sqlite', {
    clock,
    graphToken: 'graph-token-for-request-limit-tests',
    groups: { 'advisors-group': [adviser] },
    groupSettings: { ADVISOR_GROUP_ID: 'advisors-group' },
  });
  ({ first, viaSecond, graph } = instances);
});
afterAll(async () => {
  await instances?.stop();
});

const deliver = () => first.app.outbox.runDueJobs();
const casesOf = async (person: TeamsUser): Promise<HandoffCase[]> => {
  const key = first.app.services.personKeys.keyFor(person.aadObjectId);
  return (await first.app.store.listPartition<HandoffCase>('cases', 'case')).map((row) => row.value).filter((found) => found.requester.personKey === key);
};
const caseIdOn = (reply: BotReply | undefined) => allActions(reply?.card ?? {}).find((action) => action.data?.caseId)?.data.caseId as string | undefined;
/** A card's text with the case code's non-breaking hyphens as typed. */
const textOf = (reply: BotReply | undefined) => cardText(reply).replace(/\u2011/g, '-');

/** "Talk to a confidential adviser", then "Send request" with what the consent card asks; every reply to the send. */
async function sendRequest(
  bot: RunningBot,
  person: TeamsUser,
  fields: { readonly message?: string; readonly urgent?: boolean } = {},
  asks = 'talk',
): Promise<BotReply[]> {
  const { sendRequest: send } = await openConsent(bot, person, asks);
  return new Conversation(bot, person).submits(sendRequestValue(send, fields));
}

describe('one person who sends and cancels requests in a loop, on two instances', () => {
  it('puts at most three new-request cards in the adviser\'s chat in an hour, and tells the person of the rest with the numbers', async () => {
    const before = new Conversation(first, adviser).proactiveCards().length;
    const notifiedBefore = graph.deliveredNotifications().filter((notification) => notification.activityType === 'newCase').length;
    const refusals: BotReply[] = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      // Every other round on the other instance: the count is the store's, not one process's.
      const bot = round % 2 === 1 ? first : viaSecond;
      const replies = await sendRequest(bot, flooder, { message: `Round ${round}: answer me now` });
      const answer = replies.at(-1);
      const caseId = caseIdOn(answer);
      if (caseId) {
        await deliver();
        const [cancelled] = await new Conversation(bot, flooder).submits({ verb: 'handoff.cancel', caseId });
        expect(cardText(cancelled)).not.toBe('');
      } else {
        refusals.push(answer!);
      }
      await deliver();
      clock.advanceMinutes(1 / 12);
    }
    const newRequestCards = new Conversation(first, adviser)
      .proactiveCards()
      .slice(before)
      .filter((card) => /Round \d+: answer me now/.test(JSON.stringify(card)));
    // The flood reached the adviser's chat once per round: 12 cards within a minute.
    expect(newRequestCards.length).toBeLessThanOrEqual(MOST_NEW_REQUEST_CARDS_PER_PERSON_PER_HOUR);
    expect(newRequestCards.length).toBe(3);
    expect(graph.deliveredNotifications().filter((notification) => notification.activityType === 'newCase').length - notifiedBefore).toBe(3);

    // The rest were refused, each with an answer that says so, when a request can be sent again (an
    // hour after the first, in the person's time zone) and the emergency numbers; nothing of them is kept.
    expect(refusals).toHaveLength(ROUNDS - 3);
    for (const refusal of refusals) {
      const text = textOf(refusal);
      expect(text).toContain('Request not sent');
      expect(text).toContain('You have sent 3 requests for an adviser in the past hour, so I have not sent this one');
      expect(text).toContain('You can send a new request from 12:00.');
      expect(text).toContain('an urgent request is always sent');
      expect(text).toMatch(/In danger now\? Call 112/);
      expect(buttonTitles(refusal)).toEqual(['Menu']);
    }
    const stored = await casesOf(flooder);
    expect(stored).toHaveLength(3);
    const rows = JSON.stringify(await first.app.store.listPartition('cases', 'case'));
    for (let round = 4; round <= ROUNDS; round += 1) expect(rows).not.toContain(`Round ${round}:`);
  });

  it('never refuses a request that may concern danger: ticked urgent, danger in its message, or while the danger question waits', async () => {
    const [over] = (await sendRequest(first, flooder)).slice(-1);
    expect(textOf(over)).toContain('Request not sent');

    const urgent = await sendRequest(viaSecond, flooder, { urgent: true });
    const urgentCase = caseIdOn(urgent.at(-1));
    expect(textOf(urgent.at(-1))).toMatch(CASE_CODE);
    await new Conversation(first, flooder).submits({ verb: 'handoff.cancel', caseId: urgentCase });

    const danger = await sendRequest(first, flooder, { message: 'Someone is threatening a colleague with a knife right now' });
    expect(cardText(danger[0])).toContain('112');
    const dangerCase = caseIdOn(danger.at(-1));
    expect(dangerCase).toBeDefined();
    expect(textOf(danger.at(-1))).not.toContain('Request not sent');
    await new Conversation(first, flooder).submits({ verb: 'handoff.cancel', caseId: dangerCase });

    // The danger question asked and not answered: the person asks for a person instead (the consent card further up).
    const { sendRequest: send } = await openConsent(viaSecond, flooder);
    const [question] = await new Conversation(viaSecond, flooder).says('A colleague threatened a nurse with a knife');
    expect(cardText(question)).toContain('Is anyone in immediate danger right now');
    const whileAsked = await new Conversation(first, flooder).submits(sendRequestValue(send, {}));
    expect(caseIdOn(whileAsked.at(-1))).toBeDefined();
    expect(textOf(whileAsked.at(-1))).not.toContain('Request not sent');
    await deliver();
  });
});

describe('a dialogue request that may concern danger', () => {
  it('is never refused: a reason that tells of danger now, or one made while the danger question waits', async () => {
    const lead = teamsUser('Ruud Teamleider', 'en-GB');
    const person = new Conversation(first, lead);
    const form = (reason: string) => ({ verb: 'dialogue.confirm', format: 'team', team: 'Ward 7', teamSize: 'small', preferredPeriod: 'March', reason, contact: 'Teams' });
    const sendAndCancel = async (reason: string) => {
      const replies = await person.submits(form(reason));
      const caseId = caseIdOn(replies.at(-1));
      if (caseId) await person.submits({ verb: 'handoff.cancel', caseId });
      return replies;
    };
    for (let round = 1; round <= 3; round += 1) expect(caseIdOn((await sendAndCancel(`Tension in the team after the merger, round ${round}`)).at(-1))).toBeDefined();
    expect(textOf((await sendAndCancel('Tension in the team after the merger, again')).at(-1))).toContain('Request not sent');

    const danger = await sendAndCancel('Someone is threatening a colleague with a knife right now');
    expect(cardText(danger[0])).toContain('112');
    expect(caseIdOn(danger.at(-1))).toBeDefined();
    expect(textOf(danger.at(-1))).not.toContain('Request not sent');

    const [question] = await new Conversation(viaSecond, lead).says('A colleague threatened a nurse with a knife');
    expect(cardText(question)).toContain('Is anyone in immediate danger right now');
    const whileAsked = await sendAndCancel('We need to talk about what happened on the ward');
    expect(caseIdOn(whileAsked.at(-1))).toBeDefined();
    expect(textOf(whileAsked.at(-1))).not.toContain('Request not sent');
    await deliver();
  });
});

describe('the hour is rolling, per kind, and the answer points to the open request', () => {
  const manager = teamsUser('Mirjam Leiding', 'nl-NL');
  const dialogueForm = (reason: string) => ({ verb: 'dialogue.confirm', format: 'team', team: 'Afdeling Radiologie', teamSize: 'small', preferredPeriod: 'maart', reason, contact: 'Teams' });

  it('refuses a fourth request in Dutch naming the open dialogue request, and takes one again once the first has left the hour', async () => {
    const person = new Conversation(first, manager);
    clock.advanceMinutes(5);
    const startedAt = clock.now();
    for (let round = 1; round <= 3; round += 1) {
      const caseId = caseIdOn((await sendRequest(first, manager, {}, 'vertrouwenspersoon')).at(-1));
      expect(caseId).toBeDefined();
      await person.submits({ verb: 'handoff.cancel', caseId });
      clock.advanceMinutes(10);
    }
    // Another kind counts on its own: the team dialogue request goes, and stays open.
    const [dialogue] = (await person.submits(dialogueForm('Spanningen na een reorganisatie'))).slice(-1);
    const dialogueCode = CASE_CODE.exec(textOf(dialogue))![0];

    const [refused] = (await sendRequest(viaSecond, manager, {}, 'vertrouwenspersoon')).slice(-1);
    const text = textOf(refused);
    expect(text).toContain('Aanvraag niet verstuurd');
    expect(text).toContain('Je hebt het afgelopen uur 3 aanvragen voor een vertrouwenspersoon verstuurd');
    const nextAllowed = new Date(startedAt.getTime() + 60 * 60_000).toLocaleTimeString('nl-NL', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit' });
    expect(text).toContain(`Vanaf ${nextAllowed} kun je een nieuwe aanvraag versturen.`);
    expect(text).toContain(`Je aanvraag ${dialogueCode} staat nog open`);
    expect(text).toContain('112');
    expect(buttonTitles(refused!)).toEqual(['Status bekijken']);

    // The first request leaves the hour: one more may be sent.
    clock.advanceMinutes(60 - 30 + 1);
    const again = await sendRequest(viaSecond, manager, {}, 'vertrouwenspersoon');
    expect(caseIdOn(again.at(-1))).toBeDefined();
    expect(textOf(again.at(-1))).not.toContain('Aanvraag niet verstuurd');
    expect((await casesOf(manager)).filter((found) => found.kind === 'advice')).toHaveLength(4);
  });
});
