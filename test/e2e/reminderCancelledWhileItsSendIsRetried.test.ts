import { startBot, type RunningBot } from '../support/botHarness';
import { buttonTitles, cardText, Conversation, type BotReply } from '../support/conversation';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * Red team 2, stop 33, finding 5. "Remind me to check in … `herinnering annuleren` / `cancel reminder`, the
 * button on the confirmation, or forget me removes it" (README, What people can do). The sweep
 * hands a due reminder to the outbox and deletes the reminder row at once; when Teams refuses the
 * first send (a 503, a 429 with Retry-After: the outbox retries for up to a week), the reminder sits
 * in the outbox. A person who cancels it meanwhile ("I already talked to her") reads "You have no
 * reminder set", and the reminder arrives anyway at the next attempt. Now the reminder is kept until its
 * job has delivered it, and the job sends only a reminder the person still has: cancel really cancels,
 * and the bot says so.
 */
const clock = new TestClock('2026-12-05T13:00:00Z');
let bot: RunningBot;

beforeAll(async () => {
  bot = await startBot({ REMINDER_AFTER_SHIFT_HOUR: '16' }, { clock, runBackgroundWork: false });
}, 60_000);
afterAll(async () => {
  await bot?.stop();
});

async function bystanderGuidance(conversation: Conversation): Promise<BotReply> {
  await conversation.says('hello');
  await conversation.clicks('I saw or heard something');
  await conversation.clicks('Bullying and exclusion');
  const [next] = await conversation.clicks('No, not right now');
  if (buttonTitles(next!).includes('Employee')) return (await conversation.clicks('Employee'))[0]!;
  return next!;
}

function advanceClockTo(moment: string): void {
  clock.advanceMinutes((Date.parse(moment) - clock.now().getTime()) / 60_000);
}

async function outboxRetries(): Promise<void> {
  for (let minute = 0; minute < 30; minute += 1) {
    clock.advanceMinutes(1);
    await bot.app.outbox.runDueJobs();
  }
}

const reminderRows = async () => (await bot.app.store.listPartition('reminders', 'person')).length;

it('sends no reminder that the person cancelled while Teams refused its first delivery', async () => {
  const annaUser = teamsUser('Anna Jansen', 'en-GB');
  const anna = new Conversation(bot, annaUser);
  await bystanderGuidance(anna);
  await anna.clicks('Remind me to check in');
  const [confirmation] = await anna.clicks('After my shift (16:00)');
  expect(cardText(confirmation)).toContain('I will remind you on Saturday 5 December at 16:00');

  // At 16:01 the sweep hands it to the outbox; Teams answers the first send with 503.
  clock.advanceMinutes(181);
  bot.connector.failNext(annaUser.conversationId, { status: 503 });
  await bot.app.runSweep();
  await bot.app.outbox.runDueJobs();
  expect(anna.proactiveCards()).toHaveLength(0);

  // She talked to her colleague already and cancels the reminder.
  const [cancelled] = await anna.says('cancel reminder');
  // Before the fix: "You have no reminder set." (the row went when the reminder was queued).
  expect(cardText(cancelled)).toContain('Your reminder is cancelled');
  expect(cardText(cancelled)).not.toContain('You have no reminder set');
  expect(await reminderRows()).toBe(0);

  // The outbox's next attempts, and the sweeps between them.
  await outboxRetries();
  await bot.app.runSweep();
  await bot.app.outbox.runDueJobs();
  expect(anna.proactiveCards().map((card) => cardText({ card }))).toEqual([]);
  expect((await bot.app.outbox.pendingJobs()).filter((job) => job.kind === 'reminder.checkIn')).toEqual([]);
});

it('still sends a reminder nobody cancelled at the attempt after the refused one, once, and then keeps nothing of it', async () => {
  advanceClockTo('2026-12-12T13:00:00Z');
  const brendaUser = teamsUser('Brenda Visser', 'en-GB');
  const brenda = new Conversation(bot, brendaUser);
  await bystanderGuidance(brenda);
  await brenda.clicks('Remind me to check in');
  await brenda.clicks('After my shift (16:00)');

  clock.advanceMinutes(181);
  bot.connector.failNext(brendaUser.conversationId, { status: 503 });
  await bot.app.runSweep();
  await bot.app.outbox.runDueJobs();
  expect(brenda.proactiveCards()).toHaveLength(0);
  // While the send is retried the reminder is still hers: the sweep does not queue it again.
  expect(await reminderRows()).toBe(1);
  await bot.app.runSweep();

  await outboxRetries();
  await bot.app.runSweep();
  expect(brenda.proactiveCards()).toHaveLength(1);
  expect(await reminderRows()).toBe(0);
  const [nothingLeft] = await brenda.says('cancel reminder');
  expect(cardText(nothingLeft)).toContain('You have no reminder set');
});

it('sends nothing after "forget me" while Teams refused the first delivery, and keeps no reminder', async () => {
  advanceClockTo('2026-12-19T13:00:00Z');
  const carlaUser = teamsUser('Carla de Boer', 'en-GB');
  const carla = new Conversation(bot, carlaUser);
  await bystanderGuidance(carla);
  await carla.clicks('Remind me to check in');
  await carla.clicks('After my shift (16:00)');

  clock.advanceMinutes(181);
  bot.connector.failNext(carlaUser.conversationId, { status: 503 });
  await bot.app.runSweep();
  await bot.app.outbox.runDueJobs();
  await carla.says('forget me');
  await carla.clicks('Yes, forget me');
  expect(await reminderRows()).toBe(0);

  const before = carla.proactiveCards().length;
  await outboxRetries();
  expect(carla.proactiveCards()).toHaveLength(before);
});
