import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { requestAdviser } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { teamsUser, type TeamsUser } from '../support/teamsActivities';
import en from '../../content/strings/en.json';
import nl from '../../content/strings/nl.json';

/**
 * A message the requester wrote while their request waited for the next adviser, whose request was then cancelled or
 * expired, never reaches anyone. The requester is told so, in their language, in words that are true: the request is
 * closed, and how to ask again. Before, the notice said "send it again later", which a closed request no longer allows.
 */
jest.setTimeout(60_000);

const marloes = teamsUser('Marloes Dekker', 'nl-NL');
const gerrit = teamsUser('Gerrit Post', 'nl-NL');
const clock = new TestClock('2026-11-24T09:00:00Z');
let bot: RunningBot;

beforeAll(async () => {
  bot = await startBot({ LOCAL_ADVISORS: `${marloes.aadObjectId}:${marloes.name};${gerrit.aadObjectId}:${gerrit.name}` }, { clock, runBackgroundWork: false });
  for (const advisor of [marloes, gerrit]) await new Conversation(bot, advisor).installs();
});
afterAll(async () => {
  await bot?.stop();
});

const deliver = () => bot.app.outbox.runDueJobs();
/** Past the waiting message's next try (the outbox backs off at most five minutes), and the notice that follows. */
async function deliverAfterBackoff(): Promise<void> {
  clock.advanceMinutes(6);
  await deliver();
  await deliver();
}
const textsTo = (person: TeamsUser) => new Conversation(bot, person).proactiveCards().map((card) => cardText({ card }));
const STRINGS = { en, nl } as const;

/** A request claimed, then given back to the pool, where it waits for the next adviser. */
async function givenBackToPool(requester: TeamsUser): Promise<{ caseId: string; code: string }> {
  const { caseId, code } = await requestAdviser(bot, requester, { message: 'My supervisor keeps making remarks about my accent' });
  await deliver();
  await new Conversation(bot, marloes).executes('case.claim', { caseId });
  await new Conversation(bot, marloes).executes('case.release', { caseId });
  await deliver();
  return { caseId, code };
}

async function writesWhileItWaits(requester: TeamsUser, waiting: string): Promise<void> {
  const [held] = await new Conversation(bot, requester).says(waiting);
  expect(cardText(held)).toMatch(/next adviser|volgende vertrouwenspersoon/);
  await deliver();
}

function expectToldRequestClosed(requester: TeamsUser, code: string, language: 'en' | 'nl'): void {
  const strings = STRINGS[language];
  const told = textsTo(requester);
  expect(told.some((text) => text.includes(strings['handoff.relay.notDeliveredRequestClosed'].replace('{code}', code).split(':')[0]!))).toBe(true);
  // Never "send it again later": a closed request takes no more messages.
  expect(told.some((text) => text.includes(strings['handoff.relay.notDelivered'].replace('{code}', code).split('.')[0]!))).toBe(false);
}

it.each([
  ['en', teamsUser('Lieke Smeets', 'en-GB'), 'I also wanted to say that it happened again yesterday.'],
  ['nl', teamsUser('Sanne de Bruin', 'nl-NL'), 'Ik wilde ook nog zeggen dat het gisteren weer gebeurde.'],
] as const)('after a cancel, tells the requester (%s) that the waiting message went nowhere because the request is closed', async (language, requester, waiting) => {
  const { caseId, code } = await givenBackToPool(requester);
  await writesWhileItWaits(requester, waiting);
  await new Conversation(bot, requester).submits({ verb: 'handoff.cancel', caseId });
  await deliverAfterBackoff();
  expectToldRequestClosed(requester, code, language);
  for (const advisor of [marloes, gerrit]) expect(textsTo(advisor).some((text) => text.includes(waiting))).toBe(false);
});

it.each([
  ['en', teamsUser('Iris Mulder', 'en-GB'), 'Are you still there? I would like to talk this week.'],
  ['nl', teamsUser('Daan Visser', 'nl-NL'), 'Is er nog iemand? Ik wil deze week graag praten.'],
] as const)('after an expiry, tells the requester (%s) that the waiting message went nowhere because the request is closed', async (language, requester, waiting) => {
  const { code } = await givenBackToPool(requester);
  // The sweep expires the request EXPIRE_AFTER_DAYS (14) after its release; the message written an hour before still waits.
  clock.advanceDays(14);
  clock.advanceMinutes(-60);
  await writesWhileItWaits(requester, waiting);
  clock.advanceMinutes(61);
  await bot.app.runSweep();
  await deliverAfterBackoff();
  expectToldRequestClosed(requester, code, language);
});
