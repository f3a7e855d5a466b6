import type { HandoffCase } from '../../src/handoff/handoffCase';
import type { RunningBot } from '../support/botHarness';
import { cardText, Conversation, type BotReply } from '../support/conversation';
import { openConsent, requestAdviser } from '../support/handoffRequests';
import type { LocalGraph } from '../support/localGraph';
import { postToBot } from '../support/postToBot';
import { TestClock } from '../support/testClock';
import { startTwoInstances, type TwoInstances } from '../support/twoInstances';
import { settledWhileClockRuns } from '../support/whileClockRuns';
import { cardSubmitActivity, teamsUser, type TeamsUser } from '../support/teamsActivities';

/**
 * Safety first, on a consent card whose people have changed since it was drawn (or one an earlier version drew, without
 * a pool): nothing is sent and the card comes again (requestGoesOnlyToPeopleItsCardNamed.test.ts), but danger now in
 * its message, or a ticked urgent, still makes the person's open request urgent for whoever has it, as the same press
 * on a current card does and the same words typed in the chat do. Urgency carries no words: what they wrote reaches
 * no adviser, and the person is told so. First found by the red team (stop 32, finding 5): the emergency card and the
 * card again, the open request left not urgent. Two bot instances on one store (SQLite, and Azure Tables on Azurite).
 */
jest.setTimeout(180_000);

const GRAPH_TOKEN = 'graph-token-for-changed-consent-card-tests';
const DANGER_NOW = 'He is hitting her right now in the lab, please come';
const CALM = 'I would also like to ask about the authorship of our paper.';

describe.each(['sqlite', 'azure-tables'] as const)('danger on a consent card whose people changed, two instances on %s', (storage) => {
  const anna = teamsUser('Anna Dringend', 'en-GB');
  const bas = teamsUser('Bas Dringend', 'nl-NL');
  const pieter = teamsUser('Pieter Dringend', 'en-GB');
  const clock = new TestClock('2026-11-24T10:00:00Z');
  let instances: TwoInstances | undefined;
  let graph: LocalGraph;
  let first: RunningBot;
  let second: RunningBot;
  let viaSecond: RunningBot;

  beforeAll(async () => {
    instances = await startTwoInstances(storage, {
      clock,
      graphToken: GRAPH_TOKEN,
      groups: { 'advisors-group': [anna], 'backup-group': [bas], 'ri-group': [pieter] },
      groupSettings: { ADVISOR_GROUP_ID: 'advisors-group', BACKUP_GROUP_ID: 'backup-group', ADVISER_POOL_GROUPS: 'research-integrity=ri-group' },
    });
    ({ graph, first, second, viaSecond } = instances);
  });
  afterAll(async () => {
    await instances?.stop();
  });

  const stored = async (caseId: string) => (await first.app.store.get<HandoffCase>('cases', 'case', caseId))!.value;
  const readable = (reply: BotReply | undefined) => cardText(reply).replace(/\u2011/g, '-');
  const adviserCardsAbout = (adviser: TeamsUser, code: string) =>
    [
      ...new Conversation(first, adviser).proactiveCards(),
      ...first.connector.calls.filter((call) => call.method === 'PUT' && call.conversationId === adviser.conversationId).map((call) => call.activity.attachments?.[0]?.content),
    ]
      .map((card) => readable({ card }))
      .filter((text) => text.includes(code));
  const urgentNoticesAbout = (code: string) =>
    graph.deliveredNotifications().filter((notification) => notification.activityType === 'caseUrgent' && notification.templateParameters.caseCode === code);

  /**
   * The "Send request" of a research-integrity consent card further up the person's chat, drawn before their open
   * request: as it was drawn before its people changed, and as an earlier version drew it.
   */
  async function researchIntegrityCards(person: TeamsUser) {
    const { sendRequest: current } = await openConsent(first, person, { topic: 'research-integrity' });
    expect(current).toMatchObject({ pool: 'research-integrity' });
    const { pool: _pool, backup: _backup, ...olderForm } = current;
    return {
      /** Drawn before the counsellor's pool got its people: it named the confidential advisers. */
      peopleChanged: { ...current, pool: 'confidential-advisers' },
      /** Drawn by an earlier version, which put no pool on the card. */
      olderForm,
    };
  }

  it.each([
    ['an earlier version drew', 'olderForm', 'Nothing was sent: this form is from an earlier version of this bot.'],
    ['drawn before its people changed', 'peopleChanged', 'Nothing was sent: who sees requests like yours has changed since you opened this form.'],
  ] as const)('makes the open request urgent for danger now on a card %s, adds none of the words and tells the person', async (_drawn, card, notSent) => {
    const kim = teamsUser(`Kim Dringend ${card}`, 'en-GB');
    const cards = await researchIntegrityCards(kim);
    const { caseId, code } = await requestAdviser(first, kim, { message: 'I would like to talk about my supervisor.' });
    await first.app.outbox.runDueJobs();
    expect(await stored(caseId)).toMatchObject({ urgent: false });

    // Pressed on the other instance.
    const replies = await new Conversation(viaSecond, kim).submits({ ...cards[card], mode: 'anonymous', contact: 'teams-chat', urgent: 'false', message: DANGER_NOW });
    expect(readable(replies[0])).toContain('Safety first');
    expect(readable(replies[1])).toContain(notSent);
    expect(readable(replies.at(-1))).toContain(`Your open request ${code} is now marked urgent, so whoever has it knows it cannot wait. What you typed here was not sent with it.`);
    expect(replies).toHaveLength(3);

    const after = await stored(caseId);
    expect(after).toMatchObject({ urgent: true, urgentSince: clock.now().toISOString(), message: 'I would like to talk about my supervisor.' });
    expect(after.addedMessages?.filter((added) => added.text !== null) ?? []).toEqual([]);
    expect(JSON.stringify(after)).not.toContain('hitting her');
    // Whoever has it is told: the badge on their card, drawn again, and an urgent notification; never the words.
    await first.app.outbox.runDueJobs();
    expect(urgentNoticesAbout(code).flatMap((notification) => notification.recipientUserIds)).toEqual([anna.aadObjectId]);
    expect(adviserCardsAbout(anna, code).at(-1)).toContain('⚠ URGENT');
    for (const adviser of [anna, bas, pieter]) expect(adviserCardsAbout(adviser, code).join('\n')).not.toContain('hitting her');
  });

  it('makes it urgent for a ticked urgent on a card drawn before its people changed, once when Teams sends the press to both instances', async () => {
    const lisa = teamsUser('Lisa Dringend', 'en-GB');
    const { peopleChanged } = await researchIntegrityCards(lisa);
    const { caseId, code } = await requestAdviser(first, lisa, { message: 'Someone in my group copies my data into his thesis.' });
    await first.app.outbox.runDueJobs();

    const press = cardSubmitActivity(lisa, first.connector.url, { ...peopleChanged, mode: 'anonymous', contact: 'teams-chat', urgent: 'true' });
    const responses = await settledWhileClockRuns(clock, Promise.all([postToBot(first, press), postToBot(second, press)]));
    for (const response of responses) expect(response.status).toBe(200);
    const answers = first.connector.repliesTo(press.id).map((call) => readable({ card: call.activity.attachments?.[0]?.content }));
    expect(answers.some((text) => text.includes('Nothing was sent: who sees requests like yours has changed since you opened this form.'))).toBe(true);
    expect(answers.filter((text) => text.includes(`Your open request ${code} is now marked urgent, so whoever has it knows it cannot wait.`))).toHaveLength(1);
    expect(answers.join('\n')).not.toContain('What you typed here');

    const after = await stored(caseId);
    expect(after.urgent).toBe(true);
    expect(after.addedMessages?.filter((added) => added.text !== null) ?? []).toEqual([]);
    await first.app.outbox.runDueJobs();
    expect(urgentNoticesAbout(code)).toHaveLength(1);
  });

  it('leaves the open request as it was for calm words on such a card', async () => {
    const jan = teamsUser('Jan Dringend', 'en-GB');
    const { peopleChanged } = await researchIntegrityCards(jan);
    const { caseId } = await requestAdviser(first, jan, { message: 'My colleague keeps making remarks about my accent.' });
    const before = await stored(caseId);

    const replies = await new Conversation(first, jan).submits({ ...peopleChanged, mode: 'anonymous', contact: 'teams-chat', urgent: 'false', message: CALM });
    expect(replies).toHaveLength(1);
    expect(readable(replies[0])).toContain('Nothing was sent');
    expect(await stored(caseId)).toEqual(before);
  });
});
