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
 * A threat told sideways (dangerKinds.ts: veiled, lyingInWait): the threatener names no harm but leaves the consequence
 * unnamed ("you'll see what happens"), shows what he knows of someone's life (her car, her children's way to school) or
 * waits until a shift ends, and is still there or waits where the writer must pass. Each kind alone is ordinary talk at work;
 * a veiled threat beside someone still there or lying in wait, or someone lying in wait told twice, gets at least the danger
 * question. Every sentence here was written for this test; none comes from an evaluation set.
 */
describe('a veiled threat beside someone still there or lying in wait gets at least the danger question', () => {
  test.each([
    ['a consequence left unnamed, the man still there', "He told me I'll see what happens. He is still standing at the nurses' station."],
    ['being dealt with after the shift, waiting by the lifts', "The visitor said I'd be dealt with once my shift is over. He's waiting by the lifts now."],
    ['what he knows of her car, at the exit', "He says he knows which car is mine and he's standing by the exit."],
    ['her children named, he will not leave', "The man at the desk said her kids walk home alone too. He won't leave."],
    ['een gevolg zonder naam, hij staat er nog', 'Hij zei dat ik wel zal merken wat er gebeurt. Hij staat nog steeds bij de balie.'],
    ['de kinderen genoemd, hij wil niet weg', 'De man zegt dat hij haar kinderen ook nog wel een keer wil zien. Hij wil niet weg.'],
    ['wachten tot de dienst klaar is, bij de uitgang', 'Hij zei: ik wacht wel tot je klaar bent. Hij staat nu bij de uitgang.'],
    ['weten welke fiets, in de stalling', 'Hij weet welke fiets van mij is en hij wacht nu bij mijn fiets in de stalling.'],
  ])('%s: "%s"', (_kind, text) => {
    expect(assess(text).level).not.toBe('none');
  });
});

describe('someone lying in wait, told twice or beside presence, gets at least the danger question', () => {
  test.each([
    ['at the bus stop, watching the doors', "He's at the bus stop outside again. He's looking at the entrance every time the doors open."],
    ['by my car, for half an hour', "That patient is waiting by my car in the car park. I have to go home."],
    ['bij mijn fiets, al een half uur', 'Die patiënt van gisteren wacht nu bij mijn fiets in de stalling. Al een half uur.'],
    ['voor de deur, blijft staan', 'Hij staat bij de deur van de personeelsruimte en blijft daar staan tot ik naar buiten kom.'],
  ])('%s: "%s"', (_kind, text) => {
    expect(assess(text).level).not.toBe('none');
  });
});

describe('one kind alone, or either in a frame, stays calm', () => {
  test.each([
    ['a consequence left unnamed about the rota', "Let's see what happens with the rota next month."],
    ['someone waiting for a bus', 'I am at the bus stop outside the main entrance, the 12 is late again.'],
    ['a veiled threat in a drill', 'In the de-escalation training the actor said we would see what happens, while waiting by the exit.'],
    ['a veiled threat in the news', 'In the news: a man told a nurse she would see what happens and waited by her car.'],
    ['een gevolg zonder naam over een rooster', 'We zien wel wat er gebeurt met het nieuwe rooster.'],
    ['iemand die op de bus wacht', 'Ik wacht bij de bushalte op lijn 12 naar het station.'],
    ['een oefening', 'Bij de oefening zei de acteur dat we wel zouden zien wat er gebeurt en hij wachtte bij de uitgang.'],
  ])('%s: "%s"', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });
});
