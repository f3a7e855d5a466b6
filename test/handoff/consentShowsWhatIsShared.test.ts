import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation, type Card } from '../support/conversation';
import { requestAdviser } from '../support/handoffRequests';
import { teamsUser } from '../support/teamsActivities';

/**
 * PRODUCT.md, "The person decides": nothing is shared with an adviser without an explicit consent
 * step that shows exactly what will be shared; the README: the consent card shows exactly what will
 * and will not be shared, named or anonymous. The consent tests read the card after a bare `talk`,
 * where no situation is known yet; from a guidance card the adviser also sees the situation chosen,
 * so the consent card must say so, and the choice of being named must be the person's own.
 */
jest.setTimeout(60_000);

const adviser = teamsUser('Femke Mulder', 'nl-NL');
let bot: RunningBot;

beforeAll(async () => {
  bot = await startBot({ LOCAL_ADVISORS: `${adviser.aadObjectId}:Femke Mulder` });
  await new Conversation(bot, adviser).installs();
});
afterAll(async () => {
  await bot.stop();
});

function inputById(card: Card | undefined, id: string): Card | undefined {
  let found: Card | undefined;
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      if ((node as Card).id === id) found = node as Card;
      Object.values(node).forEach(visit);
    }
  };
  visit(card);
  return found;
}

it('names the situation the adviser will see, from a guidance card, before anything is sent', async () => {
  const { consent, code } = await requestAdviser(bot, teamsUser('Lotte de Vries', 'en-GB'), {
    asks: { topic: 'bullying', perspective: 'witness' },
    message: 'They keep leaving her out of the handover',
  });
  const shown = cardText(consent);
  const willSee = shown.slice(shown.indexOf('What the adviser will see'), shown.indexOf('What is not shared'));
  expect(willSee).toContain(bot.app.services.content.guidance.bullying.title.en);
  expect(willSee).toContain('I saw or heard something');

  // What the adviser's card then shows of the situation is what the consent card named.
  const adviserCard = new Conversation(bot, adviser).proactiveCards().find((card) => JSON.stringify(card).includes(code));
  expect(cardText({ card: adviserCard })).toContain(bot.app.services.content.guidance.bullying.title.nl);
});

it('leaves named or anonymous unchosen, so the name is shared only when the person picks it', async () => {
  for (const locale of ['en-GB', 'nl-NL']) {
    const [consent] = await new Conversation(bot, teamsUser('Sem Bakker', locale)).says(locale === 'en-GB' ? 'talk' : 'vertrouwenspersoon');
    const mode = inputById(consent?.card, 'mode');
    expect(mode).toMatchObject({ isRequired: true });
    expect(mode?.value ?? '').toBe('');
  }
});
