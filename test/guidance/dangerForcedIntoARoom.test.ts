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
 * Someone taken into a room by force (dangerKinds.ts `forcedInto`): pulled, pushed or dragged into a room, a toilet or a
 * car, told without a word of confinement or of sex ("pulled our intern into the supply room", "trekt een stagiaire de
 * linnenkamer in"). The rules read it as confinement for the danger level; its time decides as for any harm, so a story
 * dated last month stays calm. Every sentence was written for this test.
 */
describe('someone pulled, pushed or dragged into a room gets at least the danger question', () => {
  test.each([
    ['pulled into a storeroom, just now', 'A porter just pulled the new student into the storeroom and closed the door.'],
    ['dragging someone into a toilet', 'Some guy is dragging a girl from the party into the disabled toilet by her arm.'],
    ['pulled into a van in the car park', 'A man pulled one of our nurses into his van in the car park a minute ago.'],
    ['pushed into the on-call room', 'The registrar pushed the intern into the on-call room and she looked terrified.'],
    ['trekt iemand een kamer in', 'Een bezoeker trekt een stagiaire de linnenkamer in en de deur gaat dicht.'],
    ['duwde net iemand een ruimte in', 'Die arts duwde net een coassistent de dienstkamer in, ze keek heel bang.'],
    ['meegesleurd naar een berging', 'Een collega is net door een dronken man meegesleurd naar de berging.'],
    ['trekt iemand een busje in', 'Een man trekt een vrouw in uniform zijn busje in op de parkeerplaats.'],
  ])('not none: %s', (_kind, text) => {
    const { level, harm } = assess(text);
    expect(level).not.toBe('none');
    expect(harm).toBe('confinement');
  });

  test.each([
    ['a trolley pushed into a room', 'Can someone help me push the linen trolley into the storeroom before the round?'],
    ['a story dated last year', 'Last year a colleague pulled me into the storeroom at the Christmas party. I never told anyone, can I still report it?'],
    ['a question about a policy', 'What if a visitor ever drags a nurse into a toilet, who do we call?'],
    ['never pulled into a room', 'He never pushed me into his office, he only shouted at me in the corridor yesterday.'],
    ['een bed een kamer in geduwd', 'We hebben het bed van meneer de isolatiekamer in geduwd, daar is het rustiger.'],
    ['vorig jaar een kamer in getrokken', 'Vorig jaar trok een arts me de dienstkamer in. Kan ik dat nu nog melden?'],
    ['wat als iemand een kamer in wordt getrokken', 'Wat moeten we doen als iemand ooit een collega de berging in sleurt?'],
  ])('none: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });
});
