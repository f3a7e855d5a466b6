import { startBot, type RunningBot } from '../support/botHarness';
import { buttonTitles, cardText, Conversation, type Card } from '../support/conversation';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * The programme also runs one-to-one dialogues: a manager's guidance offers one next to the team
 * dialogue, and the request takes the team dialogue's path to the programme team.
 */
const programmeMember = teamsUser('Ingrid Bos', 'nl-NL');
const clock = new TestClock('2026-12-07T09:00:00Z');
let bot: RunningBot;
beforeAll(async () => {
  // Locally the programme team is the local advisers.
  bot = await startBot({ LOCAL_ADVISORS: `${programmeMember.aadObjectId}:Ingrid Bos` }, { clock, runBackgroundWork: false });
  await new Conversation(bot, programmeMember).installs();
});
afterAll(async () => {
  await bot.stop();
});

function sendButton(form: Card): Record<string, unknown> {
  return form.actions.find((action: Card) => action.data?.verb === 'dialogue.confirm').data;
}

describe('een leidinggevende vraagt een begeleid een-op-eengesprek aan', () => {
  it('offers it on the guidance, asks no team size, and reaches the programme team as a one-to-one request', async () => {
    const marieke = new Conversation(bot, teamsUser('Marieke de Boer', 'nl-NL'));
    await marieke.says('hallo');
    await marieke.clicks('Ik ben leidinggevende en kreeg een signaal');
    await marieke.clicks('Machtsmisbruik');
    await marieke.clicks('Nee, nu niet');
    const [guidance] = await marieke.clicks('Leidinggevende');
    expect(buttonTitles(guidance)).toEqual(expect.arrayContaining(['Teamgesprek aanvragen', 'Een-op-eengesprek aanvragen']));

    const [form] = await marieke.clicks('Een-op-eengesprek aanvragen');
    expect(cardText(form)).toContain('Een begeleid een-op-eengesprek aanvragen');
    expect(JSON.stringify(form.card)).not.toContain('"id":"teamSize"');
    expect(sendButton(form.card!)).toEqual({ verb: 'dialogue.confirm', format: 'one-to-one' });

    const [confirmation] = await marieke.submits({
      ...sendButton(form.card!),
      team: 'Polikliniek Dermatologie',
      preferredPeriod: 'volgende week',
      reason: 'Een medewerker voelt zich achtergesteld bij het rooster',
      contact: 'Teams',
    });
    expect(cardText(confirmation)).toContain('Je aanvraag voor een begeleid een-op-eengesprek is verstuurd');

    await bot.app.outbox.runDueJobs();
    const card = new Conversation(bot, programmeMember).proactiveCards().at(-1)!;
    expect(cardText({ card })).toContain('Aanvraag een-op-eengesprek');
    expect(cardText({ card })).toContain('Polikliniek Dermatologie');
    expect(cardText({ card })).not.toContain('Teamgrootte');
  });

  it('still asks a team dialogue for its size, and refuses one without it', async () => {
    const peter = new Conversation(bot, teamsUser('Peter Jansen', 'en-GB'));
    const [form] = await peter.says('team dialogue');
    expect(cardText(form)).toContain('Request a facilitated team dialogue');
    expect(JSON.stringify(form.card)).toContain('"id":"teamSize"');
    expect(sendButton(form.card!)).toEqual({ verb: 'dialogue.confirm', format: 'team' });
    const [refused] = await peter.submits({ ...sendButton(form.card!), team: 'Ward 5', preferredPeriod: 'March', reason: 'Tension after a merger', contact: 'Teams' });
    expect(cardText(refused)).toContain('This button no longer works');
    const [confirmation] = await peter.submits({ ...sendButton(form.card!), team: 'Ward 5', teamSize: 'small', preferredPeriod: 'March', reason: 'Tension after a merger', contact: 'Teams' });
    expect(cardText(confirmation)).toContain('Your team dialogue request has been sent');
  });
});
