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
 * Calm messages that sound alarming (issue 11: `unclear` is the safety net, not the default). Each block names a kind of
 * calm wording that raised the danger question or the emergency card, with the urgent messages of the same words that
 * must keep it. Every sentence was written for this test; none comes from an evaluation set.
 */
describe('the aftermath: how recently it happened, beside a danger told as over', () => {
  test.each([
    ['a blow half an hour ago, the patient sedated since', 'Half an hour ago a patient hit a nurse on 5B. He has been sedated and she is with the team now. What happens next?'],
    ['a knife an hour ago, the police took him', 'There was a visitor with a knife at the entrance about an hour ago. The police took him and nobody got hurt. Who do we talk to?'],
    ['followed twenty minutes ago, home safe now', 'A man followed me from the tram stop twenty minutes ago. I am home safe now, should I tell someone at work?'],
    ['een klap een half uur geleden, hij is gesepareerd', 'Een half uur geleden sloeg een patiënt een collega. Hij is inmiddels gesepareerd en zij drinkt koffie in de teamkamer. Wat nu?'],
    ['een schaar tien minuten geleden, de beveiliging heeft hem meegenomen', 'Tien minuten geleden stond er een man met een schaar te schreeuwen bij de poli. De beveiliging heeft hem meegenomen en iedereen is ongedeerd.'],
    ['een vechtpartij een uur geleden, de politie heeft ze meegenomen', 'Een uur geleden was er een vechtpartij in de hal. De politie heeft beide mannen meegenomen. Moet ik dit melden?'],
  ])('none: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });

  test.each([
    ['still there after an hour', 'An hour ago he hit her and he is still standing at the desk shouting. Security came but left again.'],
    ['a call for help in another sentence', 'Ten minutes ago he attacked a nurse. Security came, but please hurry!!'],
    ['back again after security came', 'Ten minutes ago he attacked a nurse. Security came but he is back in the corridor.'],
    ['got away, but still shaking for breath', 'He had his hands on my throat a minute ago. I got away, but I still cannot breathe properly.'],
    ['ontsnapt, maar nog steeds bang', 'Tien minuten geleden greep hij me bij de keel. Ik ben ontsnapt, maar hij blijft door de gang lopen.'],
    ['weer terug na de beveiliging', 'Een kwartier geleden sloeg hij een collega. De beveiliging heeft hem meegenomen maar hij staat weer bij de balie.'],
    ['self-harm an hour ago stays urgent', 'She took all her pills an hour ago. Security came and she is calm now.'],
    ['nog steeds daar', 'Een kwartier geleden sloeg hij haar en hij staat nog steeds bij de balie. De beveiliging is weggegaan.'],
    ['zelfbeschadiging blijft dringend', 'Ze heeft een half uur geleden al haar pillen geslikt. De beveiliging heeft haar meegenomen naar de kamer.'],
  ])('not none: %s', (_kind, text) => {
    expect(assess(text).level).not.toBe('none');
  });
});

describe('harm words aimed at a thing: a system, a machine, a rota strangled, murdered or holding people hostage', () => {
  test.each([
    ['a system choking the computers', 'The new ordering software is choking every computer on the ward, nothing opens.'],
    ['the heat suffocating', 'The heat in the outpatient clinic is suffocating, can someone fix the air conditioning?'],
    ['murdering a printer', 'I am going to murder the printer on the second floor, it ate my handouts again.'],
    ['strangling a coffee machine', 'She pretends to strangle the coffee machine every time it runs out of beans.'],
    ['held hostage by the administration', 'We are being held hostage by the administration, nobody can book leave until March.'],
    ['a machine holding the department hostage', 'The broken scanner is holding the whole department hostage this morning.'],
    ['bleeding staff', 'Our ward is bleeding nurses and management does not seem to care.'],
    ['locked in a rota', 'I feel locked in this roster, three night shifts every week.'],
    ['een systeem dat ons wurgt', 'De bureaucratie wurgt ons, wie kan ik daarover spreken?'],
    ['een printer vermoorden', 'Ik ga die printer vermoorden, hij loopt voor de derde keer vast.'],
    ['gegijzeld door het rooster', 'We worden gegijzeld door het rooster, niemand kan in juli vrij krijgen.'],
    ['gevangen in een rooster', 'Ik zit gevangen in dit rooster, elke week drie nachtdiensten.'],
  ])('none: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });

  test.each([
    ['someone by a machine choking a person', 'The man by the printer is choking her right now.'],
    ['strangled with a cable of a machine', 'He is strangling her with the printer cable.'],
    ['a person held hostage beside a machine', 'A man at the coffee machine is holding a nurse hostage.'],
    ['a ward held hostage with a knife', 'He is holding the whole ward hostage with a knife.'],
    ['iemand wurgt iemand bij de printer', 'Bij de printer wurgt hij haar, snel!'],
    ['iemand gegijzeld door een bezoeker', 'Een collega wordt gegijzeld door een bezoeker in de personeelskamer.'],
  ])('not none: %s', (_kind, text) => {
    expect(assess(text).level).not.toBe('none');
  });
});

describe('a picture of harm: a meme, a gif, a sticker or a drawing that shows it', () => {
  test.each([
    ['a gif of someone punched', 'Someone in the team chat posted a gif of a guy getting punched with the caption "me after the audit". Is that ok?'],
    ['a meme about strangling', 'A colleague shared a meme about strangling whoever booked the Friday meeting. Funny or not?'],
    ['een meme van een klap', 'Een collega stuurde in de groepsapp een meme van een chirurg die een co-assistent een klap geeft. Kan dat zomaar?'],
    ['een meme dat iemand vermoord wordt', 'In de labapp stuurde iemand een meme dat hij de reviewer gaat vermoorden. Allemaal grappig bedoeld.'],
  ])('none: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });

  test.each([
    ['memes about jumping from a roof', 'The interns keep sending memes about jumping off the roof after every night shift. Are they allowed in the official group?'],
    ['een sticker met een doodswens', 'Er zit een sticker op de koffieautomaat met "liever dood dan maandag". Mag dat daar hangen?'],
  ])('a wish to die in a picture gets the question, not the emergency card: %s', (_kind, text) => {
    expect(assess(text).level).toBe('unclear');
  });

  test.each([
    ['a badge is no picture', 'A man is holding a young woman against the wall in the stairwell, she has a visitor sticker on her coat.'],
    ['a picture beside someone still there', 'He sent me a meme of a man with a knife and he is standing outside my office now.'],
    ['a picture beside a farewell', 'She posted a meme about jumping off the bridge and gave her cat to her neighbour this morning.'],
    ['een plaatje terwijl hij er nog is', 'Hij stuurde me een meme van een pistool en hij staat nu voor de deur van de poli.'],
    ['een sticker is geen plaatje van wat gebeurt', 'Een man met een bezoekerssticker slaat op dit moment een verpleegkundige in de gang.'],
  ])('not none: %s', (_kind, text) => {
    expect(assess(text).level).not.toBe('none');
  });
});

/*
 * A long story of harm that the rules date in the past or tell as over is not read again in stretches of 40 words
 * (danger.ts, `over`, `askForStrongestWindow`): the stretch holds only the story's words of harm. The rules mark it.
 */
describe('a story of harm dated in the past or told as over is marked as over', () => {
  test.each([
    ['pushed against a wall last Tuesday, security took him', 'Last Tuesday I saw a professor push a colleague against the wall in the corridor. Security took him out of the building. What should I do as a witness?'],
    ['a headlock on Saturday, arrested since', 'On Saturday night a nurse had a patient in a headlock after he kicked the doors. He was arrested and taken away. Should I have done more?'],
    ['tegen de muur geduwd, twee weken geleden', 'Twee weken geleden heeft een monteur mij in het magazijn tegen de muur geduwd. Hij is inmiddels ontslagen. Bij wie kan ik hierover praten?'],
    ['achtervolgd vanochtend, beveiliging heeft hem meegenomen', 'Vanochtend liep een man mij achterna tot de kleedkamer. De beveiliging heeft hem meegenomen. Moet ik dit melden?'],
  ])('%s', (_kind, text) => {
    const assessment = assess(text);
    expect(assessment.level).toBe('none');
    expect(assessment.over).toBe(true);
  });

  test.each([
    ['someone there now, though a sentence also reads as past', 'Last Tuesday a visitor pushed a nurse against the wall. Security took him off the ward. He is back in the waiting room right now and asking for her.'],
    ['a call for help', 'Last week a patient hit me. Security took him away. Help!'],
    ['a wish to die told in the past is never settled as over', 'Last year my colleague tried to kill herself. She was admitted and is fine now.'],
    ['iemand is er nu', 'Vorige week sloeg een bezoeker een collega. De beveiliging heeft hem meegenomen. Hij staat nu voor de deur van de poli.'],
  ])('not over: %s', (_kind, text) => {
    expect(assess(text).over).not.toBe(true);
  });
});
