import { startBot, type RunningBot } from '../support/botHarness';
import { allActions, Conversation, type BotReply } from '../support/conversation';
import { loadShippedContent } from '../support/sampleCards';
import { teamsUser } from '../support/teamsActivities';

/**
 * The programme-reach row: "each guidance card links the organisation's other help for the person's
 * role". programmeReach.test.ts asks for a student and an employee; a manager's guidance could lose
 * its occupational health and peer support and it passed. Here every role, the routes expected read
 * from the content, through the real bot.
 */
const content = loadShippedContent();
let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => {
  await bot.stop();
});

const linkTitles = (reply: BotReply) =>
  allActions(reply.card ?? {})
    .filter((action) => action.type === 'Action.OpenUrl')
    .map((action) => action.title as string);

describe("the organisation's other help on a guidance card, for every role", () => {
  const routes = content.organisation.supportRoutes;
  const linkTitle = (name: string) => `Contact ${name}`;

  it.each([
    ['Employee', 'employee', 'I saw or heard something'],
    ['Student', 'student', 'I saw or heard something'],
    ['Manager', 'manager', "I'm a manager and someone raised a concern"],
  ] as const)('role %s: the routes for that role and no others', async (button, role, perspective) => {
    const person = new Conversation(bot, teamsUser(`Support ${button}`, 'en-GB'));
    await person.installs();
    await person.clicks(perspective);
    await person.clicks('Bullying and exclusion');
    await person.clicks('No, not right now');
    const [guidance] = await person.clicks(button);
    const titles = linkTitles(guidance);
    const forRole = routes.filter((route) => route.roles.includes(role)).map((route) => linkTitle(route.name.en));
    const notForRole = routes.filter((route) => !route.roles.includes(role)).map((route) => linkTitle(route.name.en));
    expect(forRole.length).toBeGreaterThan(0);
    expect(titles).toEqual(expect.arrayContaining(forRole));
    for (const title of notForRole) expect(titles).not.toContain(title);
  });
});
