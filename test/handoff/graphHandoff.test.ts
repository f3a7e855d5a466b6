import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation, type Card } from '../support/conversation';
import { startBotWithGraphGroups } from '../support/graphBot';
import { staticGraphCredential } from '../support/graphCredential';
import { requestAdviser, type AdviserRequest } from '../support/handoffRequests';
import { LocalGraph } from '../support/localGraph';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * Handoffs through the real Microsoft Graph client against the local Graph stand-in:
 * throttling and outages, escalation, cancel, tampering and a team dialogue request.
 */

const GRAPH_TOKEN = 'graph-token-for-tests';

const femke = teamsUser('Femke Visser', 'nl-NL');
const joost = teamsUser('Joost Mulder', 'nl-NL');
const backupAdvisor = teamsUser('Bas Hendriks', 'nl-NL');
const programmeLead = teamsUser('Ingrid Bos', 'nl-NL');
const requester = teamsUser('Noor El Amrani', 'nl-NL');
const urgentRequester = teamsUser('Daan Kok', 'en-GB');
const manager = teamsUser('Marieke de Boer', 'nl-NL');
const intruder = teamsUser('Kees Post', 'nl-NL');

let graph: LocalGraph;
let bot: RunningBot;
const clock = new TestClock('2026-11-24T09:00:00Z');

beforeAll(async () => {
  graph = await LocalGraph.start({ acceptedToken: GRAPH_TOKEN, pageSize: 1 });
  graph.seedGroup('advisors-group', [
    { id: femke.aadObjectId, displayName: femke.name, mail: femke.email },
    { id: joost.aadObjectId, displayName: joost.name, mail: joost.email },
  ]);
  graph.seedGroup('backup-group', [{ id: backupAdvisor.aadObjectId, displayName: backupAdvisor.name, mail: backupAdvisor.email }]);
  graph.seedGroup('programme-group', [{ id: programmeLead.aadObjectId, displayName: programmeLead.name, mail: programmeLead.email }]);
  bot = await startBot(
    {
      ADVISOR_GROUP_ID: 'advisors-group',
      BACKUP_GROUP_ID: 'backup-group',
      PROGRAMME_GROUP_ID: 'programme-group',
      ...graph.botSettings(),
      ESCALATE_URGENT_AFTER_MINUTES: '15',
    },
    { clock, runBackgroundWork: false, graphCredential: staticGraphCredential(GRAPH_TOKEN) },
  );
  for (const person of [femke, joost, backupAdvisor, programmeLead]) await new Conversation(bot, person).installs();
});
afterAll(async () => {
  await bot.stop();
  await graph.stop();
});

function requestAdvice(person = requester, request: AdviserRequest = {}): Promise<{ caseId: string; code: string }> {
  return requestAdviser(bot, person, { mode: 'named', message: 'Het gaat over mijn opleider', contact: 'call', ...request });
}

async function runOutboxFor(minutes: number): Promise<void> {
  for (let minute = 0; minute < minutes; minute += 1) {
    await bot.app.outbox.runDueJobs();
    clock.advanceMinutes(1);
  }
  await bot.app.outbox.runDueJobs();
}

describe('a named request while Graph throttles and then fails', () => {
  let caseId = '';
  let code = '';

  it('delivers the notification exactly once after 429 with Retry-After, then 503', async () => {
    graph.failNext('/teamwork/sendActivityNotificationToRecipients', [{ status: 429, retryAfterSeconds: 120 }, { status: 503 }]);
    ({ caseId, code } = await requestAdvice());

    await bot.app.outbox.runDueJobs();
    let [job] = await bot.app.outbox.pendingJobs();
    expect(job.attempts).toBe(1);
    expect(job.lastFailure).toContain('HTTP 429');
    // Retry-After is honoured: nothing is tried again before two minutes have passed.
    clock.advanceMinutes(1);
    await bot.app.outbox.runDueJobs();
    [job] = await bot.app.outbox.pendingJobs();
    expect(job.attempts).toBe(1);

    clock.advanceMinutes(1.1);
    await bot.app.outbox.runDueJobs();
    [job] = await bot.app.outbox.pendingJobs();
    expect(job.attempts).toBe(2);
    expect(job.lastFailure).toContain('HTTP 503');

    await runOutboxFor(2);
    expect(await bot.app.outbox.pendingJobs()).toEqual([]);
    const notifications = graph.deliveredNotifications().filter((notification) => notification.templateParameters.caseCode === code);
    expect(notifications).toHaveLength(1);
    expect(notifications[0].activityType).toBe('newCase');
    expect(notifications[0].recipientUserIds.sort()).toEqual([femke.aadObjectId, joost.aadObjectId].sort());
    expect(graph.callsTo('/teamwork/sendActivityNotificationToRecipients').every((call) => call.headers.authorization === `Bearer ${GRAPH_TOKEN}`)).toBe(true);
    for (const advisor of [femke, joost]) {
      const cards = new Conversation(bot, advisor).proactiveCards().filter((card) => JSON.stringify(card).includes(code));
      expect(cards).toHaveLength(1);
      expect(cardText({ card: cards[0] })).toContain('Noor El Amrani');
    }
  });

  it('tells the requester the adviser\'s name with a link to chat, once claimed', async () => {
    await new Conversation(bot, femke).executes('case.claim', { caseId });
    await bot.app.outbox.runDueJobs();
    const update = new Conversation(bot, requester).proactiveCards().at(-1)!;
    expect(cardText({ card: update })).toContain(`Femke Visser heeft je aanvraag ${code} opgepakt`);
    const chatLink = update.actions.find((action: Card) => action.type === 'Action.OpenUrl');
    expect(chatLink.url).toBe(`https://teams.microsoft.com/l/chat/0/0?users=${femke.aadObjectId}`);
  });

  it('refuses someone else\'s case id and changes nothing', async () => {
    const [answer] = await new Conversation(bot, intruder).submits({ verb: 'handoff.cancel', caseId });
    expect(cardText(answer)).toContain('Die aanvraag is niet meer beschikbaar');
    expect(cardText(answer)).not.toContain(code);
    const view = await bot.app.handoff.viewAsAdvisor(caseId, femke.aadObjectId);
    expect(view.outcome === 'ok' && view.handoffCase.status).toBe('claimed');
  });
});

describe('an urgent request nobody claims', () => {
  it('escalates to the backup group with an activity notification and e-mail, and tells the requester', async () => {
    const { code } = await requestAdvice(urgentRequester, { urgent: true });
    await bot.app.outbox.runDueJobs();
    clock.advanceMinutes(14);
    await bot.app.runSweep();
    expect(graph.deliveredNotifications().filter((notification) => notification.activityType === 'caseEscalated')).toHaveLength(0);

    clock.advanceMinutes(2);
    await bot.app.runSweep();
    await bot.app.outbox.runDueJobs();
    const escalations = graph.deliveredNotifications().filter((notification) => notification.activityType === 'caseEscalated');
    expect(escalations).toHaveLength(1);
    expect(escalations[0].recipientUserIds).toEqual([backupAdvisor.aadObjectId]);
    const mails = graph.deliveredMails();
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toEqual([backupAdvisor.email]);
    expect(mails[0].subject).toContain(code);
    // An urgent request escalates after the urgent limit, and the mail says how long it waited: the sweep found it at 16 minutes.
    expect(mails[0].bodyText).toContain('niet binnen 16 minuten opgepakt');
    expect(mails[0].bodyText).not.toContain('opleider');
    expect(cardText({ card: new Conversation(bot, backupAdvisor).proactiveCards().at(-1) })).toContain(code);
    expect(cardText({ card: new Conversation(bot, urgentRequester).proactiveCards().at(-1) })).toContain('backup advisers');

    // A second sweep does not escalate twice.
    clock.advanceMinutes(30);
    await bot.app.runSweep();
    await bot.app.outbox.runDueJobs();
    expect(graph.deliveredMails()).toHaveLength(1);
  });

  it('lets the requester cancel, and every advisor card then says so', async () => {
    const conversation = new Conversation(bot, urgentRequester);
    const [status] = await conversation.says('status');
    const [cancelled] = await conversation.clicks('Cancel request');
    expect(cardText(cancelled)).toContain('has been cancelled');
    expect(cardText(status)).toContain('Waiting for an adviser');
    const puts = bot.connector.calls.length;
    await bot.app.outbox.runDueJobs();
    const refreshed = bot.connector.calls.slice(puts).filter((call) => call.method === 'PUT');
    expect(refreshed.length).toBeGreaterThanOrEqual(3);
    for (const call of refreshed) expect(cardText({ card: call.activity.attachments[0].content })).toContain('Geannuleerd door de aanvrager');
  });
});

describe('a manager requests a facilitated team dialogue', () => {
  it('sends the form, confirms, and notifies the programme team who can claim it', async () => {
    const conversation = new Conversation(bot, manager);
    const [form] = await conversation.says('teamgesprek');
    expect(cardText(form)).toContain('Begeleid teamgesprek aanvragen');
    const send = form.card!.actions.find((action: Card) => action.title === 'Aanvraag versturen').data;
    const [confirmation] = await conversation.submits({
      ...send,
      team: 'Verpleegafdeling Longziekten',
      teamSize: 'medium',
      preferredPeriod: 'februari',
      reason: 'Spanningen na een reorganisatie',
      contact: 'Teams',
    });
    expect(cardText(confirmation)).toContain('Je aanvraag voor een teamgesprek is verstuurd');
    await bot.app.outbox.runDueJobs();
    const notification = graph.deliveredNotifications().find((candidate) => candidate.activityType === 'dialogueRequested');
    expect(notification?.recipientUserIds).toEqual([programmeLead.aadObjectId]);
    const card = new Conversation(bot, programmeLead).proactiveCards().at(-1)!;
    expect(cardText({ card })).toContain('Verpleegafdeling Longziekten');
    const caseId = card.actions.find((action: Card) => action.verb === 'case.claim').data.caseId;
    // Confidential advisers are not the programme team: they cannot claim a dialogue request.
    expect(cardText({ card: await new Conversation(bot, femke).executes('case.claim', { caseId }) })).toContain('Alleen leden');
    expect(cardText({ card: await new Conversation(bot, programmeLead).executes('case.claim', { caseId }) })).toContain('Opgepakt door Ingrid Bos');
  });
});

describe('the staff tools with the groups Graph reads, and no AUDITOR_GROUP_ID', () => {
  it('shows the programme group its figures (PROGRAMME_LEAD_GROUP_ID defaults to it), and refuses the figures and the audit trail to an adviser', async () => {
    const [figures] = await new Conversation(bot, programmeLead).says('inzichten');
    expect(cardText(figures)).toContain('Cijfers van het programma: de afgelopen 8 weken');
    const [adviserFigures] = await new Conversation(bot, femke).says('inzichten');
    expect(cardText(adviserFigures)).toContain('Alleen leden van de groep programmaleiders kunnen de cijfers van het programma zien.');
    // Nobody reads the audit trail in Teams without its own group: not the advisers whose reads it records.
    for (const person of [femke, programmeLead]) {
      const [trail] = await new Conversation(bot, person).says('inzagelog');
      expect(cardText(trail)).toContain('Het auditlogboek is alleen voor de controleurs van de functionaris gegevensbescherming.');
    }
  });

  it('shows nobody the figures without a programme group: not the advisers', async () => {
    const { bot: withoutProgramme, graph: itsGraph } = await startBotWithGraphGroups({ 'advisors-group': [femke] }, { ADVISOR_GROUP_ID: 'advisors-group' }, clock);
    try {
      const [figures] = await new Conversation(withoutProgramme, femke).says('inzichten');
      expect(cardText(figures)).toContain('Alleen leden van de groep programmaleiders kunnen de cijfers van het programma zien.');
    } finally {
      await withoutProgramme.stop();
      await itsGraph.stop();
    }
  });
});
