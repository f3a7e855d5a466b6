import { startBot, type RunningBot } from '../support/botHarness';
import { Conversation, type Card } from '../support/conversation';
import { requestAnonymously } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * Red team, stop 29. Never lose a message: a requester who writes fast has the rest of the minute
 * merged into one card for the adviser, "kept well under Teams' 28 KB per message"
 * (`MERGED_RELAY_MAX_CHARS`, 12,000). The limit counts UTF-16 characters, not bytes: in a script
 * of three UTF-8 bytes a character (Chinese, Japanese, Korean; an international PhD student
 * writing in their own language) the merged card is about 36 KB. The stand-in connector takes
 * it; Teams refuses a message over 28 KB, so those six messages never reach the adviser (the
 * requester is told only when the job finally gives up). The case card counts bytes for exactly
 * this reason (`MAX_CASE_BYTES_WITH_ADDITIONS`, test/cards/caseCardSize.test.ts); the merged relay
 * card does not.
 */
const TEAMS_MESSAGE_LIMIT_BYTES = 28 * 1024;
const bytesOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

let bot: RunningBot;
const clock = new TestClock('2026-11-24T10:00:00Z');
const adviser = teamsUser('Femke Merged', 'nl-NL');
const requester = teamsUser('Wei Merged', 'en-GB');

beforeAll(async () => {
  bot = await startBot({ LOCAL_ADVISORS: `${adviser.aadObjectId}:${adviser.name}` }, { clock, runBackgroundWork: false });
  await new Conversation(bot, adviser).installs();
});
afterAll(async () => {
  await bot.stop();
});

describe('the merged card of a fast-writing requester', () => {
  it('stays under the 28 KB Teams takes, also in a script of three bytes a character', async () => {
    const { caseId } = await requestAnonymously(bot, requester, 'I need advice about my supervisor');
    await bot.app.outbox.runDueJobs();
    await new Conversation(bot, adviser).executes('case.claim', { caseId });
    await bot.app.outbox.runDueJobs();
    const before = new Conversation(bot, adviser).proactiveCards().length;

    // Ten quick messages go one by one; what follows within the minute is merged.
    for (let index = 0; index < 10; index += 1) await new Conversation(bot, requester).says(`short note ${index + 1}`);
    // Neutral words in a script of three UTF-8 bytes a character ("meeting schedule report").
    const long = (index: number) => `note ${index} ` + '会议日程报告'.repeat(400).slice(0, 1980);
    for (let index = 1; index <= 6; index += 1) {
      const [answer] = await new Conversation(bot, requester).says(long(index));
      expect(JSON.stringify(answer?.card)).not.toContain('was not sent');
    }
    clock.advanceMinutes(1);
    await bot.app.outbox.runDueJobs();

    const posted: Card[] = new Conversation(bot, adviser).proactiveCards().slice(before);
    const merged = posted.find((card) => JSON.stringify(card).includes('note 1 '));
    expect(merged).toBeDefined();
    expect(bytesOf(merged)).toBeLessThanOrEqual(TEAMS_MESSAGE_LIMIT_BYTES);
    // Nothing dropped: what did not fit that card came in the next, every card under the limit.
    for (const card of posted) expect(bytesOf(card)).toBeLessThanOrEqual(TEAMS_MESSAGE_LIMIT_BYTES);
    const everything = posted.map((card) => JSON.stringify(card)).join('\n');
    for (let index = 1; index <= 6; index += 1) expect(everything).toContain(long(index));
  });
});
