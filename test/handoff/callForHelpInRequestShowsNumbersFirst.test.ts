import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { requestAdviser } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';
import type { HandoffCase } from '../../src/handoff/handoffCase';

/**
 * README, anyone in danger: what someone writes in the message box of a request for an adviser, or as the reason on a dialogue
 * request form, is read for danger as a message in the chat is, and a message of nothing but words that call for help reads as
 * unclear danger wherever it is typed: the emergency card comes before the confirmation (no question fits there), and the
 * request goes as sent, not urgent, since nothing told of danger now. One reading for all three (src/bot/readTypedText.ts);
 * read by the classifier alone, the box rated a bare "HELP ME!!" no danger (red team stop 33, 9).
 */
const clock = new TestClock('2026-11-24T10:00:00Z');
const adviser = teamsUser('Ria Adviseur', 'nl-NL');
const lead = teamsUser('Ingrid Programma', 'nl-NL');
let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot(
    { LOCAL_ADVISORS: `${adviser.aadObjectId}:${adviser.name}`, LOCAL_PROGRAMME_LEADS: `${lead.aadObjectId}:${lead.name}` },
    { clock, runBackgroundWork: false },
  );
  await new Conversation(bot, adviser).installs();
});
afterAll(async () => {
  await bot.stop();
});

const identify = (text: string) => [...text].map((c) => c.codePointAt(0)).join('-');
async function storedCase(caseId: string): Promise<HandoffCase> {
  return (await bot.app.store.get<HandoffCase>('cases', 'case', caseId))!.value;
}

// The kinds of a bare call for help (test/bot/typedDangerAnswers.test.ts reads the words), in both languages.
const BARE_CALLS = [
  // A call shouted, and the writer's own.
  ['en-GB', 'HELP ME!!'],
  ['nl-NL', 'hulp nu!!'],
  // A signal or a number.
  ['en-GB', 'SOS!!'],
  ['nl-NL', 'bel 112!'],
  ['nl-NL', '🆘'],
] as const;

describe('a bare call for help written in the message box of a request for an adviser', () => {
  it.each(BARE_CALLS)('(%s) "%s" shows the emergency card before the confirmation, and the request goes as sent', async (locale, message) => {
    const person = teamsUser(`Lot Berichtvak ${identify(message)}`, locale);
    const { replies, caseId } = await requestAdviser(bot, person, { message });
    expect(replies).toHaveLength(2);
    expect(cardText(replies[0])).toMatch(/Safety first|Veiligheid eerst/);
    expect(cardText(replies[1])).toMatch(/VK-/);
    expect((await storedCase(caseId)).urgent).toBe(false);
  });

  it('shows no emergency card for a calm message', async () => {
    const { replies } = await requestAdviser(bot, teamsUser('Lot Rustig', 'nl-NL'), { message: 'Ik wil graag even praten over mijn leidinggevende.' });
    expect(replies).toHaveLength(1);
  });
});

describe('a bare call for help given as the reason on a dialogue request form', () => {
  const form = (reason: string) => ({ verb: 'dialogue.confirm', format: 'team', team: 'Afdeling Radiologie', teamSize: 'small', preferredPeriod: 'maart', reason, contact: 'Teams' });

  it.each(BARE_CALLS)('(%s) "%s" shows the emergency card before the confirmation', async (locale, reason) => {
    const replies = await new Conversation(bot, teamsUser(`Mees Reden ${identify(reason)}`, locale)).submits(form(reason));
    expect(replies.length).toBeGreaterThan(1);
    expect(cardText(replies[0])).toMatch(/Safety first|Veiligheid eerst/);
  });

  it('shows no emergency card for a calm reason', async () => {
    const replies = await new Conversation(bot, teamsUser('Mees Rustig', 'nl-NL')).submits(form('Spanningen na een reorganisatie'));
    expect(cardText(replies[0])).not.toMatch(/Veiligheid eerst/);
  });
});
