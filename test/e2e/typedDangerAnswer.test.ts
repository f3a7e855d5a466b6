import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { DANGER_QUESTION_OPEN_MS } from '../../src/bot/openDangerQuestions';
import { startBot, type RunningBot } from '../support/botHarness';
import { allActions, cardText, Conversation } from '../support/conversation';
import { rememberPersonalData } from '../support/personalData';
import { TestClock } from '../support/testClock';
import { teamsUser, type TeamsUser } from '../support/teamsActivities';

/**
 * The danger question answered by typing: people in a hurry or on a phone type "yes", "ja" or
 * "help" instead of pressing a button. While the question waits for this person in this chat, a
 * typed yes is the "Yes" button, a bare no the "No" button; it counts for ten minutes, for this
 * person and this chat only, and survives a restart (it is in the store, not in memory).
 */
const clock = new TestClock('2026-11-24T10:00:00Z');
let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot({}, { clock, runBackgroundWork: false });
});
afterAll(async () => {
  await bot.stop();
});

const UNCLEAR_EN = 'A colleague threatened a nurse with a knife';
const UNCLEAR_NL = 'Een patiënt sloeg mijn collega';
const QUESTION = /Is anyone in immediate danger right now|Is er op dit moment iemand in direct gevaar/;
const EMERGENCY = /Safety first|Veiligheid eerst/;

async function askedTheQuestion(person: Conversation, message = UNCLEAR_EN): Promise<void> {
  const [question] = await person.says(message);
  expect(cardText(question)).toMatch(QUESTION);
}

/** The same person in another chat with the bot (another Teams conversation id). */
function inAnotherChat(user: TeamsUser): TeamsUser {
  const conversationId = `19:${randomUUID().replace(/-/g, '')}@thread.v2`;
  rememberPersonalData(conversationId);
  return { ...user, conversationId };
}

describe('a typed answer to the danger question', () => {
  it('"no" / "nee" goes on as the No button does: no emergency card, the next question of the flow', async () => {
    for (const [answer, message, next] of [
      ['no', UNCLEAR_EN, 'employee, a student or a manager'],
      ['Nee.', UNCLEAR_NL, 'medewerker, student of leidinggevende'],
    ] as const) {
      const person = new Conversation(bot, teamsUser(`Noor Typed ${answer}`, 'en-GB'));
      await askedTheQuestion(person, message);
      const replies = await person.says(answer);
      expect(replies).toHaveLength(1);
      expect(cardText(replies[0])).not.toMatch(EMERGENCY);
      expect(cardText(replies[0])).toContain(next);
    }
  });

  it('shows the emergency card in the language of the message that raised the question, also after choosing another', async () => {
    const person = new Conversation(bot, teamsUser('Jan Gekozen', 'nl-NL'));
    const [chosen] = await person.says('language');
    expect(cardText(chosen)).toContain('I will speak English from now on');
    const [question] = await person.says(UNCLEAR_NL);
    expect(cardText(question)).toContain('Is anyone in immediate danger right now');
    const [first] = await person.says('hulp');
    expect(cardText(first)).toContain('Veiligheid eerst');
  });

  it('reads other text as a new message, and the question still counts afterwards', async () => {
    const person = new Conversation(bot, teamsUser('Otto Anders', 'en-GB'));
    await askedTheQuestion(person);
    const [other] = await person.says('code of conduct');
    expect(cardText(other)).not.toMatch(EMERGENCY);
    const [first] = await person.says('yes');
    expect(cardText(first)).toContain('Safety first');
    // Answered: a second "yes" is an ordinary message again (the menu), not a second answer.
    const [again] = await person.says('yes');
    expect(cardText(again)).not.toMatch(EMERGENCY);
  });

  it('is closed by the button: a typed "yes" after pressing No is an ordinary message', async () => {
    const person = new Conversation(bot, teamsUser('Bram Knop', 'en-GB'));
    await askedTheQuestion(person);
    await person.clicks('No, not right now');
    const [after] = await person.says('yes');
    expect(cardText(after)).not.toMatch(EMERGENCY);
  });

  it('stays open when No is pressed on an earlier question card: that card answered the earlier question', async () => {
    const person = new Conversation(bot, teamsUser('Mila Twee Kaarten', 'en-GB'));
    const [earlier] = await person.says(UNCLEAR_EN);
    expect(cardText(earlier)).toMatch(QUESTION);
    await askedTheQuestion(person, UNCLEAR_NL);
    const no = allActions(earlier!.card!).find((action) => action.title === 'No, not right now')!;
    await person.submits(no.data, earlier!.id);
    const [first] = await person.says('yes');
    expect(cardText(first)).toMatch(EMERGENCY);
  });

  it('goes with "forget me": the row is deleted, and a "yes" afterwards is an ordinary message', async () => {
    const user = teamsUser('Fenna Vergeten', 'en-GB');
    const person = new Conversation(bot, user);
    await askedTheQuestion(person);
    const rowsOf = async () => (await bot.app.store.listPartition('dangerQuestions', 'person')).length;
    const before = await rowsOf();
    await person.says('forget me');
    const [forgotten] = await person.clicks('Yes, forget me');
    expect(cardText(forgotten)).not.toMatch(EMERGENCY);
    expect(await rowsOf()).toBe(before - 1);
    const [after] = await person.says('yes');
    expect(cardText(after)).not.toMatch(EMERGENCY);
  });

  it('does not count for another person, nor for the same person in another chat', async () => {
    const asked = teamsUser('Sara Gevraagd', 'en-GB');
    await askedTheQuestion(new Conversation(bot, asked));
    const [someoneElse] = await new Conversation(bot, teamsUser('Piet Ander', 'en-GB')).says('yes');
    expect(cardText(someoneElse)).not.toMatch(EMERGENCY);
    const [otherChat] = await new Conversation(bot, inAnotherChat(asked)).says('yes');
    expect(cardText(otherChat)).not.toMatch(EMERGENCY);
    // Still open in the chat where it was asked.
    const [first] = await new Conversation(bot, asked).says('yes');
    expect(cardText(first)).toContain('Safety first');
  });

  it('expires: a "yes" after the window is an ordinary message, and the sweep deletes the row', async () => {
    const late = new Conversation(bot, teamsUser('Eef Later', 'en-GB'));
    const inTime = new Conversation(bot, teamsUser('Tim Tijdig', 'en-GB'));
    const unanswered = new Conversation(bot, teamsUser('Lot Stil', 'en-GB'));
    for (const person of [late, inTime, unanswered]) await askedTheQuestion(person);
    const openRows = async () => (await bot.app.store.listPartition('dangerQuestions', 'person')).length;
    expect(await openRows()).toBeGreaterThanOrEqual(3);

    clock.advanceMinutes(DANGER_QUESTION_OPEN_MS / 60_000 - 1);
    const [first] = await inTime.says('yes');
    expect(cardText(first)).toContain('Safety first');
    clock.advanceMinutes(1);
    const [afterWindow] = await late.says('yes');
    expect(cardText(afterWindow)).not.toMatch(EMERGENCY);
    await bot.app.runSweep();
    expect(await openRows()).toBe(0);
  });
});

/**
 * Red team, stop 32, finding 2 (fixed: yes words are read as typed with a key held down, as alarm words were, and an
 * answer of nothing but content/danger-answers' affirmingWords and besideAnswerWords is a yes; this proof moved here from
 * test/redteam/hurriedYesToDangerQuestion.test.ts). "JAAAA!!", "yesss!!" and answers that say it goes on ("nu!!", "hij is
 * er nog", "still happening") were read as a new message, which the classifier rates `none`: the menu or the guided flow.
 */
describe('a yes typed in a hurry, or said without a yes', () => {
  it.each([
    // A yes with a key held down.
    ['nl-NL', UNCLEAR_NL, 'JAAAA!!'],
    ['nl-NL', UNCLEAR_NL, 'jaaaa'],
    ['en-GB', UNCLEAR_EN, 'yesss!!'],
    ['en-GB', UNCLEAR_EN, 'yessss'],
    // It goes on: now, still, someone is still there.
    ['nl-NL', UNCLEAR_NL, 'nu!!'],
    ['nl-NL', UNCLEAR_NL, 'hij is er nog'],
    ['nl-NL', UNCLEAR_NL, 'nog steeds bezig'],
    ['nl-NL', UNCLEAR_NL, 'het gaat nog steeds door'],
    ['en-GB', UNCLEAR_EN, 'still happening'],
    ['en-GB', UNCLEAR_EN, 'right now!!'],
    // It is so.
    ['nl-NL', UNCLEAR_NL, 'klopt'],
    ['en-GB', UNCLEAR_EN, 'definitely'],
  ])('(%s) "%s", then "%s" shows the emergency card first', async (locale, story, answer) => {
    const person = new Conversation(bot, teamsUser(`Jet Haast ${[...answer].map((c) => c.codePointAt(0)).join('-')} ${locale}`, locale));
    await askedTheQuestion(person, story);
    const replies = await person.says(answer);
    expect(replies.length).toBeGreaterThan(0);
    expect(cardText(replies[0])).toMatch(EMERGENCY);
  });

  it.each([
    // Negated, or a question back: a new message, with no emergency card for the calm words it holds.
    ['nl-NL', UNCLEAR_NL, 'zeker niet'],
    ['en-GB', UNCLEAR_EN, 'definitely not'],
    ['nl-NL', UNCLEAR_NL, 'is er nog iemand?'],
  ])('(%s) "%s", then "%s" is no yes', async (locale, story, answer) => {
    const person = new Conversation(bot, teamsUser(`Jet Geen ${answer.length} ${locale}`, locale));
    await askedTheQuestion(person, story);
    const replies = await person.says(answer);
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.map(cardText).join('\n')).not.toMatch(EMERGENCY);
  });
});

describe('a restart between the question and the typed answer', () => {
  it('keeps the question open: the answer counts on the bot that starts next', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'typed-danger-restart-'));
    const environment = { SQLITE_PATH: path.join(dataDir, 'bot.sqlite') };
    const user = teamsUser('Rik Herstart', 'nl-NL');
    try {
      const before = await startBot(environment, { runBackgroundWork: false });
      try {
        await askedTheQuestion(new Conversation(before, user), UNCLEAR_NL);
      } finally {
        await before.stop();
      }
      const after = await startBot(environment, { runBackgroundWork: false });
      try {
        const [first] = await new Conversation(after, user).says('ja hij is er nog');
        expect(cardText(first)).toContain('Veiligheid eerst');
      } finally {
        await after.stop();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
