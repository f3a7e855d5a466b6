import type { HandoffCase } from '../../src/handoff/handoffCase';
import type { RunningBot } from '../support/botHarness';
import { allActions, buttonTitles, cardText, Conversation, type BotReply } from '../support/conversation';
import { startBotWithGraphGroups } from '../support/graphBot';
import { requestAdviser } from '../support/handoffRequests';
import type { LocalGraph } from '../support/localGraph';
import { TestClock } from '../support/testClock';
import { teamsUser, type TeamsUser } from '../support/teamsActivities';

/**
 * "Ask for another adviser" moves a request away from its adviser only while someone else could
 * take it: the rest of its pool or the pool's backup group, without those the requester moved away
 * from before and without the requester themselves. Where nobody is left (the research integrity
 * counsellor is one person, with no backup group) the request stays with its adviser, nobody is
 * told, and the person hears so plainly, with where else to go and the emergency numbers. Found by
 * the red team at stop 30 (finding 5): the person was told "it is going to another adviser" and
 * the request then waited for nobody until it expired. Advisers in Graph groups on the local Graph
 * stand-in.
 */
jest.setTimeout(60_000);

const counsellor = teamsUser('Pieter Integriteit', 'nl-NL');
const anna = teamsUser('Anna Gedrag', 'nl-NL');
const bram = teamsUser('Bram Gedrag', 'nl-NL');
const officer = teamsUser('Iris Meldpunt', 'nl-NL');
const officeBackup = teamsUser('Olaf Achtervang', 'nl-NL');

const NOBODY_ELSE = 'Nobody else can take your request';
const GOING_TO_ANOTHER = 'is going to another adviser';

let bot: RunningBot;
let graph: LocalGraph;
const clock = new TestClock('2026-11-24T10:00:00Z'); // a Tuesday morning, within office hours

beforeAll(async () => {
  ({ bot, graph } = await startBotWithGraphGroups(
    {
      'advisors-group': [anna, bram],
      'research-integrity-group': [counsellor],
      'integrity-office-group': [officer],
      'integrity-office-backup': [officeBackup],
    },
    {
      ADVISOR_GROUP_ID: 'advisors-group',
      ADVISER_POOL_GROUPS: 'research-integrity=research-integrity-group,integrity-office=integrity-office-group',
      ADVISER_POOL_BACKUP_GROUPS: 'integrity-office=integrity-office-backup',
    },
    clock,
  ));
});
afterAll(async () => {
  await bot.stop();
  await graph.stop();
});

const stored = async (caseId: string) => (await bot.app.store.get<HandoffCase>('cases', 'case', caseId))!.value;
const deliver = () => bot.app.outbox.runDueJobs();
/** A card's text with the case code's non-breaking hyphens as typed. */
const textOf = (reply: BotReply | undefined) => cardText(reply).replace(/\u2011/g, '-');
const proactiveCount = (people: readonly TeamsUser[]) => people.reduce((count, person) => count + new Conversation(bot, person).proactiveCards().length, 0);

/** A request of `person` on `topic`, claimed by `adviser`; the person's status card after it. */
async function claimedRequest(person: TeamsUser, topic: string, adviser: TeamsUser, asksStatus = 'my request'): Promise<{ caseId: string; code: string; status: BotReply }> {
  const { caseId, code } = await requestAdviser(bot, person, { mode: 'anonymous', asks: { topic } });
  await deliver();
  await new Conversation(bot, adviser).executes('case.claim', { caseId });
  await deliver();
  const [status] = await new Conversation(bot, person).says(asksStatus);
  return { caseId, code, status: status! };
}

/** Presses "Ask for another adviser" when the status card offers it; its answer, if it was offered. */
async function askForAnotherAdviser(person: TeamsUser, status: BotReply): Promise<{ offered: boolean; answer: BotReply | undefined }> {
  const button = allActions(status.card ?? {}).find((action) => action.data?.verb === 'handoff.anotherAdviser');
  if (!button) return { offered: false, answer: undefined };
  const [answer] = await new Conversation(bot, person).submits(button.data, status.id);
  return { offered: true, answer };
}

describe('"Ask for another adviser" where nobody else could take the request', () => {
  it('keeps a pool of one without a backup group with its adviser, tells nobody, and tells the person so with the numbers and where else to go', async () => {
    const researcher = teamsUser('Kim Onderzoek', 'en-GB');
    const { caseId, code, status } = await claimedRequest(researcher, 'research-integrity', counsellor);
    const before = await stored(caseId);
    const cardsBefore = proactiveCount([counsellor, anna, bram, officer, officeBackup]);
    const notificationsBefore = graph.deliveredNotifications().length;

    const { offered, answer } = await askForAnotherAdviser(researcher, status);
    // Either the button is not offered where nobody else can take the request, or the answer says so.
    expect({ offered, promisesAnotherAdviser: textOf(answer).includes(GOING_TO_ANOTHER) }).not.toEqual({ offered: true, promisesAnotherAdviser: true });
    if (offered) {
      expect(textOf(answer)).toContain(`${NOBODY_ELSE} ${code}`);
      expect(textOf(answer)).toMatch(/112/);
      expect(buttonTitles(answer!)).toEqual(['View status', 'How to report']);
    }

    // Nothing changed: the counsellor keeps the case, is not moved away from it, and nobody is notified.
    await deliver();
    const after = await stored(caseId);
    expect(after.status).toBe('claimed');
    expect(after.claimedBy?.userId).toBe(counsellor.aadObjectId);
    expect(after.movedAwayFrom ?? []).toEqual([]);
    expect(after.releases ?? 0).toBe(before.releases ?? 0);
    expect(proactiveCount([counsellor, anna, bram, officer, officeBackup])).toBe(cardsBefore);
    expect(graph.deliveredNotifications().length).toBe(notificationsBefore);
    const claimAgain = await new Conversation(bot, counsellor).executes('case.claim', { caseId });
    expect(cardText({ card: claimAgain })).toMatch(/Opgepakt door Pieter/);

    // And the conversation goes on: what the person writes reaches the counsellor.
    await new Conversation(bot, researcher).says('Thank you, I will think about it');
    await deliver();
    expect(new Conversation(bot, counsellor).proactiveCards().some((card) => JSON.stringify(card).includes('Thank you, I will think about it'))).toBe(true);
  });

  it('does not count the requester: an adviser whose only colleague has their request keeps it with that colleague', async () => {
    const { caseId, code, status } = await claimedRequest(bram, 'bullying', anna, 'mijn aanvraag');
    const { answer } = await askForAnotherAdviser(bram, status);
    expect(textOf(answer)).toContain(`Niemand anders kan je aanvraag ${code} oppakken`);
    expect(textOf(answer)).not.toContain('gaat naar een andere vertrouwenspersoon');
    expect((await stored(caseId)).claimedBy?.userId).toBe(anna.aadObjectId);
    await new Conversation(bot, bram).submits({ verb: 'handoff.close', caseId });
  });

  it('does not count an adviser the person moved away from before: the second ask in a pool of two keeps the request', async () => {
    const person = teamsUser('Noor Verpleegkundige', 'en-GB');
    const { caseId, code, status } = await claimedRequest(person, 'bullying', anna);
    const first = await askForAnotherAdviser(person, status);
    expect(textOf(first.answer)).toContain(`Your request ${code} ${GOING_TO_ANOTHER}`);
    await deliver();
    await new Conversation(bot, bram).executes('case.claim', { caseId });
    await deliver();

    const [statusWithBram] = await new Conversation(bot, person).says('my request');
    const second = await askForAnotherAdviser(person, statusWithBram!);
    expect(textOf(second.answer)).toContain(`${NOBODY_ELSE} ${code}`);
    const after = await stored(caseId);
    expect(after.claimedBy?.userId).toBe(bram.aadObjectId);
    expect(after.movedAwayFrom).toEqual([anna.aadObjectId]);
  });

  it('still moves a pool of one with a backup group, whose people can take the request', async () => {
    const person = teamsUser('Sam Inkoop', 'en-GB');
    const { caseId, code, status } = await claimedRequest(person, 'other-integrity', officer);
    const { answer } = await askForAnotherAdviser(person, status);
    expect(textOf(answer)).toContain(`Your request ${code} ${GOING_TO_ANOTHER}`);
    expect((await stored(caseId)).movedAwayFrom).toEqual([officer.aadObjectId]);
    const claimed = await new Conversation(bot, officeBackup).executes('case.claim', { caseId });
    expect(cardText({ card: claimed })).toMatch(/Opgepakt door Olaf/);
  });

  it('answers "busy, try again in a minute" and changes nothing while the directory cannot say who is in the pool', async () => {
    const person = teamsUser('Lena Lab', 'en-GB');
    const { caseId, status } = await claimedRequest(person, 'research-integrity', counsellor);
    clock.advanceMinutes(6); // past the roster's cache
    graph.failNext('/members', [
      { status: 429, retryAfterSeconds: 1, code: 'TooManyRequests' },
      { status: 429, retryAfterSeconds: 1, code: 'TooManyRequests' },
    ]);
    const { answer } = await askForAnotherAdviser(person, status);
    expect(textOf(answer)).toContain('try again in a minute');
    expect(textOf(answer)).not.toContain(GOING_TO_ANOTHER);
    expect((await stored(caseId)).claimedBy?.userId).toBe(counsellor.aadObjectId);
    await bot.app.roster.settled();
  });
});
