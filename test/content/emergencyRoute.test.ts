import { startBot, type RunningBot } from '../support/botHarness';
import { allActions, cardText, Conversation, type BotReply } from '../support/conversation';
import { teamsUser } from '../support/teamsActivities';

/** The emergency route through the real bot: the numbers it shows depend on what happened. */
let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => {
  await bot.stop();
});

const callUrls = (reply: BotReply) =>
  allActions(reply.card ?? {})
    .map((action) => action.url)
    .filter((url): url is string => typeof url === 'string' && url.startsWith('tel:'));

describe('the emergency route', () => {
  it('after recent sexual violence, shows Centrum Seksueel Geweld (0800-0188, free, day and night) with a call button', async () => {
    const noor = new Conversation(bot, teamsUser('Noor de Vries', 'nl-NL'));
    const [emergency] = await noor.says('Ik ben vannacht verkracht door een collega');
    expect(cardText(emergency)).toContain('Veiligheid eerst');
    expect(cardText(emergency)).toContain('Centrum Seksueel Geweld, na seksueel geweld, dag en nacht');
    expect(cardText(emergency)).toContain('0800\u20110188 (gratis)');
    expect(callUrls(emergency)).toContain('tel:08000188');
  });

  it('for other danger, shows the general numbers only, the internal one labelled and without a call button', async () => {
    const sanne = new Conversation(bot, teamsUser('Sanne Bakker', 'en-GB'));
    const [emergency] = await sanne.says('Someone is being hit right now in the emergency department');
    expect(cardText(emergency)).toContain('Safety first');
    expect(cardText(emergency)).toContain('5555 (hospital phones only)');
    expect(cardText(emergency)).toContain('0800\u20110113 (free)');
    expect(cardText(emergency)).not.toContain('Centrum Seksueel Geweld');
    expect(callUrls(emergency).sort()).toEqual(['tel:08000113', 'tel:0887551234', 'tel:112', 'tel:113']);
  });
});
