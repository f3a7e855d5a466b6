import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation, type Card } from '../support/conversation';
import { TestClock } from '../support/testClock';
import { adaptiveCardActionInvoke, teamsUser } from '../support/teamsActivities';
import { postToBot } from '../support/postToBot';

/** Anonymous and named handoffs end to end, with local advisors (no Graph): the embedded default. */

const requester = teamsUser('Lotte van Dijk', 'en-GB');
const femke = teamsUser('Femke Visser', 'nl-NL');
const joost = teamsUser('Joost Mulder', 'nl-NL');
const outsider = teamsUser('Pieter Smit', 'nl-NL');

let bot: RunningBot;
const clock = new TestClock('2026-11-24T10:00:00Z'); // a Tuesday morning, within office hours

beforeAll(async () => {
  bot = await startBot(
    { LOCAL_ADVISORS: `${femke.aadObjectId}:Femke Visser;${joost.aadObjectId}:Joost Mulder` },
    { clock, runBackgroundWork: false },
  );
});
afterAll(async () => {
  await bot.stop();
});

function submitData(card: Card | undefined, title: string): Record<string, unknown> {
  const action = (card?.actions ?? []).find((candidate: Card) => candidate.title === title);
  if (!action) throw new Error(`no action ${title}`);
  return action.data;
}

describe('an anonymous request for a confidential adviser', () => {
  const lotte = () => new Conversation(bot, requester);
  let claimer = femke;
  let other = joost;
  let caseId = '';
  let code = '';

  it('shows consent first: who the advisers are, what is shared and what not', async () => {
    await new Conversation(bot, femke).installs();
    await new Conversation(bot, joost).installs();
    const [consent] = await lotte().says('talk');
    const text = cardText(consent);
    expect(text).toContain('What the adviser will see');
    expect(text).toContain('What is not shared');
    expect(text).toContain('Anonymous: I talk with the adviser through this chat under a case code');
    expect(bot.connector.calls.filter((call) => call.conversationId === femke.conversationId && !call.replyToId)).toHaveLength(0);
  });

  it('confirms with a case code, the expected response time and the emergency numbers', async () => {
    const conversation = lotte();
    const [consent] = await conversation.says('talk');
    const send = submitData(consent.card, 'Send request');
    const [confirmation] = await conversation.submits({
      ...send,
      mode: 'anonymous',
      message: 'My supervisor keeps commenting on my body. [click](https://evil.example) ${secret}',
      contact: 'teams-chat',
      urgent: 'false',
    });
    const text = cardText(confirmation);
    expect(text).toContain('Your request has been sent');
    code = /VK-[A-Z0-9]{4}-[A-Z0-9]{4}/.exec(text)?.[0] ?? '';
    expect(code).not.toBe('');
    expect(text).toContain('you can expect an answer from the confidential advisers within a few hours');
    expect(text).toContain('112');
    caseId = (confirmation.card?.actions ?? []).find((action: Card) => action.data?.caseId)?.data.caseId;
    expect(caseId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('notifies every advisor with a card that shows the shared message as plain text', async () => {
    await bot.app.outbox.runDueJobs();
    for (const advisor of [femke, joost]) {
      const cards = new Conversation(bot, advisor).proactiveCards();
      expect(cards).toHaveLength(1);
      const card = cards[0];
      expect(JSON.stringify(card)).toContain(code);
      expect(cardText({ card })).toContain('Anoniem (alleen zaakcode)');
      expect(cardText({ card })).not.toContain('Lotte');
      const run = JSON.stringify(card);
      expect(run).toContain('"type":"TextRun"');
      expect(run).toContain('${secret}');
    }
  });

  it('lets exactly one of two advisors who press Claim at the same moment win', async () => {
    const [first, second] = await Promise.all([
      new Conversation(bot, femke).executes('case.claim', { caseId }),
      new Conversation(bot, joost).executes('case.claim', { caseId }),
    ]);
    const lines = [cardText({ card: first }), cardText({ card: second })];
    const winners = lines.filter((line) => /Opgepakt door (Femke Visser|Joost Mulder)/.test(line));
    expect(winners).toHaveLength(1);
    // The one who lost learns only that a colleague has it (test/privacy/adviserConfidentiality.test.ts).
    expect(lines.filter((line) => line.includes('Opgepakt door een collega'))).toHaveLength(1);
    const claimedBy = /Opgepakt door (Femke Visser|Joost Mulder)/.exec(winners[0]!)?.[1];
    claimer = claimedBy === 'Femke Visser' ? femke : joost;
    other = claimer === femke ? joost : femke;
    const stored = await bot.app.handoff.viewAsAdvisor(caseId, claimer.aadObjectId);
    expect(stored.outcome === 'ok' && stored.handoffCase.claimedBy?.displayName).toBe(claimedBy);
  });

  it('answers a Claim that Teams re-sends with the same card, and changes nothing', async () => {
    const invoke = adaptiveCardActionInvoke(claimer, bot.connector.url, 'case.claim', { caseId });
    const post = () => postToBot(bot, invoke);
    // Teams re-sends when the first answer is slow: the copy comes while or after the first is handled.
    const responses = [...(await Promise.all([post(), post()])), await post()];
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
    for (const response of responses) {
      const body = (await response.json()) as { value?: Card };
      expect(cardText({ card: body.value })).toContain(`Opgepakt door ${claimer.name}`);
    }
    const stored = await bot.app.handoff.viewAsAdvisor(caseId, claimer.aadObjectId);
    expect(stored.outcome === 'ok' && stored.handoffCase.claimedBy?.userId).toBe(claimer.aadObjectId);
  });

  it('tells the requester an adviser joined, and refreshes both advisors\' cards', async () => {
    await bot.app.outbox.runDueJobs();
    const update = new Conversation(bot, requester).proactiveCards().at(-1);
    expect(cardText({ card: update })).toContain(`An adviser has joined your request ${code}`);
    const updates = bot.connector.calls.filter((call) => call.method === 'PUT');
    expect(new Set(updates.map((call) => call.conversationId))).toEqual(new Set([femke.conversationId, joost.conversationId]));
    for (const call of updates) expect(cardText({ card: call.activity.attachments[0].content })).toContain('Opgepakt door');
  });

  it('relays the requester\'s messages to the claiming adviser only, labelled with the case code', async () => {
    const [receipt] = await new Conversation(bot, requester).says('Can we talk tomorrow after my shift?');
    expect(cardText(receipt)).toContain(`Sent to your adviser (${code})`);
    await bot.app.outbox.runDueJobs();
    const relayed = new Conversation(bot, claimer).proactiveCards().at(-1);
    expect(cardText({ card: relayed })).toContain(`Aanvrager · ${code}`);
    expect(cardText({ card: relayed })).toContain('Can we talk tomorrow after my shift?');
    expect(JSON.stringify(new Conversation(bot, other).proactiveCards())).not.toContain('after my shift');
  });

  it('relays a message as long as MAX_MESSAGE_CHARS allows whole, its last words too', async () => {
    const ending = 'That is all I wanted to add before we talk.';
    const filler = 'Our rota planning keeps shifting and I would like to explain how the week went. ';
    const long = filler.repeat(Math.ceil(bot.config.maxMessageChars / filler.length)).slice(0, bot.config.maxMessageChars - ending.length) + ending;
    expect(long).toHaveLength(bot.config.maxMessageChars);
    const [receipt] = await new Conversation(bot, requester).says(long);
    expect(cardText(receipt)).toContain(`Sent to your adviser (${code})`);
    await bot.app.outbox.runDueJobs();
    const relayed = new Conversation(bot, claimer).proactiveCards().at(-1);
    expect(cardText({ card: relayed })).toContain(ending);
  });

  it('relays the adviser\'s reply back to the requester under the case code', async () => {
    const afterReply = await new Conversation(bot, claimer).executes('case.reply', { caseId, reply: 'Yes, 17:30 works for me.' });
    expect(cardText({ card: afterReply })).toContain(`Antwoord verstuurd naar de aanvrager van ${code}`);
    await bot.app.outbox.runDueJobs();
    const reply = new Conversation(bot, requester).proactiveCards().at(-1);
    expect(cardText({ card: reply })).toContain(`Adviser · ${code}`);
    expect(cardText({ card: reply })).toContain('Yes, 17:30 works for me.');
    expect(cardText({ card: reply })).not.toMatch(/Femke|Joost/);
  });

  it('does not let the other adviser reply or close', async () => {
    const card = await new Conversation(bot, other).executes('case.close', { caseId, outcome: 'advice-given', followUp: 'false' });
    expect(cardText({ card })).toContain('Deze aanvraag wordt door een andere vertrouwenspersoon behandeld');
  });

  it('closes with an outcome category, and tells the requester', async () => {
    const card = await new Conversation(bot, claimer).executes('case.close', { caseId, outcome: 'advice-given', followUp: 'true' });
    expect(cardText({ card })).toContain(`${code} is afgesloten`);
    await bot.app.outbox.runDueJobs();
    const closed = new Conversation(bot, requester).proactiveCards().at(-1);
    expect(cardText({ card: closed })).toContain(`Your conversation ${code} has been closed`);
    // Once closed, messages are no longer relayed but answered by the bot again.
    const [answer] = await new Conversation(bot, requester).says('hello');
    expect(cardText(answer)).toContain('Saw or experienced something that was not OK?');
  });

  it('answers a Close that Teams re-sends as the same close, and tells the requester only once', async () => {
    const card = await new Conversation(bot, claimer).executes('case.close', { caseId, outcome: 'advice-given', followUp: 'true' });
    expect(cardText({ card })).toContain(`${code} is afgesloten`);
    await bot.app.outbox.runDueJobs();
    const closedNotices = new Conversation(bot, requester)
      .proactiveCards()
      .filter((update) => cardText({ card: update }).includes(`Your conversation ${code} has been closed`));
    expect(closedNotices).toHaveLength(1);
  });

  it('changes nothing when a closed case is claimed, replied to or cancelled again', async () => {
    const before = await bot.app.handoff.viewAsAdvisor(caseId, other.aadObjectId);
    const claimed = await new Conversation(bot, other).executes('case.claim', { caseId });
    expect(cardText({ card: claimed })).toContain('Opgepakt door een collega');
    await new Conversation(bot, claimer).executes('case.reply', { caseId, reply: 'One more thing' });
    const [cancel] = await new Conversation(bot, requester).submits({ verb: 'handoff.cancel', caseId });
    expect(cardText(cancel)).not.toContain('has been cancelled');
    await bot.app.outbox.runDueJobs();
    const after = await bot.app.handoff.viewAsAdvisor(caseId, other.aadObjectId);
    expect(after).toEqual(before);
    expect(new Conversation(bot, requester).proactiveCards().map((card) => cardText({ card })).join(' ')).not.toContain('One more thing');
  });

  it('refuses a non-advisor and reveals nothing about the case', async () => {
    const card = await new Conversation(bot, outsider).executes('case.claim', { caseId });
    const text = cardText({ card });
    expect(text).toContain('Alleen leden van de groep vertrouwenspersonen');
    expect(JSON.stringify(card)).not.toContain(code);
  });
});
