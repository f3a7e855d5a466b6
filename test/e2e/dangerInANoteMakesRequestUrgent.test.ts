import { startBotWithLocalAdviser, type RunningBot } from '../support/botHarness';
import { allActions, cardText, Conversation } from '../support/conversation';
import { requestAdviser } from '../support/handoffRequests';
import { storedCase } from '../support/dangerQuestion';
import { teamsUser } from '../support/teamsActivities';

/**
 * Danger now written in "Write it down" while the person's request for an adviser is open makes that request urgent and
 * says so, as danger now typed in the chat does and as a note over its length did; before, a note that fitted showed the
 * emergency card and left the request as it was. The note's words still go to nobody.
 */
const adviser = teamsUser('Ruud Adviseur', 'nl-NL');
let bot: RunningBot;
beforeAll(async () => {
  bot = await startBotWithLocalAdviser(adviser);
});
afterAll(async () => {
  await bot.stop();
});

const isUrgent = async (caseId: string) => (await storedCase(bot, caseId)).urgent;

it.each([
  ['en-GB', 'write it down', { what: 'He is standing at my door with a knife right now and says he will kill me' }, 'Your request is urgent now'],
  ['nl-NL', 'schrijf het op', { what: 'Hij staat nu met een mes voor mijn deur en zegt dat hij me afmaakt' }, 'Je aanvraag is nu dringend'],
] as const)('(Teams in %s) the emergency card, the open request urgent, the note back', async (teamsLocale, command, fields, urgentNow) => {
  const person = teamsUser('Sanne Noteert', teamsLocale);
  const { caseId } = await requestAdviser(bot, person);
  expect(await isUrgent(caseId)).toBe(false);
  const conversation = new Conversation(bot, person);
  const [form] = await conversation.says(command);
  const send = allActions(form!.card!).find((action) => action.data?.verb === 'note.write')!;
  const replies = (await conversation.submits({ ...send.data, ...fields })).map(cardText);
  expect(replies[0]).toMatch(/112/);
  expect(replies.join('\n')).toContain(urgentNow);
  expect(replies.at(-1)).toContain(fields.what);
  expect(await isUrgent(caseId)).toBe(true);
});

it('leaves the open request as it was when the note tells of no danger', async () => {
  const person = teamsUser('Daan Noteert', 'en-GB');
  const { caseId } = await requestAdviser(bot, person);
  const conversation = new Conversation(bot, person);
  const [form] = await conversation.says('write it down');
  const send = allActions(form!.card!).find((action) => action.data?.verb === 'note.write')!;
  const replies = (await conversation.submits({ ...send.data, what: 'My manager made a remark about my accent in the team meeting' })).map(cardText);
  expect(replies).toHaveLength(1);
  expect(await isUrgent(caseId)).toBe(false);
});
