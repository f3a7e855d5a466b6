import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { requestAnonymously } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * "Never lose a request" across "forget me" on two instances (red team, stop 34 #1). Each instance remembered in its
 * memory that it had saved a person's chat address that day; after "forget me" on the other instance deleted the row,
 * the person's next messages on the first wrote nothing, and the adviser's answers to their new request had nowhere to
 * go (`requesterUnreachable`): "An adviser has joined" and the reply were lost. The address is now read each turn.
 */
const clock = new TestClock('2026-11-24T10:00:00Z');
const adviser = teamsUser('Ruud Adviseur', 'nl-NL');
let dataDir = '';
let first: RunningBot;
let second: RunningBot;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'forget-two-instances-'));
  const environment = {
    SQLITE_PATH: path.join(dataDir, 'shared.sqlite'),
    PERSON_KEY_SECRET: 'a-shared-person-key-secret-for-both-instances-0123456789',
    LOCAL_ADVISORS: `${adviser.aadObjectId}:Ruud Adviseur`,
  };
  first = await startBot(environment, { clock, runBackgroundWork: false });
  second = await startBot(environment, { clock, runBackgroundWork: false });
  await new Conversation(first, adviser).installs();
});
afterAll(async () => {
  await first?.stop();
  await second?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

it('reaches a person who said "forget me" on one instance and asked for an adviser on the other the same day', async () => {
  const person = teamsUser('Noor Bakker', 'en-GB');
  // Both instances answer into the one connector, as two instances behind one Teams would.
  const viaSecond = { ...second, connector: first.connector };
  await new Conversation(viaSecond, person).says('hello');
  const onFirst = new Conversation(first, person);
  await onFirst.says('forget me');
  await onFirst.clicks('Yes, forget me');

  const { caseId } = await requestAnonymously(viaSecond, person, 'My manager keeps shouting at me in meetings');
  await first.app.outbox.runDueJobs();
  const onAdviser = new Conversation(first, adviser);
  await onAdviser.executes('case.claim', { caseId });
  await onAdviser.executes('case.reply', { caseId, reply: 'Hello, I have time to talk this afternoon' });
  await first.app.outbox.runDueJobs();

  const received = onFirst.proactiveCards().map((card) => cardText({ card }));
  expect(received.filter((text) => text.includes('An adviser has joined'))).toHaveLength(1);
  expect(received.filter((text) => text.includes('Hello, I have time to talk this afternoon'))).toHaveLength(1);
  expect(first.logs.filter((line) => line.includes('requesterUnreachable'))).toEqual([]);
});
