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
 * Kinds of wording that new writers use and the rules missed (7 December, read from the fresh set's
 * mistakes for their kind only). Every sentence here was written for this test; none comes from an
 * evaluation set.
 */
describe('a question about what to do beside harm told in present grammar asks what to do now', () => {
  test.each([
    ['whether something is allowed, English', 'A visitor is kicking a nurse in the family room. Are we allowed to lock the corridor?'],
    ['whom to call, English', 'Two porters are punching each other by the loading bay. Who do I call?'],
    ['which emergency number, English', 'A man is hitting his wife in the lift lobby. I cannot find the emergency number.'],
    ['whom to call, Dutch', 'Twee bezoekers staan elkaar te slaan bij de lift. Bel ik de beveiliging of de politie?'],
    ['which emergency number, Dutch', 'Er is iemand een verpleegkundige aan het schoppen op de gang. Wat is het alarmnummer hier?'],
  ])('not none: %s', (_kind, text) => {
    expect(assess(text).level).not.toBe('none');
    expect(assess(text).reasons.join(' ')).not.toContain('frame');
  });

  test.each([
    ['a question about what to do when harm is told without the present, English', 'Are we allowed to lock the ward door when a patient has hit someone before?'],
    ['whom to call if it ever happens, Dutch', 'Bel ik de beveiliging of de politie als een bezoeker ooit gaat slaan?'],
    ['a question about what is allowed after a past fight, English', 'Last month a visitor punched a porter. Are we allowed to ban him from the site?'],
  ])('none: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });
});

describe('a method of ending one’s life named by its kind: traffic, a barrier driven into, a height stepped off, a car’s exhaust', () => {
  test.each([
    ['a vehicle, then stepping in front of it', 'The last bus keeps appearing in my mind, walking out in front of it and being done.'],
    ['driving into a barrier', 'On the ring road I think about steering my car into the bridge pillar at full speed.'],
    ['stepping off a height', 'Sometimes I picture myself stepping off the top floor of the car park after my shift.'],
    ['a hose in a car', 'I am parked behind the lab with a hosepipe and the car windows taped.'],
    ['a store of medicines emptied for oneself', 'A nurse on nights told me he emptied the drug cupboard for himself.'],
    ['van een hoogte stappen', 'Als ik straks van het dak van de parkeergarage stap hoeft niemand meer te zorgen.'],
    ['tegen een pijler rijden', 'Ik denk erover om op de snelweg tegen een pijler te rijden.'],
    ['van de weg rijden', 'Mijn collega zei dat ze haar auto van de brug wil rijden.'],
    ['voor een voertuig springen', 'Hij zegt dat hij vanavond voor de tram gaat springen.'],
    ['een slang in de auto', 'Ze zit in haar auto in de garage met een tuinslang.'],
    ['een medicijnkast voor zichzelf leeggehaald', 'Een arts-assistent appt dat hij de opiatenkast voor zichzelf heeft leeggehaald.'],
  ])('now: %s', (_kind, text) => {
    expect(assess(text).level).toBe('now');
    expect(assess(text).harm).toBe('selfHarm');
  });

  test.each([
    ['driving into a car park', 'I drove into the car park and saw two men shouting at each other.'],
    ['stepping off a bus', 'A patient stepped off the bus and fell, she has a graze on her knee.'],
    ['an ambulance driving into the bay', 'The ambulance drove into the bay at full speed.'],
    ['taking the stairs from the top floor', 'We took the stairs from the top floor because the lift was broken.'],
    ['een medicijnkast leeggehaald voor een verbouwing', 'De apotheek heeft de medicijnkast leeggehaald voor de verbouwing.'],
    ['medicines taken for oneself, a theft', 'I took some paracetamol from the ward for myself last year, will I be fired?'],
  ])('not now: %s', (_kind, text) => {
    expect(assess(text).level).not.toBe('now');
  });
});

describe('a person slammed or pinned against something', () => {
  test.each([
    ['pinned up against a surface', 'A porter has the cleaner up against the lockers in the basement.'],
    ['slamming a person into something', 'He keeps slamming her into the filing cabinet.'],
    ['iemand tegen iets knallen', 'Hij knalt haar steeds tegen de deur van de spoelkeuken.'],
    ['iemand klem houden', 'Een bezoeker houdt de verpleegkundige klem tegen de muur.'],
  ])('now: %s', (_kind, text) => {
    expect(assess(text).level).toBe('now');
    expect(assess(text).harm).toBe('violence');
  });

  test.each([
    ['slamming a door', 'He slammed the door and went home.'],
    ['slamming one’s own hand', 'I slammed my hand against the desk when the rota came out.'],
  ])('none: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });
});

describe('"while I" with past grammar dates an event, it does not tell the present', () => {
  test.each([
    ['terwijl ik + past tense, with a past time', 'Op de borrel vorige maand duwde hij me tegen de muur terwijl ik probeerde weg te lopen.'],
  ])('not now: %s', (_kind, text) => {
    expect(assess(text).level).not.toBe('now');
  });
  test.each([
    ['terwijl ik dit typ', 'Hij staat nog bij de balie te schreeuwen terwijl ik dit typ en hij heeft een mes.'],
  ])('now: %s', (_kind, text) => {
    expect(assess(text).level).toBe('now');
  });
});

describe('a window that opens far, told beside a high floor', () => {
  test.each([
    ['English', 'I am on the ninth floor by myself and the window in this office opens all the way.'],
  ])('not none: %s', (_kind, text) => {
    expect(assess(text).level).not.toBe('none');
  });
});

describe('an escalation idiom is no escape', () => {
  test.each([
    ['"got out of hand" before harm in present grammar', 'Two nurses started arguing and it got out of hand: he is slapping her and she is on the floor.'],
    ['"got out of control"', 'A visitor got out of control and is kicking the nurse by the lifts.'],
  ])('now: %s', (_kind, text) => {
    expect(assess(text).level).toBe('now');
  });
  test.each([
    ['getting out of a room is still an escape', 'He was hitting the wall, I got out of the room and went home. I am safe.'],
  ])('none: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });
});

describe('a threat made earlier by someone who is still there', () => {
  test.each([
    ['English, a threat this morning and the person sitting near', 'The porter said yesterday he would hurt me if I reported him. He is sitting two metres away from me now.'],
    ['Dutch, a threat last week and the person back at the desk', 'Vorige week dreigde een bezoeker me te slaan. Hij staat nu weer bij de balie.'],
  ])('the danger question: %s', (_kind, text) => {
    expect(assess(text).level).toBe('unclear');
    expect(assess(text).reasons[0]).toContain('someone still present');
  });
  test.each([
    ['the person is not there, Dutch', 'Gisteren dreigde een familielid me te slaan. Hij is hier niet, maar ik slaap er slecht van.'],
    ['the writer is still afraid, Dutch', 'Vorige week dreigde een patiënt me iets aan te doen. Ik ben nog steeds bang.'],
    ['the writer is still shaken, English', 'Last month a visitor threatened to hit me. I am still shaken by it.'],
    ['the person was discharged, English', 'Last month a patient threatened to hit me. I reported it and he was discharged.'],
  ])('none: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });
});

describe('Dutch: a separable verb of violence in its te-infinitive, blood, a fight that goes on, someone else who left', () => {
  test.each([
    ['af te tuigen', 'Twee bezoekers staan elkaar bij de ingang af te tuigen.'],
    ['neer te steken', 'Hij probeert de beveiliger neer te steken, hij heeft iets scherps.'],
    ['blood and a fight that goes on', 'Er zit bloed op de vloer van de hal en ze gaan maar door.'],
    ['another person left while the writer is with the harm', 'Een patiënt zit aan haar borsten en laat niet los, ik sta aan zijn bed en mijn collega is weg.'],
  ])('now: %s', (_kind, text) => {
    expect(assess(text).level).toBe('now');
  });
});

describe('"nog een keer" is one more time, the condition of a threat, not a past time', () => {
  test.each([
    ['a threat on a condition, the person still there', 'Als je nog een keer aan mijn vader komt sla ik je, zegt de zoon. Hij staat nog aan het bed.'],
  ])('now: %s', (_kind, text) => {
    expect(assess(text).level).toBe('now');
  });
  test.each([
    ['"een keer" as once, in the past', 'Een patiënt heeft me een keer geslagen, jaren geleden. Moet ik dat nog melden?'],
  ])('none: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });
});

describe('joking told by its adverb (the laughter of onlookers is no joke frame: dangerWording.test.ts)', () => {
  test.each([
    ['grappend', 'Een collega zei grappend dat hij me opsluit in de linnenkamer als ik weer te laat ben. Mag dat?'],
    ['schertsend', 'De chef zei schertsend dat hij de stagiair in de koelcel opsluit als die weer te laat komt.'],
  ])('none: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });
});

describe('a person at a dangerous place, waiting for a vehicle, walking onto a road; a Dutch verb before its subject', () => {
  test.each([
    ['standing by the tracks', 'I am so tired of everything. I am standing by the railway line behind the car park.'],
    ['waiting for the train at a crossing', 'Every day I cross the railway and tonight I will stop there and wait for the train.'],
    ['naast de snelweg', 'Ik sta naast de snelweg bij de afslag en ik wil de weg op lopen.'],
    ['"rij ik tegen"', 'Ik kan niet meer. Na mijn dienst rij ik tegen een boom.'],
    ['"then it is over" after a way to die', 'One step off the roof of the car park and then it is over. I am up there now.'],
  ])('now: %s', (_kind, text) => {
    expect(assess(text).level).toBe('now');
    expect(assess(text).harm).toBe('selfHarm');
  });
});

describe('the calm of a decision is no recovery', () => {
  test.each([
    ['"I am okay" beside a plan and a farewell', 'I gave my cat to the neighbour and the plan is ready. I am okay, calm even.'],
  ])('now: %s', (_kind, text) => {
    expect(assess(text).level).toBe('now');
  });
  test.each([
    ['a recovery told in the past', 'Last year I had it all planned out. I got help and I am fine now.'],
  ])('not now: %s', (_kind, text) => {
    expect(assess(text).level).not.toBe('now');
  });
});
