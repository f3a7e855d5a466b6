import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HandoffCase } from '../../src/handoff/handoffCase';
import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation, type BotReply, type Card } from '../support/conversation';
import { requestAnonymously } from '../support/handoffRequests';
import { rememberPersonalData } from '../support/personalData';
import { sqliteFileText, storedRowCounts } from '../support/storedRows';
import { CONTENT_DIR } from '../support/sampleCards';
import { TestClock } from '../support/testClock';
import { adaptiveCardActionInvoke, cardSubmitActivity, installActivity, messageActivity, TENANT_ID, teamsUser, type TeamsUser } from '../support/teamsActivities';
import { postToBot } from '../support/postToBot';

/**
 * An attacker's pass over what landed this session: "Write it down", "Remind me to check in",
 * one-to-one dialogues, hand over / give back / another adviser (Action.Execute), the cases
 * filter buttons, `audit` / `inzagelog` and actions from a team channel. Everything goes over
 * HTTP into the real CloudAdapter, as Teams would post it, with the card data forged: someone
 * else's case id, someone else as hand-over target, the wrong person pressing the button, a replay
 * after a decline, unknown verbs, wrong types, huge values, template syntax and Markdown. Each
 * must get a localized answer (or a 4xx), never a 500, never change anything for the wrong
 * person, and leave stored data as it was; every bot's log is scanned for personal data when it
 * stops (test/support/botHarness.ts).
 */
jest.setTimeout(120_000);

const ANONYMOUS_MESSAGE = 'My supervisor keeps commenting on my body in the break room';
const HOSTILE_TEXT = '${$root.title} {{name}} ${title} [Open the form](https://evil.example/form) ![](https://evil.example/p.png) **now** <b>x</b>';

const femke = teamsUser('Femke Visser', 'en-GB');
const joost = teamsUser('Joost Mulder', 'en-GB');
const sarah = teamsUser('Sarah Whitfield', 'en-GB');
/** In another pool (research integrity): an adviser, but not of a behaviour case. */
const ruth = teamsUser('Ruth Odenthal', 'en-GB');
const ingrid = teamsUser('Ingrid Bakker', 'en-GB');
const lotte = teamsUser('Lotte van Dijk', 'en-GB');
const bram = teamsUser('Bram Veenstra', 'en-GB');
const eve = teamsUser('Eve Intruder', 'en-GB');
const stranger = teamsUser('Mallory Elsewhere', 'en-GB', 'b7e0c2f4-1d3a-4c5b-8e9f-0a1b2c3d4e5f');

const clock = new TestClock('2026-11-24T09:30:00Z');
let bot: RunningBot;

beforeAll(async () => {
  bot = await startBot(
    {
      LOCAL_ADVISORS: [femke, joost, sarah].map((adviser) => `${adviser.aadObjectId}:${adviser.name}`).join(';'),
      LOCAL_ADVISER_POOLS: `research-integrity=${ruth.aadObjectId}:${ruth.name}`,
      LOCAL_AUDITORS: `${ingrid.aadObjectId}:${ingrid.name}`,
      LOCAL_PROGRAMME_LEADS: `${ingrid.aadObjectId}:${ingrid.name}`,
      ALLOWED_TENANT_IDS: TENANT_ID,
    },
    { clock, runBackgroundWork: false },
  );
  for (const person of [femke, joost, sarah, ruth, ingrid, lotte, bram, eve]) await new Conversation(bot, person).installs();
});
afterAll(async () => {
  await bot?.stop();
});

/** Posts an activity as Teams would and returns the HTTP status and, for an invoke, the card in the answer. */
async function post(activity: { id: string }): Promise<{ status: number; card?: Card; replies: BotReply[] }> {
  const response = await postToBot(bot, activity);
  const body = response.headers.get('content-type')?.includes('json') ? ((await response.json()) as { value?: Card } | null) : null;
  const replies = bot.connector.repliesTo(activity.id).map((call) => ({ card: call.activity.attachments?.[0]?.content, text: call.activity.text, id: call.id }));
  return { status: response.status, card: body?.value, replies };
}

function invoke(person: TeamsUser, verb: unknown, data: unknown) {
  return post(adaptiveCardActionInvoke(person, bot.connector.url, verb as string, data));
}

function submit(person: TeamsUser, value: unknown) {
  return post(cardSubmitActivity(person, bot.connector.url, value));
}

function say(person: TeamsUser, text: string) {
  return post(messageActivity(person, bot.connector.url, text));
}

/** The same activity, as Teams posts it when the bot is @mentioned in a team's General channel. */
function inTeamChannel<Activity extends { conversation: { tenantId?: string }; channelData: object }>(activity: Activity): Activity {
  return {
    ...activity,
    conversation: { conversationType: 'channel', isGroup: true, tenantId: activity.conversation.tenantId, id: '19:general@thread.tacv2;messageid=1' },
    channelData: { ...activity.channelData, channel: { id: '19:general@thread.tacv2' }, team: { id: 'team-1' } },
  };
}

/** The same activity, as Teams posts it in a group chat the bot was added to. */
function inGroupChat<Activity extends { conversation: { tenantId?: string } }>(activity: Activity): Activity {
  return { ...activity, conversation: { conversationType: 'groupChat', isGroup: true, tenantId: activity.conversation.tenantId, id: '19:ward4group@thread.v2' } };
}

const textOf = (replies: readonly BotReply[]) => replies.map((reply) => cardText(reply)).join('\n');
const storedCase = async (caseId: string) => (await bot.app.store.get<HandoffCase>('cases', 'case', caseId))?.value;
const deliver = () => bot.app.outbox.runDueJobs();

const everyStoredByte = () => sqliteFileText(bot);

const REFUSED_ADVISER = 'Only members of the advisers\' group can open requests.';
const EXPIRED = 'This card is out of date or its data was not recognised.';

describe('hand over, give back and another adviser: only the right person changes a case', () => {
  let caseId = '';
  let code = '';
  /** Presses the button and proves the case did not change, whoever pressed it and whatever the data. */
  async function refusedWithoutChange(person: TeamsUser, verb: string, data: unknown, expected: string): Promise<void> {
    const before = JSON.stringify(await storedCase(caseId));
    const answer = await invoke(person, verb, data);
    expect(answer.status).toBe(200);
    expect(cardText({ card: answer.card })).toContain(expected);
    expect(JSON.stringify(await storedCase(caseId))).toBe(before);
  }

  beforeAll(async () => {
    ({ caseId, code } = await requestAnonymously(bot, lotte, ANONYMOUS_MESSAGE));
    await deliver();
  });

  it('refuses a claim by the requester, by an adviser of another pool and by an outsider, before anyone has it', async () => {
    for (const person of [lotte, ruth, eve]) await refusedWithoutChange(person, 'case.claim', { caseId }, REFUSED_ADVISER);
    // The refusal tells nothing of the case, not even its code.
    const answer = await invoke(eve, 'case.refresh', { caseId });
    expect(JSON.stringify(answer.card)).not.toContain(code);
    expect(JSON.stringify(answer.card)).not.toContain(ANONYMOUS_MESSAGE);
  });

  it('lets an adviser of the pool claim it (the control for what follows)', async () => {
    const answer = await invoke(femke, 'case.claim', { caseId });
    expect(cardText({ card: answer.card })).toContain('Claimed by Femke Visser');
    expect((await storedCase(caseId))?.claimedBy?.userId).toBe(femke.aadObjectId);
    await deliver();
  });

  it('refuses hand over and give back from a colleague who is not the claimer, and shows them nothing of the case', async () => {
    for (const [verb, data] of [
      ['case.handOver', { caseId, handOverTo: sarah.aadObjectId }],
      ['case.handOver', { caseId, handOverTo: joost.aadObjectId }],
      ['case.release', { caseId }],
      ['case.close', { caseId, outcome: 'advice-given', followUp: 'false' }],
      ['case.reply', { caseId, reply: 'I am taking this one over, tell me everything' }],
    ] as const) {
      const before = JSON.stringify(await storedCase(caseId));
      const answer = await invoke(joost, verb, data);
      expect(answer.status).toBe(200);
      expect(JSON.stringify(await storedCase(caseId))).toBe(before);
      expect(JSON.stringify(answer.card)).not.toContain(ANONYMOUS_MESSAGE);
      expect(JSON.stringify(answer.card)).not.toContain('Femke');
    }
  });

  it('refuses every adviser button from the requester, another pool\'s adviser and an outsider, with a card that says nothing', async () => {
    for (const person of [lotte, bram, ruth, eve]) {
      for (const [verb, data] of [
        ['case.handOver', { caseId, handOverTo: person.aadObjectId }],
        ['case.acceptHandOver', { caseId }],
        ['case.declineHandOver', { caseId }],
        ['case.withdrawHandOver', { caseId, offer: 1 }],
        ['case.release', { caseId }],
      ] as const) {
        await refusedWithoutChange(person, verb, data, REFUSED_ADVISER);
      }
    }
  });

  it('refuses a hand-over to anyone outside the case\'s pool: an outsider, the requester, another pool\'s adviser, an unknown id', async () => {
    for (const target of [eve.aadObjectId, lotte.aadObjectId, ruth.aadObjectId, '00000000-0000-0000-0000-000000000000']) {
      await refusedWithoutChange(femke, 'case.handOver', { caseId, handOverTo: target }, 'That colleague cannot take this case.');
    }
    await refusedWithoutChange(femke, 'case.handOver', { caseId, handOverTo: femke.aadObjectId }, 'Choose the colleague to hand the case to.');
    await refusedWithoutChange(femke, 'case.handOver', { caseId, handOverTo: '' }, 'Choose the colleague to hand the case to.');
  });

  it('refuses forged hand-over data: wrong types, a huge value, template syntax, Markdown, extra fields', async () => {
    for (const handOverTo of [
      12345,
      [sarah.aadObjectId],
      { userId: sarah.aadObjectId },
      null,
      'x'.repeat(65),
      'a'.repeat(100_000),
      '${$root.claimedBy.userId}',
      `[${sarah.name}](https://evil.example)`,
      `${sarah.aadObjectId};${joost.aadObjectId}`,
    ]) {
      await refusedWithoutChange(femke, 'case.handOver', { caseId, handOverTo }, EXPIRED);
    }
    await refusedWithoutChange(femke, 'case.handOver', { caseId, handOverTo: sarah.aadObjectId, claimedBy: femke.aadObjectId }, EXPIRED);
    await refusedWithoutChange(femke, 'case.handOver', { caseId, handOverTo: sarah.aadObjectId, displayName: HOSTILE_TEXT }, EXPIRED);
  });

  it('lets nobody but the chosen colleague accept or decline an offer, and a replayed accept after a decline changes nothing', async () => {
    const offered = await invoke(femke, 'case.handOver', { caseId, handOverTo: sarah.aadObjectId });
    expect(cardText({ card: offered.card })).toContain('Sarah Whitfield');
    expect((await storedCase(caseId))?.handOverTo?.userId).toBe(sarah.aadObjectId);
    await deliver();

    // Another colleague of the pool, and the claimer herself, cannot take or turn down an offer made to Sarah.
    for (const person of [joost, femke]) {
      await refusedWithoutChange(person, 'case.acceptHandOver', { caseId }, 'This case is not offered to you (any more).');
      await refusedWithoutChange(person, 'case.declineHandOver', { caseId }, 'This case is not offered to you (any more).');
    }
    // Only the claimer can withdraw it: not the colleague it is offered to, not another colleague.
    const offer = (await storedCase(caseId))?.handOvers ?? 1;
    for (const person of [sarah, joost]) {
      await refusedWithoutChange(person, 'case.withdrawHandOver', { caseId, offer }, 'This request is handled by another adviser.');
    }

    const declined = await invoke(sarah, 'case.declineHandOver', { caseId });
    expect(declined.status).toBe(200);
    const afterDecline = await storedCase(caseId);
    expect(afterDecline?.claimedBy?.userId).toBe(femke.aadObjectId);
    expect(afterDecline?.handOverTo ?? null).toBeNull();
    await deliver();

    // The Accept button is still on Sarah's card: pressing it now (or Teams replaying it) takes nothing.
    await refusedWithoutChange(sarah, 'case.acceptHandOver', { caseId }, 'This case is not offered to you (any more).');
    await refusedWithoutChange(sarah, 'case.declineHandOver', { caseId }, 'This case is not offered to you (any more).');
    const replayed = await invoke(sarah, 'case.acceptHandOver', { caseId });
    expect(JSON.stringify(replayed.card)).not.toContain(ANONYMOUS_MESSAGE);
    expect((await storedCase(caseId))?.claimedBy?.userId).toBe(femke.aadObjectId);
  });

  it('lets only the requester ask for another adviser: another requester and an adviser pressing it with this case id change nothing', async () => {
    for (const person of [bram, femke, joost]) {
      const before = JSON.stringify(await storedCase(caseId));
      for (const verb of ['handoff.anotherAdviser', 'handoff.cancel', 'handoff.close', 'handoff.reveal', 'handoff.chatInstead']) {
        const answer = await submit(person, { verb, caseId });
        expect(answer.status).toBe(200);
        expect(textOf(answer.replies)).toContain('That request is not available any more.');
        expect(textOf(answer.replies)).not.toContain(code);
      }
      expect(JSON.stringify(await storedCase(caseId))).toBe(before);
    }
  });

  it('answers unknown verbs, a submit verb as an invoke, an invoke verb as a submit, and malformed case ids without a 500 or a change', async () => {
    for (const verb of ['case.delete', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'handoff.anotherAdviser', 'note.write', 'audit.case', 42, null, { verb: 'case.claim' }]) {
      await refusedWithoutChange(femke, verb as string, { caseId }, EXPIRED);
    }
    for (const data of [{ caseId: 123 }, { caseId: [caseId] }, { caseId: { $gt: '' } }, { caseId: caseId.toUpperCase() }, { caseId: `${caseId}' OR '1'='1` }, null, 'case', [caseId]]) {
      await refusedWithoutChange(femke, 'case.release', data, EXPIRED);
    }
    for (const verb of ['case.claim', 'case.release', 'case.acceptHandOver', 'case.handOver', '__proto__', 'constructor']) {
      const before = JSON.stringify(await storedCase(caseId));
      const answer = await submit(sarah, { verb, caseId, handOverTo: sarah.aadObjectId });
      expect(answer.status).toBe(200);
      expect(textOf(answer.replies)).toContain(EXPIRED);
      expect(JSON.stringify(await storedCase(caseId))).toBe(before);
    }
  });

  it('takes a __proto__ key in card data as a field it refuses, and pollutes no object', async () => {
    const before = JSON.stringify(await storedCase(caseId));
    const pollution = `{"caseId":"${caseId}","__proto__":{"handOverTo":"${joost.aadObjectId}","isAdmin":true},"constructor":{"prototype":{"isAdmin":true}}}`;
    const invokeBody = JSON.stringify(adaptiveCardActionInvoke(femke, bot.connector.url, 'case.handOver', { caseId })).replace(`{"caseId":"${caseId}"}`, pollution);
    const submitBody = JSON.stringify(cardSubmitActivity(bram, bot.connector.url, { verb: 'reminder.set', topic: 'bullying', choice: 'tomorrowMorning' })).replace(
      '"choice":"tomorrowMorning"',
      '"choice":"tomorrowMorning","__proto__":{"dueAt":"2026-11-24T09:31:00Z","isAdmin":true}',
    );
    expect(invokeBody).toContain('__proto__');
    expect(submitBody).toContain('__proto__');
    for (const body of [invokeBody, submitBody]) {
      const response = await postToBot(bot, body);
      expect(response.status).toBe(200);
    }
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(({} as Record<string, unknown>).handOverTo).toBeUndefined();
    expect(JSON.stringify(await storedCase(caseId))).toBe(before);
    expect(await bot.app.store.get('reminders', 'person', bot.app.services.personKeys.keyFor(bram.aadObjectId))).toBeUndefined();
  });

  it('refuses an adviser button pressed in a team channel by someone outside the pool, for a pool without a channel', async () => {
    const before = JSON.stringify(await storedCase(caseId));
    const answer = await post(inTeamChannel(adaptiveCardActionInvoke(eve, bot.connector.url, 'case.release', { caseId })));
    expect(answer.status).toBe(200);
    expect(cardText({ card: answer.card })).toContain(REFUSED_ADVISER);
    expect(JSON.stringify(answer.card)).not.toContain(code);
    expect(JSON.stringify(await storedCase(caseId))).toBe(before);
  });

  it('gives the claimer the case back to the pool only when she presses it (the control), and the requester\'s "another adviser" only moves it once', async () => {
    const released = await invoke(femke, 'case.release', { caseId });
    expect(released.status).toBe(200);
    expect((await storedCase(caseId))?.status).toBe('notified');
    await deliver();
    await invoke(joost, 'case.claim', { caseId });
    await deliver();
    const moved = await submit(lotte, { verb: 'handoff.anotherAdviser', caseId });
    expect(moved.status).toBe(200);
    const afterMove = await storedCase(caseId);
    expect(afterMove?.movedAwayFrom).toEqual([joost.aadObjectId]);
    const again = await submit(lotte, { verb: 'handoff.anotherAdviser', caseId });
    expect(again.status).toBe(200);
    expect(JSON.stringify(await storedCase(caseId))).toBe(JSON.stringify(afterMove));
    // Joost, moved away from, cannot claim it back, nor have it handed to him.
    await refusedWithoutChange(joost, 'case.claim', { caseId }, 'this request went to a colleague');
    await deliver();
    await invoke(femke, 'case.claim', { caseId });
    await deliver();
    await refusedWithoutChange(femke, 'case.handOver', { caseId, handOverTo: joost.aadObjectId }, 'That colleague cannot take this case.');
  });

  it('takes an offer back when the claimer gives the case back to the pool: a later Accept from the old offer takes nothing', async () => {
    await invoke(femke, 'case.handOver', { caseId, handOverTo: sarah.aadObjectId });
    expect((await storedCase(caseId))?.handOverTo?.userId).toBe(sarah.aadObjectId);
    await invoke(femke, 'case.release', { caseId });
    await deliver();
    const released = await storedCase(caseId);
    expect(released?.status).toBe('notified');
    expect(released?.handOverTo ?? null).toBeNull();
    await refusedWithoutChange(sarah, 'case.acceptHandOver', { caseId }, 'This case is not offered to you (any more).');
    expect((await storedCase(caseId))?.claimedBy ?? null).toBeNull();
  });
});

describe('the cases filter buttons: an adviser\'s list, nobody else\'s', () => {
  it('answers a requester, an outsider and a forged filter with a refusal or the expired card, never a case', async () => {
    const { code } = await requestAnonymously(bot, bram, 'The night shift lead shouts at the interns every week');
    await deliver();
    for (const person of [lotte, bram, eve, ingrid]) {
      for (const verb of ['cases.list', 'cases.new', 'cases.mine', 'cases.withColleagues']) {
        const answer = await submit(person, { verb });
        expect(answer.status).toBe(200);
        expect(textOf(answer.replies)).toContain(REFUSED_ADVISER);
        expect(textOf(answer.replies)).not.toContain(code);
      }
    }
    // A filter button with data added (someone else's id, another filter) is not a filter button.
    for (const value of [{ verb: 'cases.mine', userId: femke.aadObjectId }, { verb: 'cases.list', filter: 'all' }, { verb: 'cases.new', caseId: '0'.repeat(32) }, { verb: 'cases.withColleagues', pool: 'research-integrity' }]) {
      const answer = await submit(eve, value);
      expect(textOf(answer.replies)).toContain(EXPIRED);
      expect(textOf(answer.replies)).not.toContain(code);
    }
    // Another pool's adviser does not see a behaviour case either.
    const ruthsList = await submit(ruth, { verb: 'cases.list' });
    expect(textOf(ruthsList.replies)).not.toContain(code);
  });
});

describe('"audit" / "inzagelog": the auditors\' group only', () => {
  it('refuses everyone else, typed or through a forged button with a real case key, and takes from an auditor only the case key its own button holds', async () => {
    const { caseId, code } = await requestAnonymously(bot, teamsUser('Noor El Amrani', 'en-GB'), 'A patient threatened me and my manager laughed');
    await deliver();
    await invoke(femke, 'case.claim', { caseId });
    const caseKey = bot.app.audit.caseKeyFor(code);
    for (const person of [lotte, femke, joost, eve, ruth]) {
      // A Dutch command word is answered in Dutch, and so is a word of both languages after it; the English one last
      // leaves each of them in English for what follows.
      for (const command of ['audit', 'inzagelog', 'audit log', 'wie las wat', 'audit trail']) {
        const answer = await say(person, command);
        expect(answer.status).toBe(200);
        expect(textOf(answer.replies)).toMatch(/The audit trail is only for the privacy officer's auditors|Het auditlogboek is alleen voor de controleurs/);
        expect(textOf(answer.replies)).not.toContain(code);
      }
      const forged = await submit(person, { verb: 'audit.case', caseKey });
      expect(textOf(forged.replies)).toMatch(/The audit trail is only for the privacy officer's auditors|Het auditlogboek is alleen voor de controleurs/);
      expect(textOf(forged.replies)).not.toContain(code);
    }
    // The auditor's own button, forged: anything but a 40-hex key, or with more data, is the expired card.
    for (const value of [
      { verb: 'audit.case', caseKey: caseKey.toUpperCase() },
      { verb: 'audit.case', caseKey: `${caseKey}0` },
      { verb: 'audit.case', caseKey: code },
      { verb: 'audit.case', caseKey: { $ne: '' } },
      { verb: 'audit.case', caseKey: '../'.repeat(20) },
      { verb: 'audit.case', caseKey, actor: femke.aadObjectId },
      { verb: 'audit.case' },
    ]) {
      const answer = await submit(ingrid, value);
      expect(answer.status).toBe(200);
      expect(textOf(answer.replies)).toContain(EXPIRED);
    }
    const own = await submit(ingrid, { verb: 'audit.case', caseKey });
    expect(textOf(own.replies)).toContain(code);
  });
});

describe('"Write it down": hostile notes come back as written or are refused, and none is stored', () => {
  const stored = () => everyStoredByte();

  it('sends back a note full of template syntax and Markdown as plain text, and stores none of it', async () => {
    const what = `${HOSTILE_TEXT} on ward 7, the registrar`;
    const answer = await submit(lotte, { verb: 'note.write', what, who: '${$root.menu.title} {{who}}', said: '**You will regret this**', where: '<script>alert(1)</script>', did: '$' + '{'.repeat(500) });
    expect(answer.status).toBe(200);
    const shown = textOf(answer.replies);
    // The template engine saw the note as data: its ${...} are still there, nothing else was put in their place.
    expect(shown).toContain(what);
    expect(shown).toContain('${$root.menu.title} {{who}}');
    expect(shown).toContain('**You will regret this**');
    const bytes = stored();
    for (const part of [what, 'You will regret this', '<script>alert(1)</script>', '{{who}}']) expect(bytes).not.toContain(part);
  });

  it('refuses a 250 KB note, wrong types and extra fields with the localized refusal, and keeps nothing of any of them', async () => {
    const rowsBefore = storedRowCounts(bot);
    const huge = `Dr. Hendriks said on ward 4 that ${'I will make sure you never work here again. '.repeat(6_000)}`.slice(0, 250 * 1024);
    rememberPersonalData(huge.slice(0, 200));
    const attempts: Record<string, unknown>[] = [
      { verb: 'note.write', what: huge },
      { verb: 'note.write', what: 'A short note about the registrar', said: huge.slice(0, 100_000) },
      { verb: 'note.write', what: 12345 },
      { verb: 'note.write', what: ['The registrar', 'on ward 4'] },
      { verb: 'note.write', what: { text: 'The registrar on ward 4' } },
      { verb: 'note.write', what: '   ' },
      { verb: 'note.write', what: 'The registrar on ward 4 again', whenDate: '2026-12-06T00:00:00Z' },
      { verb: 'note.write', what: 'The registrar on ward 4 again', whenTime: '25:00; DROP TABLE cases' },
      { verb: 'note.write', what: 'The registrar on ward 4 again', caseId: '0'.repeat(32) },
      { verb: 'note.write', what: 'The registrar on ward 4 again', store: true },
    ];
    for (const value of attempts) {
      const answer = await submit(bram, value);
      expect(answer.status).toBe(200);
      expect(textOf(answer.replies)).toContain('I could not read this note');
      expect(JSON.stringify(answer.replies)).not.toContain('registrar');
      expect(JSON.stringify(answer.replies)).not.toContain('never work here again');
    }
    const bytes = stored();
    expect(bytes).not.toContain('never work here again');
    expect(bytes).not.toContain('The registrar on ward 4');
    // No row was added for any of it (no outbox job, no insight, no case); the deduplication marker is a hash of the card id.
    const rowsAfter = storedRowCounts(bot);
    expect({ ...rowsAfter, activities: 0 }).toEqual({ ...rowsBefore, activities: 0 });
  });

  it('answers a body over the size limit with 413 before anything is read', async () => {
    const value = { verb: 'note.write', what: 'The consultant on ward 9 '.repeat(12_000) };
    const answer = await submit(bram, value);
    expect(answer.status).toBe(413);
    expect(answer.replies).toEqual([]);
    expect(stored()).not.toContain('The consultant on ward 9');
  });
});

describe('"Remind me to check in": only the three choices, one reminder per person, nobody else\'s', () => {
  const reminderRows = async () => bot.app.store.listPartition<Record<string, unknown>>('reminders', 'person');

  it('refuses choices and topics outside the allowed sets, other types and extra fields, and stores no reminder', async () => {
    for (const value of [
      { verb: 'reminder.set', topic: 'bullying', choice: 'now' },
      { verb: 'reminder.set', topic: 'bullying', choice: 'inTenYears' },
      { verb: 'reminder.set', topic: 'bullying', choice: '__proto__' },
      { verb: 'reminder.set', topic: 'bullying', choice: ['tomorrowMorning', 'afterShift'] },
      { verb: 'reminder.set', topic: 'bullying', choice: { dueAt: '2026-11-24T09:31:00Z' } },
      { verb: 'reminder.set', topic: '${topic}', choice: 'tomorrowMorning' },
      { verb: 'reminder.set', topic: 'bullying', choice: 'tomorrowMorning', dueAt: '2026-11-24T09:31:00Z' },
      { verb: 'reminder.set', topic: 'bullying', choice: 'tomorrowMorning', personKey: 'someone-else' },
      { verb: 'reminder.set', topic: 'bullying', choice: 'tomorrowMorning', locale: 'de' },
      { verb: 'reminder.set', topic: 'bullying' },
      { verb: 'reminder.start', topic: 'nonsense' },
      // A day and time of their own: strings of at most 32 characters, and nothing else.
      { verb: 'reminder.set', topic: 'bullying', choice: 'chosenMoment', remindDate: '2026-12-24'.repeat(10_000), remindTime: '14:30' },
      { verb: 'reminder.set', topic: 'bullying', choice: 'chosenMoment', remindDate: 20261224, remindTime: '14:30' },
      { verb: 'reminder.set', topic: 'bullying', choice: 'chosenMoment', remindDate: ['2026-12-24'], remindTime: '14:30' },
      { verb: 'reminder.set', topic: 'bullying', choice: 'chosenMoment', remindDate: '2026-12-24', remindTime: '14:30', dueAt: '2026-11-24T09:31:00Z' },
    ]) {
      const answer = await submit(eve, value);
      expect(answer.status).toBe(200);
      expect(textOf(answer.replies)).toContain(EXPIRED);
    }
    expect(await reminderRows()).toEqual([]);
  });

  it('asks again for a day and time of their own that is missing, empty or in another format, and stores nothing', async () => {
    for (const [remindDate, remindTime] of [
      [undefined, undefined],
      ['2026-12-24', undefined],
      ['', ''],
      ['24-12-2026', '14:30'],
      ['${$root.dueAt}', '14:30'],
      ['2026-12-24', '2:30 PM'],
    ]) {
      const answer = await submit(eve, { verb: 'reminder.set', topic: 'bullying', choice: 'chosenMoment', remindDate, remindTime });
      expect(answer.status).toBe(200);
      expect(textOf(answer.replies)).toContain('That is not a day and time I can use.');
      expect(textOf(answer.replies)).not.toContain('$root');
    }
    expect(await reminderRows()).toEqual([]);
  });

  it('keeps one reminder per person however often it is set, and someone else\'s cancel leaves it', async () => {
    for (let round = 0; round < 30; round += 1) {
      const choice = (['tomorrowMorning', 'afterShift', 'inTwoDays'] as const)[round % 3];
      const answer = await submit(lotte, { verb: 'reminder.set', topic: 'bullying', choice });
      expect(answer.status).toBe(200);
    }
    const rows = await reminderRows();
    expect(rows).toHaveLength(1);
    const lottesKey = bot.app.services.personKeys.keyFor(lotte.aadObjectId);
    expect(rows[0].rowKey).toBe(lottesKey);

    // Someone else's cancel, typed or pressed, cancels only their own (none).
    const typed = await say(eve, 'cancel reminder');
    expect(textOf(typed.replies)).toContain('You have no reminder set.');
    const forged = await submit(eve, { verb: 'reminder.cancel', personKey: lottesKey });
    expect(textOf(forged.replies)).toContain(EXPIRED);
    expect((await reminderRows()).map((row) => row.rowKey)).toEqual([lottesKey]);

    const own = await say(lotte, 'cancel reminder');
    expect(textOf(own.replies)).toContain('Your reminder is cancelled.');
    expect(await reminderRows()).toEqual([]);
  });

  it('works out the time in the organisation\'s zone when Teams reports a time zone that is not one', async () => {
    for (const timezone of ['../../etc/passwd', 'Europe/Nowhere', 'x'.repeat(10_000), '${timeZone}', 42]) {
      const activity = cardSubmitActivity(bram, bot.connector.url, { verb: 'reminder.set', topic: 'aggression', choice: 'afterShift' });
      const answer = await post({ ...activity, entities: [{ type: 'clientInfo', locale: 'en-GB', timezone }] } as { id: string });
      expect(answer.status).toBe(200);
      expect(textOf(answer.replies)).toContain('Cancel reminder');
      const row = (await reminderRows()).find((found) => found.rowKey === bot.app.services.personKeys.keyFor(bram.aadObjectId));
      expect(row?.value.timeZone).toBe(bot.app.services.content.organisation.officeHours.timeZone);
    }
    await say(bram, 'cancel reminder');
  });
});

describe('one-to-one and team dialogue requests: forged forms are refused', () => {
  it('refuses a wrong format, a team dialogue without a size, over-long fields and extra fields, and creates no case', async () => {
    const manager = teamsUser('Marloes de Groot', 'en-GB');
    const fields = { team: 'Ward 4 nurses', preferredPeriod: 'January', reason: 'Tension after a reorganisation', contact: 'marloes@umc.example' };
    const casesBefore = storedRowCounts(bot).cases;
    for (const value of [
      { verb: 'dialogue.confirm', format: 'group-therapy', ...fields },
      { verb: 'dialogue.confirm', format: 'team', ...fields },
      { verb: 'dialogue.confirm', format: 'one-to-one', ...fields, team: 12 },
      { verb: 'dialogue.confirm', format: 'one-to-one', ...fields, mode: 'anonymous' },
      { verb: 'dialogue.confirm', format: 'one-to-one', ...fields, requester: { personKey: 'someone-else' } },
      { verb: 'dialogue.start', format: 'one-to-one', team: 'Ward 4 nurses' },
    ]) {
      const answer = await submit(manager, value);
      expect(answer.status).toBe(200);
      expect(textOf(answer.replies)).toContain(EXPIRED);
    }
    // Only too long (a client that ignores the card's maxLength): said so, not an out-of-date card; nothing sent either.
    const overLong = await submit(manager, { verb: 'dialogue.confirm', format: 'one-to-one', ...fields, reason: 'r'.repeat(1001) });
    expect(overLong.status).toBe(200);
    expect(textOf(overLong.replies)).toContain('longer than it takes, so I sent nothing');
    expect(storedRowCounts(bot).cases).toBe(casesBefore);
  });
});

describe('another tenant', () => {
  it('gets one notice for a note, a reminder, an audit and an adviser button, and nothing of theirs is stored or echoed', async () => {
    const rowsBefore = storedRowCounts(bot);
    const note = 'Stranger note about the surgeon in theatre 3';
    for (const activity of [
      cardSubmitActivity(stranger, bot.connector.url, { verb: 'note.write', what: note }),
      cardSubmitActivity(stranger, bot.connector.url, { verb: 'reminder.set', topic: 'bullying', choice: 'tomorrowMorning' }),
      messageActivity(stranger, bot.connector.url, 'audit'),
      cardSubmitActivity(stranger, bot.connector.url, { verb: 'cases.mine' }),
      adaptiveCardActionInvoke(stranger, bot.connector.url, 'case.acceptHandOver', { caseId: '0'.repeat(32) }),
    ]) {
      const answer = await post(activity);
      // A card button pressed there gets the notice in place of the card, not a 501.
      expect(answer.status).toBe(200);
      const shown = [...answer.replies, { card: answer.card }];
      expect(textOf(shown)).toContain('only available within its own organisation');
      expect(JSON.stringify(shown)).not.toContain(note);
    }
    expect(storedRowCounts(bot)).toEqual(rowsBefore);
    expect(everyStoredByte()).not.toContain(note);
  });
});

describe('in a team channel, what is for one person stays out of the channel', () => {
  it('does not list an adviser\'s cases, with their requesters\' messages, to everyone in the channel', async () => {
    const noor = teamsUser('Noor Haddad', 'en-GB');
    const message = 'The head of department pressures me to add his name to my paper';
    const { caseId, code } = await requestAnonymously(bot, noor, message);
    await deliver();
    await invoke(sarah, 'case.claim', { caseId });
    await deliver();
    for (const command of ['cases', 'my cases', 'unclaimed', 'with colleagues']) {
      const answer = await post(inTeamChannel(messageActivity(sarah, bot.connector.url, command)));
      expect(answer.status).toBe(200);
      expect(JSON.stringify(answer.replies)).not.toContain(message);
      expect(JSON.stringify(answer.replies)).not.toContain(code);
      expect(textOf(answer.replies)).toContain('personal chat');
    }
    for (const verb of ['cases.list', 'cases.mine', 'cases.new', 'cases.withColleagues']) {
      const answer = await post(inTeamChannel(cardSubmitActivity(sarah, bot.connector.url, { verb })));
      expect(JSON.stringify(answer.replies)).not.toContain(message);
      expect(JSON.stringify(answer.replies)).not.toContain(code);
    }
  });

  it('sends no welcome when the bot is added to a team, and keeps no chat address of the channel to post into later', async () => {
    const teamOwner = teamsUser('Kees Teamlid', 'en-GB');
    const added = await post(inTeamChannel(installActivity(teamOwner, bot.connector.url)));
    expect(added.status).toBe(200);
    expect(added.replies).toEqual([]);
    const spoken = await post(inTeamChannel(messageActivity(teamOwner, bot.connector.url, 'help')));
    expect(spoken.status).toBe(200);
    expect(await bot.app.store.get('conversations', 'person', bot.app.services.personKeys.keyFor(teamOwner.aadObjectId))).toBeUndefined();
  });

  it('does not show the audit trail to everyone in the channel when an auditor types "audit" there', async () => {
    const recent = await say(ingrid, 'audit');
    const codes = textOf(recent.replies).match(/VK-[A-Z0-9]{4}-[A-Z0-9]{4}/g) ?? [];
    expect(codes.length).toBeGreaterThan(0);
    for (const command of ['audit', 'inzagelog']) {
      const answer = await post(inTeamChannel(messageActivity(ingrid, bot.connector.url, command)));
      expect(answer.status).toBe(200);
      for (const code of codes) expect(JSON.stringify(answer.replies)).not.toContain(code);
      expect(textOf(answer.replies)).toMatch(/personal chat|persoonlijke chat/);
    }
    const caseKey = bot.app.audit.caseKeyFor(codes[0]!);
    const forged = await post(inTeamChannel(cardSubmitActivity(ingrid, bot.connector.url, { verb: 'audit.case', caseKey })));
    expect(JSON.stringify(forged.replies)).not.toContain(codes[0]);
    // The programme's figures are for its leads, not for a channel either.
    for (const command of ['insights', 'cijfers']) {
      const figures = await post(inTeamChannel(messageActivity(ingrid, bot.connector.url, command)));
      expect(textOf(figures.replies)).toMatch(/personal chat|persoonlijke chat/);
      expect(figures.replies).toHaveLength(1);
    }
    expect(textOf((await say(eve, 'insights')).replies)).toContain("Only members of the programme-lead group can see the programme's figures.");
  });

  it('does not write a note back into a team channel, whose card would say it is only in this chat', async () => {
    const note = 'The surgeon in theatre 2 threw instruments at the scrub nurse again';
    for (const value of [{ verb: 'note.start' }, { verb: 'note.write', what: note, who: 'Dr. Hendriks' }, { verb: 'note.write', what: 'x'.repeat(3000) }]) {
      const answer = await post(inTeamChannel(cardSubmitActivity(lotte, bot.connector.url, value)));
      expect(answer.status).toBe(200);
      expect(textOf(answer.replies)).toContain('personal chat');
      expect(JSON.stringify(answer.replies)).not.toContain(note);
      expect(JSON.stringify(answer.replies)).not.toContain('Hendriks');
    }
    const typed = await post(inTeamChannel(messageActivity(lotte, bot.connector.url, 'write it down')));
    expect(textOf(typed.replies)).toContain('personal chat');
    expect(everyStoredByte()).not.toContain(note);
  });

  it('does not relay what an anonymous requester writes in a team channel, nor say there that they have an adviser', async () => {
    const ahmed = teamsUser('Ahmed Yilmaz', 'en-GB');
    const { caseId, code } = await requestAnonymously(bot, ahmed, 'Someone on my team makes jokes about my religion');
    await deliver();
    await invoke(joost, 'case.claim', { caseId });
    await deliver();
    const jobsBefore = storedRowCounts(bot).outbox;
    const inChannel = 'Does anyone know when the new rota for the holidays comes out?';
    const answer = await post(inTeamChannel(messageActivity(ahmed, bot.connector.url, inChannel)));
    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.replies)).not.toContain(code);
    expect(textOf(answer.replies)).not.toContain('adviser');
    expect(storedRowCounts(bot).outbox).toBe(jobsBefore);
    // "adviser" (a team-scope command) and "status" there do not show the open request, its code or its adviser either.
    for (const command of ['adviser', 'status', 'my request', 'vertrouwenspersoon']) {
      const typed = await post(inTeamChannel(messageActivity(ahmed, bot.connector.url, command)));
      expect(typed.status).toBe(200);
      expect(JSON.stringify(typed.replies)).not.toContain(code);
      expect(JSON.stringify(typed.replies)).not.toContain('Joost');
    }
    const pressed = await post(inTeamChannel(cardSubmitActivity(ahmed, bot.connector.url, { verb: 'handoff.status' })));
    expect(JSON.stringify(pressed.replies)).not.toContain(code);
    // A command word for the adviser in the personal chat is the menu in a channel; a picture alone there is not "not sent to your adviser".
    const greeting = await post(inTeamChannel(messageActivity(ahmed, bot.connector.url, 'menu')));
    // In the language of the conversation so far (its last message was Dutch): the menu, as anyone gets it there.
    expect(textOf(greeting.replies)).toContain('Iets gezien of meegemaakt dat niet oké was?');
    const picture = { ...messageActivity(ahmed, bot.connector.url, ''), attachments: [{ contentType: 'image/*', contentUrl: 'https://teams.example/screenshot.png' }] };
    const pictureAnswer = await post(inTeamChannel(picture));
    expect(textOf(pictureAnswer.replies)).toContain('Ik kan alleen tekstberichten en mijn eigen knoppen lezen.');
    for (const answer of [greeting, pictureAnswer]) {
      expect(JSON.stringify(answer.replies)).not.toContain(code);
      expect(textOf(answer.replies)).not.toMatch(/your adviser|je vertrouwenspersoon/);
    }
    // Danger now written in the channel shows the emergency card there, but does not mark the request urgent, nor name it.
    const danger = await post(inTeamChannel(messageActivity(ahmed, bot.connector.url, 'He is hitting me right now and I am scared he will hurt me')));
    expect(textOf(danger.replies)).toContain('112');
    expect(JSON.stringify(danger.replies)).not.toContain(code);
    expect((await storedCase(caseId))?.urgent).toBe(false);
    expect(storedRowCounts(bot).outbox).toBe(jobsBefore);
    // In the personal chat the relay and the status work as before (the control).
    const own = await say(ahmed, 'Can we talk on Thursday after my shift?');
    expect(textOf(own.replies)).toContain(code);
    expect(textOf((await say(ahmed, 'status')).replies)).toContain(code);
  });

  it('starts no request to an adviser in a team channel, where its code and buttons would be everyone\'s', async () => {
    const sanne = teamsUser('Sanne Bakker', 'en-GB');
    const casesBefore = storedRowCounts(bot).cases;
    for (const command of ['adviser', 'I would like to talk to a confidential adviser']) {
      const typed = await post(inTeamChannel(messageActivity(sanne, bot.connector.url, command)));
      expect(typed.status).toBe(200);
      expect(textOf(typed.replies)).toContain('personal chat');
      expect(JSON.stringify(typed.replies)).not.toContain('handoff.confirm');
    }
    // The consent card's send button, forged or carried over from the personal chat, is refused there too.
    const message = 'My supervisor keeps touching my shoulders during night shifts';
    const flow = { topic: 'sexual-harassment', perspective: 'target' };
    const confirm = { verb: 'handoff.confirm', flow, mode: 'anonymous', contact: 'teams-chat', urgent: 'false', message };
    const pressed = await post(inTeamChannel(cardSubmitActivity(sanne, bot.connector.url, confirm)));
    expect(pressed.status).toBe(200);
    expect(textOf(pressed.replies)).toContain('personal chat');
    expect(JSON.stringify(pressed.replies)).not.toContain(message);
    expect(storedRowCounts(bot).cases).toBe(casesBefore);
    // The same person's own request, from the personal chat, goes through (the control).
    const { caseId, code } = await requestAnonymously(bot, sanne, message);
    expect(storedRowCounts(bot).cases).toBeGreaterThan(casesBefore);
    // Its buttons pressed in a channel change nothing and show nothing.
    for (const verb of ['handoff.cancel', 'handoff.reveal', 'handoff.anotherAdviser', 'handoff.chatInstead']) {
      const caseButton = await post(inTeamChannel(cardSubmitActivity(sanne, bot.connector.url, { verb, caseId })));
      expect(textOf(caseButton.replies)).toContain('personal chat');
      expect(JSON.stringify(caseButton.replies)).not.toContain(code);
    }
    expect(textOf((await say(sanne, 'status')).replies)).toContain(code);
  });
  it('starts no dialogue request, forgets nobody and sets no reminder in a team channel or group chat, and never shows the open request\'s code there', async () => {
    const kim = teamsUser('Kim de Wit', 'en-GB');
    const message = 'My team leader shouts at the interns during handover';
    const { caseId, code } = await requestAnonymously(bot, kim, message);
    const kimsKey = bot.app.services.personKeys.keyFor(kim.aadObjectId);
    const dialogueForm = { verb: 'dialogue.confirm', format: 'one-to-one', team: 'Ward 4', preferredPeriod: 'January', reason: 'Tension with Dr. Hendriks', contact: 'Teams' };
    const casesBefore = storedRowCounts(bot).cases;
    for (const shared of [inTeamChannel, inGroupChat]) {
      for (const value of [
        { verb: 'dialogue.start', format: 'one-to-one' },
        dialogueForm,
        { verb: 'forget.start' },
        { verb: 'forget.confirm' },
        { verb: 'reminder.start', topic: 'bullying' },
        { verb: 'reminder.set', topic: 'bullying', choice: 'tomorrowMorning' },
        { verb: 'reminder.cancel' },
      ]) {
        const answer = await post(shared(cardSubmitActivity(kim, bot.connector.url, value)));
        expect(answer.status).toBe(200);
        expect(textOf(answer.replies)).toContain('personal chat');
        expect(JSON.stringify(answer.replies)).not.toContain(code);
        expect(JSON.stringify(answer.replies)).not.toContain('Hendriks');
      }
      for (const command of ['vergeet mij', 'forget me', 'team dialogue', 'cancel reminder']) {
        const typed = await post(shared(messageActivity(kim, bot.connector.url, command)));
        expect(textOf(typed.replies)).toMatch(/personal chat|persoonlijke chat/);
        expect(JSON.stringify(typed.replies)).not.toContain(code);
      }
    }
    expect(storedRowCounts(bot).cases).toBe(casesBefore);
    expect(await bot.app.store.get('reminders', 'person', kimsKey)).toBeUndefined();
    expect((await storedCase(caseId))?.status).toBe('requested');
    expect(await bot.app.store.get('conversations', 'person', kimsKey)).toBeDefined();
    // In the personal chat, forget me still names the open request to its own requester (the control).
    expect(textOf((await submit(kim, { verb: 'forget.confirm' })).replies)).toContain(code);
  });

  it('still answers what is for everyone in a team channel or group chat: the menu, guidance and the code of conduct', async () => {
    const kees = teamsUser('Kees Teamlid', 'en-GB');
    for (const shared of [inTeamChannel, inGroupChat]) {
      for (const command of ['help', 'what should i do', 'code of conduct', 'privacy']) {
        const answer = await post(shared(messageActivity(kees, bot.connector.url, command)));
        expect(answer.status).toBe(200);
        expect(answer.replies.length).toBeGreaterThan(0);
        expect(textOf(answer.replies)).not.toContain('personal chat');
      }
    }
  });
});

describe('a pool with a team channel: its card is drawn only in that channel', () => {
  const TEAM_ID = '3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b';
  const POOL_CHANNEL = '19:vertrouwenspersonen0kanaal@thread.tacv2';
  const contentDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-channel-'));
  let withChannel: RunningBot;

  beforeAll(async () => {
    fs.cpSync(CONTENT_DIR, contentDir, { recursive: true });
    const file = path.join(contentDir, 'adviser-pools.json');
    const pools = JSON.parse(fs.readFileSync(file, 'utf8'));
    pools.pools.find((pool: { id: string }) => pool.id === 'confidential-advisers').channel = { teamId: TEAM_ID, channelId: POOL_CHANNEL };
    fs.writeFileSync(file, JSON.stringify(pools, null, 2));
    withChannel = await startBot({ CONTENT_DIR: contentDir, LOCAL_ADVISORS: `${femke.aadObjectId}:${femke.name}` }, { clock, runBackgroundWork: false });
    await new Conversation(withChannel, femke).installs();
  });
  afterAll(async () => {
    await withChannel?.stop();
    fs.rmSync(contentDir, { recursive: true, force: true });
  });

  it('shows someone outside the pool, pressing a case button in another team\'s channel, nothing of the case', async () => {
    const message = 'The anaesthetist grabbed my arm and would not let go';
    const { caseId, code } = await requestAnonymously(withChannel, teamsUser('Iris Bos', 'en-GB'), message);
    await withChannel.app.outbox.runDueJobs();
    for (const verb of ['case.refresh', 'case.claim', 'case.release']) {
      // A former adviser keeps the case ids of the cards in their chat; any team with the bot has a channel.
      const activity = adaptiveCardActionInvoke(eve, withChannel.connector.url, verb, { caseId });
      const response = await postToBot(withChannel, inTeamChannel(activity));
      expect(response.status).toBe(200);
      const card = ((await response.json()) as { value?: Card }).value;
      expect(cardText({ card })).toContain(REFUSED_ADVISER);
      expect(JSON.stringify(card)).not.toContain(message);
      expect(JSON.stringify(card)).not.toContain(code);
    }
    expect((await withChannel.app.store.get<HandoffCase>('cases', 'case', caseId))?.value.status).not.toBe('claimed');
  });
});
