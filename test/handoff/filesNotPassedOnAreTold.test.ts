import { keepOnOneLine } from '../../src/cards/keepOnOneLine';
import { startBotWithLocalAdviser, type RunningBot } from '../support/botHarness';
import { buttonTitles, cardText, Conversation, type BotReply } from '../support/conversation';
import { requestAdviser } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { messageActivity, teamsUser, type TeamsUser } from '../support/teamsActivities';

/**
 * README, "The relay": nothing is dropped without its sender knowing. Pictures and files are not
 * relayed to the adviser of an anonymous case (they can show who sent them, and the bot keeps no
 * copy of anything), so the requester is told, in their language, that they were not passed on and
 * what to do instead; the words still go (red team, stop 30 #4: a screenshot pasted with a line of
 * text reached nobody, and the requester read only "Sent to your adviser").
 */
const adviser = teamsUser('Femke Bewijs', 'nl-NL');
const SCREENSHOT_URL = 'https://eu-api.asm.skype.com/v1/objects/0-weu-d3-redteam30/views/imgo';
const FILE_URL = 'https://contoso-my.sharepoint.com/personal/requester/Documents/Microsoft%20Teams%20Chat%20Files/berichten.pdf';
const LEFT_OUT_EN =
  'Pictures and files are not passed on to your adviser, only text. Write here what it shows, or ask your adviser how you can show it to them, for example when you meet.';
const LEFT_OUT_NL =
  'Afbeeldingen en bestanden gaan niet naar je vertrouwenspersoon, alleen tekst. Schrijf hier wat erop staat, of vraag je vertrouwenspersoon hoe je het kunt laten zien, bijvoorbeeld als jullie elkaar spreken.';

let bot: RunningBot;
const clock = new TestClock('2026-11-24T10:00:00Z'); // a Tuesday morning, within office hours

beforeAll(async () => {
  bot = await startBotWithLocalAdviser(adviser, { clock });
});
afterAll(async () => {
  await bot.stop();
});

async function adviserTakes(person: TeamsUser): Promise<string> {
  const { caseId, code } = await requestAdviser(bot, person, { mode: 'anonymous' });
  await bot.app.outbox.runDueJobs();
  await new Conversation(bot, adviser).executes('case.claim', { caseId });
  await bot.app.outbox.runDueJobs();
  return code;
}

/** What Teams sends for a pasted picture with a line of text: the picture, and the message as HTML. */
function withScreenshot(person: TeamsUser, text: string) {
  return {
    ...messageActivity(person, bot.connector.url, text),
    attachments: [
      { contentType: 'image/*', contentUrl: SCREENSHOT_URL },
      { contentType: 'text/html', content: `<p>${text}</p><p><img src="${SCREENSHOT_URL}" alt="image"></p>` },
    ],
  };
}

/** A file shared in the chat: Teams' download-info attachment beside the text. */
function withFile(person: TeamsUser, text: string) {
  return {
    ...messageActivity(person, bot.connector.url, text),
    attachments: [
      {
        contentType: 'application/vnd.microsoft.teams.file.download.info',
        contentUrl: FILE_URL,
        name: 'berichten.pdf',
        content: { downloadUrl: FILE_URL, uniqueId: 'redfix-file-1', fileType: 'pdf' },
      },
    ],
  };
}

/** The cards the adviser got while `act` ran, as JSON (so a link to the file would show too). */
async function toAdviserDuring(act: () => Promise<BotReply[]>): Promise<{ replies: BotReply[]; toAdviser: string[] }> {
  const before = new Conversation(bot, adviser).proactiveCards().length;
  const replies = await act();
  await bot.app.outbox.runDueJobs();
  return { replies, toAdviser: new Conversation(bot, adviser).proactiveCards().slice(before).map((card) => JSON.stringify(card)) };
}

describe('a picture or file sent to the adviser of an anonymous case', () => {
  it('relays the words, not the picture, and tells the requester so with what to do instead', async () => {
    const person = teamsUser('Noor Schermafbeelding', 'en-GB');
    const code = await adviserTakes(person);
    const text = 'This is what he sent me last night';
    const { replies, toAdviser } = await toAdviserDuring(() => new Conversation(bot, person).post(withScreenshot(person, text)));

    expect(toAdviser.join('\n')).toContain(text);
    expect(toAdviser.join('\n')).not.toContain(SCREENSHOT_URL);
    expect(replies).toHaveLength(1);
    expect(cardText(replies[0])).toBe(`Sent to your adviser (${code}). ${LEFT_OUT_EN}`);
  });

  it('says it in Dutch to someone who writes Dutch, for a shared file as well', async () => {
    const person = teamsUser('Daan Bestand', 'nl-NL');
    const code = await adviserTakes(person);
    const text = 'Hier zijn de berichten die hij me stuurde';
    const { replies, toAdviser } = await toAdviserDuring(() => new Conversation(bot, person).post(withFile(person, text)));

    expect(toAdviser.join('\n')).toContain(text);
    expect(toAdviser.join('\n')).not.toContain(FILE_URL);
    expect(toAdviser.join('\n')).not.toContain('berichten.pdf');
    expect(cardText(replies[0])).toBe(`Verstuurd naar je vertrouwenspersoon (${code}). ${LEFT_OUT_NL}`);
  });

  it('answers a picture alone with the same: not sent to the adviser, and what to do instead', async () => {
    const person = teamsUser('Iris Alleenbeeld', 'en-GB');
    const code = await adviserTakes(person);
    const pictureAlone = withScreenshot(person, '');
    const { replies, toAdviser } = await toAdviserDuring(() => new Conversation(bot, person).post(pictureAlone));

    expect(toAdviser).toEqual([]);
    expect(replies).toHaveLength(1);
    expect(cardText(replies[0])).toBe(`Not sent to your adviser (${keepOnOneLine(code)})\n${LEFT_OUT_EN}`);
    expect(buttonTitles(replies[0])).toEqual([]);
  });

  it('says nothing of files for a message with only Teams\' HTML copy of its text', async () => {
    const person = teamsUser('Sem Opgemaakt', 'en-GB');
    const code = await adviserTakes(person);
    const text = 'I am free after four today';
    const formatted = { ...messageActivity(person, bot.connector.url, text), attachments: [{ contentType: 'text/html', content: `<p><b>${text}</b></p>` }] };
    const { replies, toAdviser } = await toAdviserDuring(() => new Conversation(bot, person).post(formatted));

    expect(toAdviser.join('\n')).toContain(text);
    expect(cardText(replies[0])).toBe(`Sent to your adviser (${code}).`);
  });
});

describe('a picture alone from someone no adviser is talking with', () => {
  it('gets what the bot can read and its menu, as before', async () => {
    const person = teamsUser('Lotte Zonderzaak', 'en-GB');
    const replies = await new Conversation(bot, person).post(withScreenshot(person, ''));
    expect(replies.map(cardText).join('\n')).toContain('I can only read text messages and my own buttons.');
    expect(replies.map(cardText).join('\n')).toContain('Saw or experienced something that was not OK?');
  });
});
