import { startBot, type RunningBot } from '../support/botHarness';
import { allActions, buttonTitles, cardText, Conversation, type BotReply } from '../support/conversation';
import { loadShippedContent } from '../support/sampleCards';
import { teamsUser } from '../support/teamsActivities';

/**
 * The programme is more than advice (issue 15, item 7): reporting from the welcome card, a team
 * dialogue from a manager's guidance, the organisation's other help for every role, and the
 * programme's own name and site. Conversations through the real bot.
 */
const content = loadShippedContent();
let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => {
  await bot.stop();
});

const links = (reply: BotReply) =>
  allActions(reply.card ?? {})
    .filter((action) => action.type === 'Action.OpenUrl')
    .map((action) => ({ title: action.title as string, url: action.url as string }));

describe('the welcome card', () => {
  it('names the programme and its organisation, links the programme\'s site and offers reporting', async () => {
    const eva = new Conversation(bot, teamsUser('Eva Smit', 'en-GB'));
    const [welcome] = await eva.installs();
    expect(cardText(welcome)).toContain('I am part of the Social Safety programme of the UMC.');
    expect(links(welcome)).toContainEqual({ title: 'About the programme', url: content.organisation.programme.link.en });
    expect(buttonTitles(welcome)).toContain('How to report');
    const [reporting] = await eva.clicks('How to report');
    expect(cardText(reporting)).toContain('Reporting and complaints');
  });

  it('does the same in Dutch', async () => {
    const daan = new Conversation(bot, teamsUser('Daan Mulder', 'nl-NL'));
    const [welcome] = await daan.installs();
    expect(cardText(welcome)).toContain('Ik hoor bij het programma Sociale Veiligheid van het UMC.');
    expect(links(welcome)).toContainEqual({ title: 'Over het programma', url: content.organisation.programme.link.nl });
    const [reporting] = await daan.clicks('Zo meld je het');
    expect(cardText(reporting)).toContain('Melden en klachten');
  });
});

describe('a manager who received a concern', () => {
  it('can request a team dialogue, or a one-to-one dialogue, from the guidance itself', async () => {
    const marco = new Conversation(bot, teamsUser('Marco Peters', 'en-GB'));
    await marco.installs();
    await marco.clicks("I'm a manager and someone raised a concern");
    await marco.clicks('Bullying and exclusion');
    await marco.clicks('No, not right now');
    const [guidance] = await marco.clicks('Manager');
    expect(buttonTitles(guidance)).toContain('Request a team dialogue');
    const [form] = await marco.clicks('Request a team dialogue');
    expect(cardText(form)).toContain('Request a facilitated team dialogue');
    // No team size to choose for a one-to-one dialogue; the other kind is one click away on either form.
    expect(JSON.stringify(form.card)).toContain('"id":"teamSize"');
    expect(buttonTitles(form)).toContain('Request a one-to-one dialogue');
    const [oneToOne] = await marco.clicks('Request a one-to-one dialogue');
    expect(cardText(oneToOne)).toContain('Request a facilitated one-to-one dialogue');
    expect(JSON.stringify(oneToOne.card)).not.toContain('"id":"teamSize"');
    expect(buttonTitles(guidance)).toContain('Request a one-to-one dialogue');
  });

  it('is not offered a team dialogue on a bystander card', async () => {
    const lisa = new Conversation(bot, teamsUser('Lisa Bos', 'en-GB'));
    await lisa.installs();
    await lisa.clicks('I saw or heard something');
    await lisa.clicks('Bullying and exclusion');
    await lisa.clicks('No, not right now');
    const [guidance] = await lisa.clicks('Employee');
    expect(buttonTitles(guidance)).not.toContain('Request a team dialogue');
  });
});

// Every role, the routes expected read from the content: a manager's guidance, too, keeps its
// occupational health and peer support, and no card shows another role's help.
describe("the organisation's other help, by role", () => {
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
    const titles = links(guidance).map((link) => link.title);
    const forRole = routes.filter((route) => route.roles.includes(role)).map((route) => linkTitle(route.name.en));
    const notForRole = routes.filter((route) => !route.roles.includes(role)).map((route) => linkTitle(route.name.en));
    expect(forRole.length).toBeGreaterThan(0);
    expect(titles).toEqual(expect.arrayContaining(forRole));
    for (const title of notForRole) expect(titles).not.toContain(title);
  });

  // The content itself, as the programme team chose it: the case above follows whatever the content says.
  it('the shipped content gives students the study adviser, employees and managers occupational health, everyone peer support', () => {
    const rolesOf = (id: string) => routes.find((route) => route.id === id)?.roles ?? [];
    expect(rolesOf('study-adviser')).toEqual(['student']);
    expect(rolesOf('phd-ombudsperson')).toEqual(expect.arrayContaining(['employee', 'student']));
    expect(rolesOf('occupational-health')).toEqual(expect.arrayContaining(['employee', 'manager']));
    expect(rolesOf('occupational-health')).not.toContain('student');
    expect(rolesOf('peer-support')).toEqual(expect.arrayContaining(['employee', 'manager', 'student']));
  });
});
