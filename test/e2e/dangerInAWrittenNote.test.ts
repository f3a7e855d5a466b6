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

it('sends a calm note back alone, as before', async () => {
  const replies = await writesNote(teamsUser('Sam Rustig', 'en-GB'), {
    what: 'In the team meeting my manager made a joke about the accent of the new nurse',
    did: 'I talked to her afterwards',
  });
  expect(replies).toHaveLength(1);
  expect(cardText(replies[0])).toContain('Your note');
  expect(cardText(replies[0])).not.toContain(EMERGENCY.en);
});
