import path from 'node:path';
import { consentCardAudience, deployPools } from '../../src/handoff/adviserPools';
import { loadContent } from '../../src/content/loadContent';
import { startBot, type RunningBot } from '../support/botHarness';
import { allActions, cardText, Conversation, type BotReply, type Card } from '../support/conversation';
import { sendRequestValue } from '../support/handoffRequests';
import { storedRowCounts } from '../support/storedRows';
import { TestClock } from '../support/testClock';
import { teamsUser, type TeamsUser } from '../support/teamsActivities';

/**
 * "The person decides. Nothing is shared with an advisor without an explicit consent step that shows exactly what will
 * be shared" (PRODUCT.md); the consent card names who will see the request. Its "Send request" names them too (the
 * pool, whether its backup comes in), and a request whose people have changed since the card was drawn (a deployment
 * gave a pool its people or took them away, a content release moved a topic) is not sent: the consent card comes again,
 * naming who would see it now, with what the person wrote and chose still filled in. First found by the red team
 * (stop 31, finding 3): the card said "the confidential advisers", the research integrity counsellor got the message.
 */
const clock = new TestClock('2026-11-24T10:00:00Z');
const anna = teamsUser('Anna Vertrouwens', 'en-GB');
const pieter = teamsUser('Pieter Integriteit', 'en-GB');
const kim = teamsUser('Kim Onderzoeker', 'en-GB');
const MESSAGE = 'My supervisor put his name first on the paper I wrote alone; please keep this between us.';
const WITHOUT_POOL = { LOCAL_ADVISORS: `${anna.aadObjectId}:${anna.name}` };
const WITH_POOL = { ...WITHOUT_POOL, LOCAL_ADVISER_POOLS: `research-integrity=${pieter.aadObjectId}:${pieter.name}` };
let before: RunningBot | undefined;
let after: RunningBot | undefined;
afterEach(async () => {
  await before?.stop();
  await after?.stop();
  before = after = undefined;
});

function cardsWithMessage(bot: RunningBot, person: TeamsUser): string[] {
  return new Conversation(bot, person).proactiveCards().map((card) => cardText({ card })).filter((text) => text.includes('please keep this between us'));
}

function sendRequestOn(reply: BotReply | undefined): Record<string, unknown> {
  return allActions(reply!.card!).find((action) => action.data?.verb === 'handoff.confirm')!.data as Record<string, unknown>;
}

/** What an input of the card holds before the person touches it. */
function inputValue(card: Card, id: string): unknown {
  let value: unknown;
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      if ((node as Card).id === id && String((node as Card).type).startsWith('Input.')) value = (node as Card).value;
      Object.values(node).forEach(visit);
    }
  };
  visit(card);
  return value;
}

/** The consent card as one bot draws it, and the same "Send request" pressed on another bot started after a change. */
async function consentThenChange(topic: string, first: Record<string, string>, second: Record<string, string>) {
  before = await startBot(first, { clock, runBackgroundWork: false });
  const [consent] = await new Conversation(before, kim).submits({ verb: 'handoff.start', flow: { topic } });
  const sendRequest = sendRequestOn(consent);
  await before.stop();
  before = undefined;
  after = await startBot(second, { clock, runBackgroundWork: false });
  for (const adviser of [anna, pieter]) await new Conversation(after, adviser).installs();
  return { consent: consent!, sendRequest, bot: after };
}

describe('a consent card pressed after the people it named have changed', () => {
  it('sends nothing when a pool got its people since, and shows the card again naming them, with what the person wrote', async () => {
    const { consent, sendRequest, bot } = await consentThenChange('research-integrity', WITHOUT_POOL, WITH_POOL);
    expect(cardText(consent)).toContain('Your request will be visible only to the confidential advisers');

    const replies = await new Conversation(bot, kim).submits(sendRequestValue(sendRequest, { mode: 'anonymous', message: MESSAGE, contact: 'call', urgent: true }));
    await bot.app.outbox.runDueJobs();

    expect(cardsWithMessage(bot, pieter)).toEqual([]);
    expect(cardsWithMessage(bot, anna)).toEqual([]);
    expect(storedRowCounts(bot).cases).toBe(0);
    const again = replies.at(-1)!;
    expect(cardText(again)).toContain('Nothing was sent: who sees requests like yours has changed since you opened this form.');
    expect(cardText(again)).toContain('Your request will be visible only to the research integrity counsellor');
    expect(cardText(again)).not.toContain('visible only to the confidential advisers');
    expect(inputValue(again.card!, 'message')).toBe(MESSAGE);
    expect(inputValue(again.card!, 'mode')).toBe('anonymous');
    expect(inputValue(again.card!, 'contact')).toBe('call');
    expect(inputValue(again.card!, 'urgent')).toBe('true');

    // The person decides: "Send request" on the card that names the counsellor sends it to the counsellor.
    await new Conversation(bot, kim).submits(sendRequestValue(sendRequestOn(again), { mode: 'anonymous', message: MESSAGE }));
    await bot.app.outbox.runDueJobs();
    expect(cardsWithMessage(bot, pieter)).toHaveLength(1);
    expect(cardsWithMessage(bot, anna)).toEqual([]);
  });

  it('sends nothing when the pool the card named lost its people, whose topic now goes to the confidential advisers', async () => {
    const { consent, sendRequest, bot } = await consentThenChange('research-integrity', WITH_POOL, WITHOUT_POOL);
    expect(cardText(consent)).toContain('Your request will be visible only to the research integrity counsellor');

    const replies = await new Conversation(bot, kim).submits(sendRequestValue(sendRequest, { mode: 'named', message: MESSAGE }));
    await bot.app.outbox.runDueJobs();

    expect(cardsWithMessage(bot, anna)).toEqual([]);
    expect(storedRowCounts(bot).cases).toBe(0);
    expect(cardText(replies.at(-1))).toContain('Your request will be visible only to the confidential advisers');
    expect(inputValue(replies.at(-1)!.card!, 'mode')).toBe('named');
  });

  it('shows a card from an earlier version, which named no pool, again with what is true: an older form, who sees it now', async () => {
    // Before pools (6068f33) every card named the confidential advisers; from then until cards carried their pool
    // (stop 31) a card named its topic's pool, as now. The two cannot be told apart, so nothing is sent, and the person
    // is not told that who sees requests like theirs has changed: for the newer of the two nothing did.
    const bot = (after = await startBot(WITH_POOL, { clock, runBackgroundWork: false }));
    for (const adviser of [anna, pieter]) await new Conversation(bot, adviser).installs();
    const [consent] = await new Conversation(bot, kim).submits({ verb: 'handoff.start', flow: { topic: 'research-integrity' } });
    expect(cardText(consent)).toContain('Your request will be visible only to the research integrity counsellor');
    const { pool: _carriedSinceStop31, backup: _alsoCarriedSince, ...earlierVersionsButton } = sendRequestOn(consent);
    expect(earlierVersionsButton).toEqual({ verb: 'handoff.confirm', flow: { topic: 'research-integrity' } });

    const replies = await new Conversation(bot, kim).submits(sendRequestValue(earlierVersionsButton, { mode: 'anonymous', message: MESSAGE }));
    await bot.app.outbox.runDueJobs();

    expect(cardsWithMessage(bot, pieter)).toEqual([]);
    expect(cardsWithMessage(bot, anna)).toEqual([]);
    expect(storedRowCounts(bot).cases).toBe(0);
    const again = replies.at(-1)!;
    expect(cardText(again)).not.toContain('has changed since you opened this form');
    expect(cardText(again)).toContain('Nothing was sent: this form is from an earlier version of this bot.');
    expect(cardText(again)).toContain('Your request will be visible only to the research integrity counsellor');
    expect(inputValue(again.card!, 'message')).toBe(MESSAGE);
    expect(inputValue(again.card!, 'mode')).toBe('anonymous');

    await new Conversation(bot, kim).submits(sendRequestValue(sendRequestOn(again), { mode: 'anonymous', message: MESSAGE }));
    await bot.app.outbox.runDueJobs();
    expect(cardsWithMessage(bot, pieter)).toHaveLength(1);
    expect(cardsWithMessage(bot, anna)).toEqual([]);
  });

  it('sends a card from an earlier version that named no pool when every version named the confidential advisers for it', async () => {
    const bot = (after = await startBot(WITH_POOL, { clock, runBackgroundWork: false }));
    for (const adviser of [anna, pieter]) await new Conversation(bot, adviser).installs();

    const withoutTopic = await new Conversation(bot, kim).submits(sendRequestValue({ verb: 'handoff.confirm', flow: {} }, { message: MESSAGE }));
    await bot.app.outbox.runDueJobs();
    expect(cardText(withoutTopic.at(-1))).toMatch(/VK-[A-Z0-9]{4}-[A-Z0-9]{4}/);
    expect(cardsWithMessage(bot, anna)).toHaveLength(1);
    expect(cardsWithMessage(bot, pieter)).toEqual([]);
  });

  it('holds a card to whether it said the backup advisers would see the request', async () => {
    const content = loadContent(path.join(__dirname, '..', '..', 'content'));
    const deployed = (poolsWithBackup: string[]) =>
      deployPools(content.adviserPools, {
        poolsWithPeople: new Set(),
        poolsWithBackup: new Set(poolsWithBackup),
        organisationHours: content.organisation.officeHours,
        escalateAfterMinutes: 60,
        escalateUrgentAfterMinutes: 15,
      });
    const named = { pool: 'confidential-advisers', backup: false };
    expect(consentCardAudience(deployed([]), 'bullying', named)).toBe('samePeople');
    expect(consentCardAudience(deployed(['confidential-advisers']), 'bullying', named)).toBe('peopleChanged');
    expect(consentCardAudience(deployed(['confidential-advisers']), 'bullying', { pool: 'confidential-advisers' })).toBe('samePeople');
    expect(consentCardAudience(deployed([]), 'research-integrity', named)).toBe('samePeople');
    expect(consentCardAudience(deployed([]), 'research-integrity', { ...named, pool: 'research-integrity' })).toBe('peopleChanged');
    // A card from an earlier version names neither.
    expect(consentCardAudience(deployed([]), 'bullying', {})).toBe('samePeople');
    expect(consentCardAudience(deployed([]), null, {})).toBe('samePeople');
  });
});
