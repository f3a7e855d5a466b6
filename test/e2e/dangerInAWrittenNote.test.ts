import { startBot, type RunningBot } from '../support/botHarness';
import { allActions, cardText, Conversation, type BotReply } from '../support/conversation';
import { sqliteFileText, sqliteRowsText } from '../support/storedRows';
import { teamsUser, type TeamsUser } from '../support/teamsActivities';

/**
 * "Any message or answer that means immediate danger or self-harm shows the emergency card first" (README), also
 * when it is written in the form of "Write it down" (red team, stop 34 #4). The note came straight back with no number
 * on it, while the same words typed in the chat, in a request's message box or as a dialogue form's reason show the
 * emergency card first. The note is read as typed text is, in memory, and still kept nowhere.
 */
let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => {
  await bot.stop();
});

const EMERGENCY = { en: 'Do not put yourself in danger', nl: 'Breng jezelf niet in gevaar' };

async function writesNote(person: TeamsUser, fields: Record<string, string>): Promise<BotReply[]> {
  const conversation = new Conversation(bot, person);
  const [form] = await conversation.says(person.locale.startsWith('nl') ? 'schrijf het op' : 'write it down');
  const send = allActions(form!.card!).find((action) => action.data?.verb === 'note.write')!;
  return conversation.submits({ ...send.data, ...fields });
}

describe('a note that tells of danger shows the emergency card before the note', () => {
  it.each([
    ['en-GB', { what: 'He is standing at my door with a knife right now and says he will kill me' }, 'en'],
    ['nl-NL', { what: 'Hij staat nu met een mes voor mijn deur en zegt dat hij me afmaakt' }, 'nl'],
    ['en-GB', { what: 'My colleague texted me tonight', said: 'I have the pills here, I am going to end it tonight' }, 'en'],
    // The note's own language, whatever the chat's.
    ['nl-NL', { what: 'He is hitting her in the corridor right now, she is bleeding' }, 'en'],
    // Where and who tell in words too.
    ['nl-NL', { what: 'Mijn collega werd weer uitgescholden', where: 'Opgesloten in de wc, hij staat nu met een mes voor de deur' }, 'nl'],
    ['en-GB', { what: 'It happened again after the meeting', who: 'My manager, he is outside my office right now with a knife' }, 'en'],
  ] as const)('(Teams in %s) %j', async (teamsLocale, fields, language) => {
    const replies = await writesNote(teamsUser('Noor Schrijft', teamsLocale), fields);
    expect(cardText(replies[0])).toContain(EMERGENCY[language]);
    const note = replies.at(-1)!;
    for (const field of Object.values(fields)) expect(cardText(note)).toContain(field);
    for (const field of Object.values(fields)) {
      expect(sqliteRowsText(bot)).not.toContain(field);
      expect(sqliteFileText(bot)).not.toContain(field);
    }
  });
});

/**
 * Each field is read on its own: joined, a long note's middle field lay beyond the first and last
 * 2,000 characters the classifier reads, so a knife at the door in "what was said" between a long "what" and a long
 * "what I did" came back as a note with no number on it.
 */
describe('danger in the middle of a long note still shows the emergency card first, in that field\'s language', () => {
  const calm = (language: 'en' | 'nl') =>
    (language === 'en' ? 'The meeting ran late and we talked about the rota for next month. ' : 'Het overleg liep uit en we hadden het over het rooster van volgende maand. ')
      .repeat(40)
      .slice(0, 1990);
  it.each([
    ['en-GB', 'en', 'He is at my door right now with a knife and says he will stab me. I locked myself in.'],
    ['en-GB', 'nl', 'Hij staat nu met een mes voor mijn deur en zegt dat hij me gaat steken. Ik heb me opgesloten.'],
  ] as const)('(Teams in %s) said in %s between two long fields', async (teamsLocale, language, said) => {
    const fields = { what: calm('en'), said, did: calm('en') };
    const replies = await writesNote(teamsUser('Mo Lang', teamsLocale), fields);
    expect(cardText(replies[0])).toContain(EMERGENCY[language]);
    expect(cardText(replies.at(-1))).toContain(said);
  });
});

it('sends a calm note back alone, as before', async () => {
  const replies = await writesNote(teamsUser('Sam Rustig', 'en-GB'), {
    what: 'In the team meeting my manager made a joke about the accent of the new nurse',
    did: 'I talked to her afterwards',
  });
  expect(replies).toHaveLength(1);
  expect(cardText(replies[0])).toContain('Your note');
  expect(cardText(replies[0])).not.toContain(EMERGENCY.en);
});
