import { startBot, type RunningBot } from '../support/botHarness';
import { buttonTitles, cardText, Conversation } from '../support/conversation';
import { NOTHING_STORED, storedRowCounts } from '../support/storedRows';
import { installActivity, messageActivity, TENANT_ID, teamsUser } from '../support/teamsActivities';

/**
 * With ALLOWED_TENANT_IDS set, people from other organisations get one polite notice per
 * message, in their Teams language, and nothing about them is kept.
 */

const UNIVERSITY_TENANT_ID = '9d2e7c41-6a3b-4f85-b1c0-7e6d5f4a3b21';
const OTHER_TENANT_ID = '3c9a8f21-5d4e-4b7a-9e1f-0a2b3c4d5e6f';

const advisor = teamsUser('Femke Visser', 'nl-NL', UNIVERSITY_TENANT_ID);

let bot: RunningBot;
beforeAll(async () => {
  // The medical centre and the university share the programme; anyone else is turned away.
  bot = await startBot({
    // Typed in capitals, as the Azure portal sometimes shows it: tenant ids are compared without case.
    ALLOWED_TENANT_IDS: `${TENANT_ID}, ${UNIVERSITY_TENANT_ID.toUpperCase()}`,
    LOCAL_ADVISORS: `${advisor.aadObjectId}:Femke Visser`,
  });
});
afterAll(async () => {
  await bot?.stop();
});

/** Nothing at all: the tenant check runs before every other middleware, deduplication included. */
const NOTHING_ABOUT_THE_PERSON = NOTHING_STORED;

function tenantNotice(locale: 'en' | 'nl'): string {
  return bot.app.services.content.strings[locale]['notice.tenant.text'];
}

describe('someone from another organisation', () => {
  it('is told once, politely and in English, that the assistant is for its own organisation', async () => {
    const visitor = new Conversation(bot, teamsUser('Oliver Visitor', 'en-GB', OTHER_TENANT_ID));
    const replies = await visitor.says('I saw someone being shouted at in the corridor, what should I do?');
    expect(replies).toHaveLength(1);
    expect(cardText(replies[0])).toContain('only available within its own organisation');
    expect(cardText(replies[0])).toBe(tenantNotice('en'));
    expect(buttonTitles(replies[0])).toEqual([]);
    expect(storedRowCounts(bot)).toEqual(NOTHING_ABOUT_THE_PERSON);
  });

  it('is told in Dutch when Teams runs in Dutch', async () => {
    const bezoeker = new Conversation(bot, teamsUser('Sanne Bezoeker', 'nl-NL', OTHER_TENANT_ID));
    const replies = await bezoeker.says('hallo');
    expect(replies).toHaveLength(1);
    expect(cardText(replies[0])).toBe(tenantNotice('nl'));
    expect(storedRowCounts(bot)).toEqual(NOTHING_ABOUT_THE_PERSON);
  });

  it('gets the same notice for a card button, and nothing behind the button runs', async () => {
    const visitor = new Conversation(bot, teamsUser('Oliver Visitor', 'en-GB', OTHER_TENANT_ID));
    // This button would save a language choice for an allowed person.
    const replies = await visitor.submits({ verb: 'locale.set', locale: 'nl' });
    expect(replies.map((reply) => cardText(reply))).toEqual([tenantNotice('en')]);
    expect(storedRowCounts(bot)).toEqual(NOTHING_ABOUT_THE_PERSON);
  });

  it('is refused when Teams names no tenant at all', async () => {
    const withoutTenant = new Conversation(bot, { ...teamsUser('Nameless Tenant', 'en-US'), tenantId: undefined });
    const replies = await withoutTenant.says('hello');
    expect(replies.map((reply) => cardText(reply))).toEqual([tenantNotice('en')]);
    expect(storedRowCounts(bot)).toEqual(NOTHING_ABOUT_THE_PERSON);
  });

  it('is refused when channelData names an allowed organisation but the conversation belongs to another', async () => {
    // The stored chat address keeps the conversation's tenant, and the adviser cards of a request are created in it.
    const visitor = new Conversation(bot, teamsUser('Mixed Tenant', 'en-GB', OTHER_TENANT_ID));
    for (const activity of [
      { ...messageActivity(visitor.user, bot.connector.url, 'hello'), channelData: { tenant: { id: TENANT_ID } } },
      { ...installActivity(visitor.user, bot.connector.url), channelData: { tenant: { id: TENANT_ID } } },
    ]) {
      const replies = await visitor.post(activity);
      expect(replies.map((reply) => cardText(reply))).toEqual(activity.type === 'message' ? [tenantNotice('en')] : []);
    }
    expect(storedRowCounts(bot)).toEqual(NOTHING_ABOUT_THE_PERSON);
  });

  it('gets no welcome when installing the bot, and nothing is kept', async () => {
    const visitor = new Conversation(bot, teamsUser('Oliver Visitor', 'en-GB', OTHER_TENANT_ID));
    expect(await visitor.installs()).toEqual([]);
    expect(storedRowCounts(bot)).toEqual(NOTHING_ABOUT_THE_PERSON);
  });
});

describe('someone from an allowed organisation', () => {
  // Runs last: it is the control that shows the storage checks above do see a turn's writes.
  it('is welcomed as usual, and the bot remembers where to reach them', async () => {
    const colleague = new Conversation(bot, teamsUser('Anna Jansen', 'en-GB', TENANT_ID));
    const [welcome] = await colleague.installs();
    expect(cardText(welcome)).toContain('Saw or experienced something that was not OK?');
    expect(cardText(welcome)).not.toContain(tenantNotice('en'));
    expect(storedRowCounts(bot).conversations).toBe(1);
  });
});

describe('how the tenant is read', () => {
  it('takes it from the conversation when channelData does not name one', async () => {
    const colleague = new Conversation(bot, teamsUser('Daan Bakker', 'en-GB', TENANT_ID));
    const visitor = new Conversation(bot, teamsUser('Oliver Visitor', 'en-GB', OTHER_TENANT_ID));
    const install = { ...installActivity(colleague.user, bot.connector.url), channelData: {} };
    const [welcome] = await colleague.post(install);
    expect(cardText(welcome)).toContain('Saw or experienced something that was not OK?');
    const message = { ...messageActivity(visitor.user, bot.connector.url, 'hello'), channelData: {} };
    const refused = await visitor.post(message);
    expect(refused.map((reply) => cardText(reply))).toEqual([tenantNotice('en')]);
  });

  it('does not count an empty or null tenant in the conversation as a second tenant', async () => {
    const colleague = new Conversation(bot, teamsUser('Noor Smit', 'en-GB', TENANT_ID));
    for (const tenantId of [null, '']) {
      const activity = messageActivity(colleague.user, bot.connector.url, 'hello');
      const withEmptyTenant = { ...activity, conversation: { ...activity.conversation, tenantId } };
      const replies = await colleague.post(withEmptyTenant);
      expect(replies.map((reply) => cardText(reply))).not.toContain(tenantNotice('en'));
    }
  });

  it('lets in a colleague whose tenant id Teams sends in capitals', async () => {
    const colleague = new Conversation(bot, teamsUser('Iris de Boer', 'en-GB', TENANT_ID.toUpperCase()));
    const [welcome] = await colleague.installs();
    expect(cardText(welcome)).toContain('Saw or experienced something that was not OK?');
  });
});

describe('the bot reaching people in allowed organisations by itself', () => {
  it('delivers the advisor card and the requester update, which Teams did not send and carry no channel data', async () => {
    await new Conversation(bot, advisor).installs();
    const requester = new Conversation(bot, teamsUser('Lotte van Dijk', 'en-GB', TENANT_ID));
    const [consent] = await requester.says('talk');
    const send = (consent.card?.actions ?? []).find((action: { title?: string }) => action.title === 'Send request');
    await requester.submits({ ...send.data, mode: 'anonymous', message: '', contact: 'teams-chat', urgent: 'false' });
    await bot.app.outbox.runDueJobs();

    const [advisorCard] = new Conversation(bot, advisor).proactiveCards();
    expect(advisorCard).toBeDefined();
    const caseId = JSON.stringify(advisorCard).match(/"caseId":"([0-9a-f]{32})"/)?.[1];
    expect(caseId).toBeDefined();
    const claimed = await new Conversation(bot, advisor).executes('case.claim', { caseId });
    expect(JSON.stringify(claimed)).toContain('Femke Visser');
    await bot.app.outbox.runDueJobs();
    expect(requester.proactiveCards().map((card) => cardText({ card })).join(' ')).toContain('An adviser has joined');
  });
});
