import { startBot, type RunningBot } from '../support/botHarness';
import { messageActivity, teamsUser } from '../support/teamsActivities';
import { postToBot } from '../support/postToBot';

let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot({ LOG_LEVEL: 'debug' });
});
afterAll(() => bot.stop());

const post = (body: object) => postToBot(bot, body);

it('gives every request its own id, in the response header and on every log line of that request', async () => {
  const user = teamsUser('Ilse Bakker', 'nl-NL');
  const first = await post(messageActivity(user, bot.connector.url, 'help'));
  const second = await post({ not: 'an activity' });
  expect(first.status).toBe(200);
  expect(second.status).toBe(400);
  const ids = [first.headers.get('x-request-id'), second.headers.get('x-request-id')];
  for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
  expect(ids[0]).not.toBe(ids[1]);

  const linesOfFirst = bot.logs.map((line) => JSON.parse(line)).filter((entry) => entry.requestId === ids[0]);
  expect(linesOfFirst.map((entry) => entry.event)).toContain('request');
});

it('does not take a request id from the caller, who could otherwise write into the logs', async () => {
  const response = await fetch(bot.messagesUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': 'forged-by-the-caller' },
    body: JSON.stringify({ not: 'an activity' }),
  });
  expect(response.headers.get('x-request-id')).not.toContain('forged');
  expect(bot.logs.join('')).not.toContain('forged');
});
