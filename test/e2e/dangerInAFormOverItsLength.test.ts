import { startBotWithLocalAdviser, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { openConsent, requestAdviser, requestAnonymously, sendRequestValue } from '../support/handoffRequests';
import { storedRowCounts } from '../support/storedRows';
import { storedCase } from '../support/dangerQuestion';
import { teamsUser } from '../support/teamsActivities';

/**
 * A form a client sends with a field over the card's maxLength (Adaptive Cards call it a hint "some clients ignore") is
 * refused by its schema. Before (red team, stop 34 #5) the danger it told was never read: "Send request" with a message
 * of 600 characters that ended in a knife at the door got "This card is out of date" and the menu, no emergency card, and
 * so did a dialogue reason over 1,000 characters and a note over 2,000. Now what was written is read for danger first, as
 * typed text is (its beginning and end when longer than the limit), and an over-long field is told as such; nothing is
 * sent or kept. Danger now there also makes the person's open request urgent and says so, as an over-long typed message
 * does (before, the request stayed not urgent: one reading for both now), and the words on the relay choice card
 * ("Send to VK-…") are read as the other forms are.
 */
const adviser = teamsUser('Ruud Adviseur', 'nl-NL');
let bot: RunningBot;
beforeAll(async () => {
  bot = await startBotWithLocalAdviser(adviser);
});
afterAll(async () => {
  await bot.stop();
});

const EMERGENCY = { en: 'Do not put yourself in danger', nl: 'Breng jezelf niet in gevaar' };
const TOO_LONG = { en: 'longer than it takes, so I sent nothing', nl: 'langer dan hij toestaat, dus ik heb niets verstuurd' };
const TOO_LONG_TITLE = { en: 'That message is very long', nl: 'Dat is een lang bericht' };
const URGENT_NOW = { en: 'Your request is urgent now', nl: 'Je aanvraag is nu dringend' };
const isUrgent = async (caseId: string) => (await storedCase(bot, caseId)).urgent;
const padding = (language: 'en' | 'nl', length: number) =>
  (language === 'en' ? 'We work on the same ward and this has gone on for months. ' : 'We werken op dezelfde afdeling en dit gaat al maanden zo. ').repeat(40).slice(0, length);

it('reads a request message over 500 characters for danger: the emergency card, then "shorten it", no request', async () => {
  const person = teamsUser('Lotte Lang', 'en-GB');
  const { sendRequest } = await openConsent(bot, person);
  const message = `${padding('en', 560)} Right now he is standing at my door with a knife and says he will kill me.`;
  const replies = await new Conversation(bot, person).submits(sendRequestValue(sendRequest, { message }));
  expect(cardText(replies[0])).toContain(EMERGENCY.en);
  expect(cardText(replies.at(-1))).toContain(TOO_LONG.en);
  expect(replies.map(cardText).join('\n')).not.toContain('out of date');
  expect(storedRowCounts(bot).cases).toBe(0);
});

it('reads a dialogue reason over 1,000 characters for danger, in its own language', async () => {
  const person = teamsUser('Joost Leiding', 'en-GB');
  const reason = `${padding('nl', 1040)} Hij staat nu in de gang met een mes en bedreigt het team.`;
  const replies = await new Conversation(bot, person).submits({
    verb: 'dialogue.confirm',
    format: 'team',
    team: 'Afdeling Radiologie',
    teamSize: 'small',
    preferredPeriod: 'maart',
    reason,
    contact: 'Teams',
  });
  expect(cardText(replies[0])).toContain(EMERGENCY.nl);
  expect(cardText(replies.at(-1))).toContain(TOO_LONG.en);
  expect(storedRowCounts(bot).cases).toBe(0);
});

it('reads a note over 2,000 characters for danger before saying it could not read it', async () => {
  const person = teamsUser('Sanne Notitie', 'nl-NL');
  const what = `${padding('nl', 2050)} Hij slaat haar nu, ze bloedt.`;
  const replies = await new Conversation(bot, person).submits({ verb: 'note.write', what });
  expect(cardText(replies[0])).toContain(EMERGENCY.nl);
  expect(cardText(replies.at(-1))).toContain('Ik kon deze notitie niet lezen');
});

it('tells a calm message over the length that it is too long, with no emergency card', async () => {
  const person = teamsUser('Bas Rustig', 'en-GB');
  const { sendRequest } = await openConsent(bot, person);
  const replies = await new Conversation(bot, person).submits(sendRequestValue(sendRequest, { message: padding('en', 600) }));
  expect(replies).toHaveLength(1);
  expect(cardText(replies[0])).toContain(TOO_LONG.en);
});

it('still answers data that is not just too long with the out-of-date card', async () => {
  const person = teamsUser('Eva Vervalst', 'en-GB');
  const { sendRequest } = await openConsent(bot, person);
  const replies = await new Conversation(bot, person).submits({ ...sendRequestValue(sendRequest, { message: padding('en', 600) }), mode: 'public' });
  expect(cardText(replies[0])).toContain('This card is out of date');
  expect(replies.map(cardText).join('\n')).not.toContain(TOO_LONG.en);
});

it('makes the open request urgent when "Send request" again brings an over-long message telling danger now', async () => {
  const person = teamsUser('Mila Open', 'en-GB');
  // The consent card further up the chat (or in a second tab), pressed again while its request is open.
  const { caseId, sendRequest } = await requestAdviser(bot, person);
  expect(await isUrgent(caseId)).toBe(false);
  const message = `He is here right now with a knife and he is hitting my colleague. ${padding('en', 600)}`;
  const replies = await new Conversation(bot, person).submits(sendRequestValue(sendRequest, { message }));
  const texts = replies.map(cardText);
  expect(texts[0]).toContain(EMERGENCY.en);
  expect(texts.join('\n')).toContain(URGENT_NOW.en);
  expect(texts.at(-1)).toContain(TOO_LONG.en);
  expect(await isUrgent(caseId)).toBe(true);
});

describe('the words on the relay choice card ("Send to VK-…") are read for danger when they are too long to send', () => {
  it.each([
    // Over the card's maxLength (2,000), from a client that ignores it: refused by the schema.
    ['over the card\'s maxLength', 'en-GB', 'en', padding('en', 2100)],
    // Within the card's maxLength as typed, but over the limit as read (U+FDFA reads as 18 characters): not sent, said so.
    ['over the limit as read', 'nl-NL', 'nl', `${padding('nl', 1850)} ${'\uFDFA'.repeat(10)}`],
  ] as const)('%s: the emergency card, the request urgent, nothing sent', async (over, teamsLocale, language, before) => {
    const person = teamsUser(`Kees Keuze ${over}`, teamsLocale);
    const { caseId } = await requestAnonymously(bot, person);
    const dangerNow = language === 'en' ? 'Right now he is standing at my door with a knife.' : 'Hij staat nu met een mes voor mijn deur.';
    const relayText = `${before} ${dangerNow}`;
    const replies = await new Conversation(bot, person).submits({ verb: 'handoff.relayTo', caseId, messageId: 'typed-message-1', relayText });
    const texts = replies.map(cardText);
    expect(texts[0]).toContain(EMERGENCY[language]);
    expect(texts.join('\n')).toContain(URGENT_NOW[teamsLocale === 'en-GB' ? 'en' : 'nl']);
    expect(texts.join('\n')).not.toContain('out of date');
    expect(texts.at(-1)).toContain(TOO_LONG_TITLE[teamsLocale === 'en-GB' ? 'en' : 'nl']);
    expect(await isUrgent(caseId)).toBe(true);
  });
});
