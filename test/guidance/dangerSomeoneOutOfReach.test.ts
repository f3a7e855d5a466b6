import path from 'node:path';
import { loadContent } from '../../src/content/loadContent';
import { compileDangerCues, type DangerAssessor } from '../../src/guidance/classifier/danger';

const root = path.resolve(__dirname, '..', '..');
/** The rules alone. */
let assess: DangerAssessor;

beforeAll(() => {
  const content = loadContent(path.join(root, 'content'));
  assess = compileDangerCues(content.dangerCues);
});

/*
 * Someone out of reach (dangerKinds.ts `unreachable`): a bystander tells someone else's intention to die by what that
 * person did (a farewell, things handed on, a means) and that they cannot be reached now: not answering, the phone off,
 * a door not opened, not turned up. Being out of reach is absence told of the present, so a farewell dated this morning
 * does not make it over. Alone it is an ordinary thing to say at work. Every sentence was written for this test.
 */
describe('someone out of reach beside a farewell or a means gets at least the danger question', () => {
  test.each([
    ['thanks for always, then not answering', 'My roommate texted "thanks for always listening to me" and now she is not answering.'],
    ['things handed on this morning, phone off now', 'This morning he gave away his guitar and his books, and his phone is off.'],
    ['a sorry message, then no answer', 'Our intern sent a sorry message to the whole group and has not replied to anyone since.'],
    ['a means taken, door not opened', 'She took the insulin from the fridge and is not opening the door of the staff toilet.'],
    ['passwords sent, did not turn up', 'He sent me all his passwords last night and did not turn up for his shift.'],
    ['bedankt voor alles, neemt niet op', 'Mijn huisgenoot appte "bedankt voor alles" en neemt nu niet op.'],
    ['spullen uitgedeeld, doet niet open', 'Hij heeft vanochtend zijn boeken en zijn fiets uitgedeeld en doet nu de deur van zijn kamer niet open.'],
    ['een sorry-bericht, reageert niet', 'Mijn collega stuurde een sorry berichtje naar het hele team en reageert niet meer.'],
    ['wachtwoorden gestuurd, niet komen opdagen', 'Ze stuurde me gisteravond haar wachtwoorden en is vandaag niet komen opdagen.'],
    ['medicijnen meegenomen, onbereikbaar', 'Hij heeft morfine van de afdeling meegenomen en is sindsdien onbereikbaar.'],
  ])('not none: %s', (_kind, text) => {
    const { level, harm } = assess(text);
    expect(level).not.toBe('none');
    expect(harm).toBe('selfHarm');
  });

  test.each([
    ['a manager who does not answer e-mails', 'My manager is not answering my e-mails about the roster, who else can I ask?'],
    ['a patient who did not turn up', 'The patient did not turn up for his appointment again, do I have to report that?'],
    ['a thank-you for always being there, answered', 'Thanks for always being there for me, I will call you tonight.'],
    ['a leaving colleague who went silent, and it was a new job', 'She said goodbye this morning and went silent, it turns out she is starting a new job in Utrecht.'],
    ['een collega die niet opneemt over het rooster', 'Mijn teamleider neemt niet op en ik wil mijn dienst van morgen ruilen.'],
    ['een patiënt die niet kwam opdagen', 'De patiënt is weer niet komen opdagen voor zijn afspraak, moet ik dat melden?'],
    ['de diensten verdeeld', 'We hebben de diensten verdeeld voor de kerst, niemand reageert nog op de planning.'],
  ])('none: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });
});
