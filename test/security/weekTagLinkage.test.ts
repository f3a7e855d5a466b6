import { createHmac } from 'node:crypto';
import Database from 'better-sqlite3';
import { startBot, type RunningBot } from '../support/botHarness';
import { Conversation } from '../support/conversation';
import { requestAnonymously } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * "Anonymous means anonymous, also to someone who can read the database": the weekly insight counters keep, per counter,
 * tags that are HMACs of person keys under the week's random key, and that key is stored only sealed under a key derived
 * from the person-key secret. A database reader who takes every person key in storage (preferences, conversations, a
 * case's requester) cannot compute a tag and read off which topics and routes that person chose. Until the red team of
 * stop 28 the week key was stored in the clear beside the tags.
 */

function rows(bot: RunningBot, table: string): { partition_key: string; row_key: string; value: string }[] {
  const { storage } = bot.config;
  if (storage.kind !== 'sqlite') throw new Error('reads a SQLite store');
  const database = new Database(storage.sqlitePath, { readonly: true, fileMustExist: true });
  try {
    return database.prepare(`SELECT partition_key, row_key, value FROM "${table}"`).all() as never;
  } finally {
    database.close();
  }
}

const clock = new TestClock('2026-11-10T09:00:00Z');
const adviser = teamsUser('Sanne Koster', 'en-GB');
const requester = teamsUser('Yara Haddad', 'en-GB');
let bot: RunningBot;

beforeAll(async () => {
  bot = await startBot({ LOCAL_ADVISORS: `${adviser.aadObjectId}:Sanne Koster` }, { clock, runBackgroundWork: false });
  await new Conversation(bot, adviser).installs();
});
afterAll(async () => {
  await bot?.stop();
});

it('stores no tag a database reader can tie, with the stored week key, to the person key of an anonymous requester', async () => {
  const person = new Conversation(bot, requester);
  await person.installs();
  await person.says('hello');
  await person.clicks('It happened to me');
  await person.clicks('Sexual harassment');
  await person.clicks('No, not right now');
  await person.clicks('Employee');
  const { caseId } = await requestAnonymously(bot, requester);
  await bot.app.flushInsights();

  // What a reader of the tables sees: the anonymous case names a person key ...
  const storedCase = rows(bot, 'cases').find((row) => row.partition_key === 'case' && row.row_key === caseId)!;
  const personKey = JSON.parse(storedCase.value).requester.personKey as string;
  // ... and the insights table holds the week's tag key beside the week's tags.
  const insightRows = rows(bot, 'insights');
  const weekKeys = insightRows.filter((row) => row.partition_key === 'weekKeys').map((row) => JSON.parse(row.value).key as string);
  const tagsByCounter = insightRows
    .filter((row) => row.partition_key !== 'weekKeys')
    .flatMap((row) => Object.entries((JSON.parse(row.value).people ?? {}) as Record<string, string[]>));
  const linked = weekKeys.flatMap((key) => {
    const tag = createHmac('sha256', key).update(personKey).digest('hex').slice(0, 16);
    return tagsByCounter.filter(([, tags]) => tags.includes(tag)).map(([counter]) => counter);
  });
  // Before the fix this lists what the person chose: their topic, perspective, role and the anonymous request.
  expect(linked).toEqual([]);
});
