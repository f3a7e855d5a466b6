import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { messageActivity, teamsUser } from '../support/teamsActivities';
import { postToBot } from '../support/postToBot';

/** Bad input gets a clear 4xx or a localized answer: never a crash, never lost data. */

let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot({ MAX_BODY_BYTES: '65536', MAX_MESSAGE_CHARS: '1000' });
});
afterAll(async () => {
  await bot.stop();
});

function postRaw(body: string, contentType = 'application/json'): Promise<Response> {
  return postToBot(bot, body, { contentType });
}

describe('the HTTP edge', () => {
  it('answers malformed JSON with 400', async () => {
    expect((await postRaw('{"type": "message", ')).status).toBe(400);
  });

  it('answers an oversized body with 413', async () => {
    const user = teamsUser('Big Body', 'en-US');
    const activity = messageActivity(user, bot.connector.url, 'x'.repeat(70_000));
    expect((await postRaw(JSON.stringify(activity))).status).toBe(413);
  });

  it('answers a body that is not an activity with 400', async () => {
    expect((await postRaw('[1,2,3]')).status).toBe(400);
    expect((await postRaw('{"text":"no type"}')).status).toBe(400);
    expect((await postRaw('"just a string"')).status).toBe(400);
  });

  it('answers an unknown invoke with 501 and an unknown activity type with 200, without replying', async () => {
    const user = teamsUser('Odd Client', 'en-US');
    const base = messageActivity(user, bot.connector.url, 'ignored');
    const invoke = await postRaw(JSON.stringify({ ...base, id: 'invoke-1', type: 'invoke', name: 'composeExtension/unknownThing', value: {} }));
    expect(invoke.status).toBe(501);
    const odd = await postRaw(JSON.stringify({ ...base, id: 'odd-1', type: 'somethingNew' }));
    expect(odd.status).toBe(200);
    expect(bot.connector.repliesTo('odd-1')).toHaveLength(0);
  });

  // A `/readyz` that never asked the store answered a healthy bot's 200 too (audit, stop 32), and App Service would keep
  // sending Teams' traffic to an instance whose store is gone. The store refusing its ping stands in for an unreachable account.
  it('reports liveness and readiness: /readyz 503 "storage unreachable" while the store cannot be reached, 200 again once it can, /healthz 200 throughout', async () => {
    expect((await fetch(`${bot.baseUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${bot.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', storage: 'reachable', content: 'loaded' });

    const ping = jest.spyOn(bot.app.store, 'ping').mockRejectedValue(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    try {
      const notReady = await fetch(`${bot.baseUrl}/readyz`);
      expect(notReady.status).toBe(503);
      expect(await notReady.json()).toEqual({ status: 'not ready', storage: 'unreachable' });
      expect((await fetch(`${bot.baseUrl}/healthz`)).status).toBe(200);
      expect(ping).toHaveBeenCalled();
    } finally {
      ping.mockRestore();
    }
    const readyAgain = await fetch(`${bot.baseUrl}/readyz`);
    expect(readyAgain.status).toBe(200);
    expect(await readyAgain.json()).toEqual({ status: 'ready', storage: 'reachable', content: 'loaded' });
  });
});

describe('messages', () => {
  it('asks for a shorter message, but still shows the emergency card first when it is urgent', async () => {
    const conversation = new Conversation(bot, teamsUser('Long Writer', 'en-GB'));
    const replies = await conversation.says(`${'I keep thinking about what happened at work. '.repeat(40)} I want to kill myself.`);
    expect(cardText(replies[0])).toContain('Safety first');
    expect(cardText(replies[1])).toContain('at most 1000 characters');
  });

  it('treats template syntax, Markdown, links, emoji and mixed scripts as plain text', async () => {
    const conversation = new Conversation(bot, teamsUser('Template Tester', 'en-GB'));
    for (const text of ['${$root.secret} {{name}} what should I do', '**bold** [click](https://evil.example) 😡😡', 'مرحبا my colleague keeps mocking me 你好']) {
      const replies = await conversation.says(text);
      expect(replies.length).toBeGreaterThan(0);
      for (const reply of replies) expect(reply.card?.type).toBe('AdaptiveCard');
      // The bot never echoes what was typed into its cards.
      expect(JSON.stringify(replies.map((reply) => reply.card))).not.toContain('evil.example');
    }
  });

  it('answers the same activity only once when Teams re-sends it', async () => {
    const user = teamsUser('Impatient Client', 'en-GB');
    const activity = messageActivity(user, bot.connector.url, 'hello');
    const [first, second] = await Promise.all([postRaw(JSON.stringify(activity)), postRaw(JSON.stringify(activity))]);
    expect([first.status, second.status]).toEqual([200, 200]);
    await postRaw(JSON.stringify(activity));
    expect(bot.connector.repliesTo(activity.id)).toHaveLength(1);
  });
});

describe('forged card data', () => {
  const forgeries: [string, unknown][] = [
    ['an unknown verb', { verb: 'admin.deleteEverything' }],
    ['a verb from the prototype', { verb: '__proto__' }],
    ['a constructor verb', { verb: 'constructor' }],
    ['a topic that does not exist', { verb: 'flow.answer', step: 'topic', answer: 'murder', flow: {} }],
    ['an extra field', { verb: 'flow.answer', step: 'perspective', answer: 'witness', flow: {}, admin: true }],
    ['a wrong type', { verb: 'guidance.feedback', helpful: 'yes', topic: 'bullying', perspective: 'witness' }],
    ['a malformed case id', { verb: 'handoff.cancel', caseId: '../../etc/passwd' }],
    ['someone else\'s well-formed case id', { verb: 'handoff.cancel', caseId: '0123456789abcdef0123456789abcdef' }],
  ];
  it.each(forgeries)('refuses %s with a localized answer', async (_name, value) => {
    const conversation = new Conversation(bot, teamsUser('Card Forger', 'nl-NL'));
    const replies = await conversation.submits(value);
    const text = cardText(replies[0]);
    expect(text).toMatch(/Deze knop werkt niet meer|Die aanvraag is niet meer beschikbaar/);
  });
});
