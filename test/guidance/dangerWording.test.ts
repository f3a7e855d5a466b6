import path from 'node:path';
import { loadContent } from '../../src/content/loadContent';
import { compileDangerCues, type DangerAssessor } from '../../src/guidance/classifier/danger';
import { ANY_LANGUAGE_THRESHOLDS, NOW_PROBABILITY, STORY_PROBABILITY } from '../../src/guidance/classifier/dangerModel';

const root = path.resolve(__dirname, '..', '..');
/** The rules alone. */
let assess: DangerAssessor;
/** The rules with the model trained on the tune messages beside them, as the bot runs them. */
let withModel: DangerAssessor;

beforeAll(() => {
  const content = loadContent(path.join(root, 'content'));
  assess = compileDangerCues(content.dangerCues);
  withModel = compileDangerCues(content.dangerCues, {
    now: content.nluExamples.filter((example) => example.danger === 'now').map((example) => example.text),
    none: content.nluExamples.filter((example) => example.danger === 'none').map((example) => example.text),
  });
});

/*
 * Kinds of wording the danger rules reason over (danger.ts, content/nlu/danger.json), each with a
 * few sentences written for this test in both languages; none comes from an evaluation set.
 */
describe('negation by kind of wording', () => {
  test.each([
    ['a negation inside the cue, not one of its words', 'Ik wil echt niet dood, ik wil alleen een ander rooster'],
    ['a negation inside the cue, English', 'I do not want to die, I want a transfer to another team'],
    ['a negated saying reaches over its clause, Dutch', 'Hij zei niet dat hij haar zou vermoorden, wel dat ze moest oppassen. Hij is al naar huis.'],
    ['a negated saying reaches over its clause, English', 'He did not say that he would kill anyone, he just left angry. He went home.'],
    ['not at risk of', 'My colleague is not at risk of hurting herself, she is just exhausted by her manager'],
  ])('none: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });

  test.each([
    ['"I do not think" does not negate its clause', 'ik denk niet dat ik er morgen nog ben'],
    ['"I do not think", English', "I don't think I will be alive next week"],
  ])('still danger: %s', (_kind, text) => {
    expect(assess(text).level).not.toBe('none');
  });
});

describe('time by kind of wording', () => {
  test.each([
    ['a bare "now" in another sentence does not make a past threat present', 'Last spring a visitor said he would hit me. Now he has a job in our kitchen, what do I do?'],
    ['a bare "nu" in another sentence, Dutch', 'Vorig jaar dreigde een patiënt haar te slaan. Nu werkt zijn broer bij ons, is dat een probleem?'],
    ['a report yields only to a present its sentence settles', 'How do I report the violence that happened before my time by a man who now works on our ward?'],
  ])('not now: %s', (_kind, text) => {
    expect(assess(text).level).not.toBe('now');
  });

  test.each([
    ['a sentence that is only "now"', 'knife in the pharmacy. now.'],
    ['a sentence that is only "nu", Dutch', 'man met mes bij de lift. nu!'],
    ['the person is still in a place, Dutch', 'Hij dreigde haar te slaan en hij zit nog in de wachtkamer.'],
    ['the person is back, English', 'The visitor who threatened to stab the nurse is back on the ward.'],
    ['a negated progressive is still the present', 'he has his hands around her throat and he is not letting go'],
  ])('now: %s', (_kind, text) => {
    expect(assess(text).level).toBe('now');
  });
});

describe('self-harm by kind of wording', () => {
  test.each([
    ['a means at hand with despair, Dutch', 'Ik kan er niet meer tegen. Ik heb de opiaten al in mijn tas.'],
    ['a means at hand with a resolve, third person', 'She says she is going to do it tonight and she took the morphine home with her'],
    ['a means at hand with a resolve, Dutch third person', 'Mijn collega zegt dat ze het vannacht gaat doen, ze heeft de sleutels van de medicijnkast'],
    ['a reflexive object after a verb of using', 'I keep thinking about injecting the insulin into myself after my shift'],
    ['a reflexive pronoun apart from its separable verb, Dutch', 'Een collega zei net dat hij zichzelf vanavond iets gaat aandoen'],
    ['cutting again', 'been cutting again in the bathroom, it helps a bit'],
    ['cutting again, Dutch', 'ik heb weer gesneden vannacht en het gaat steeds dieper'],
    ['about to jump', 'my colleague is on the roof terrace and says she is going to jump'],
    ['driving into a tree, Dutch word order', 'Hij zegt dat hij straks met de auto tegen een boom rijdt'],
    ['giving belongings away', 'he has been giving his stuff away and talks about his last day on earth'],
  ])('now: %s', (_kind, text) => {
    expect(assess(text).level).toBe('now');
  });

  test.each([
    ['"wil niet meer" before a clause is no wish to die', 'Ze wil niet meer op de spoedeisende hulp werken na dat incident'],
    ['a patient after an overdose', 'De patiënt op de IC is stabiel na een overdosis, maar de dienstoverdracht liep slecht'],
    ['research into suicide', 'In the research on suicidal patients my supervisor changes the data, what do I do?'],
    ['a suicide risk assessment, Dutch compound', 'Mijn opleider wil dat ik de suïcide-risicotaxatie overdoe, anders krijg ik een slechte beoordeling'],
  ])('none: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });
});

describe('a person who went home ends the danger', () => {
  test.each([
    ['Dutch', 'Een bezoeker dreigde mijn collega te slaan omdat hij moest wachten, daarna ging hij naar huis'],
    ['English', 'a relative threatened to hit the nurse at the desk and then went home'],
  ])('none: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });
});

describe('harm by kind of wording', () => {
  test.each([
    ['a Dutch kill verb at the end of the clause', 'Een patiënt roept dat hij de arts gaat doden en loopt nu naar de balie'],
    ['a throat cut, Dutch word order', 'Hij zegt dat hij haar keel doorsnijdt en hij staat nog bij de deur'],
    ['grabbing someone by the throat without "by"', 'my partner is grabbing my throat in the car park right now'],
    ['a compound knife word', 'a visitor is holding a pocketknife out at the receptionist'],
    ['an object pushed before the door', 'Someone pushed a desk in front of the door and I am inside with him'],
    ['kept hold of, Dutch object and time between', 'De arts houdt de stagiaire al een kwartier vast in de spoelruimte'],
    ['a door held shut, Dutch compound verb', 'een man staat de deur van de teampost dicht te houden, hij houdt de deur dichtgehouden en roept dat niemand eruit gaat'],
    ['following, Dutch, time between verb and "achter"', 'die man loopt al de hele avond achter me, ik ben nu bij de fietsenstalling'],
    ['undressing someone, Dutch infinitive', 'een man probeert een patiënte uit te kleden op de gang, nu'],
    ['grabbing a breast without a preposition, Dutch', 'een patiënt grijpt nu mijn borst en laat niet los'],
    ['undoing clothes', 'he is trying to unbutton her scrubs in the on-call room'],
    ['walking up to someone, Dutch noun object', 'de vader loopt nu schreeuwend op de verpleegkundige af'],
  ])('now: %s', (_kind, text) => {
    expect(assess(text).level).toBe('now');
  });

  test.each([
    ['a crutch is a walking aid, not a weapon', 'Mijn collega met een kruk wordt nagedaan als ze door de gang loopt'],
    ['an idiom of bursting, Dutch', 'Mijn hoofd staat op springen van alle declaraties die niet kloppen'],
    ['no way out of a job', 'I feel there is no way out of this job, who can help me change teams?'],
    ['spat at in the past', 'a relative spat in my face yesterday, can I report it?'],
    ['a medicine taken home without intent, a short question after it', 'Ik heb een paar keer medicatie mee naar huis genomen voor mijn vader. Wat nu?'],
    ['a patient in isolation', 'A patient in isolation keeps asking why he is locked in, how do I explain it?'],
    ['"say" at the start as a hypothetical', 'say a visitor with scissors starts threatening people, do we wait for security?'],
  ])('not now: %s', (_kind, text) => {
    expect(assess(text).level).not.toBe('now');
  });
});

describe('with the trained model: a story told in past grammar', () => {
  test.each(['Een patiënt sloeg mijn collega', 'A visitor hit the receptionist'])('a bare sentence in past grammar does not tell whether it is over: unclear (%s)', (text) => {
    expect(withModel(text).level).toBe('unclear');
  });

  test.each(['Are you still there?', 'Ben je er nog?'])('a few words without harm are asked about only when the model is sure (%s)', (text) => {
    const assessment = withModel(text);
    expect(assessment.level).toBe((assessment.modelProbability ?? 0) >= 0.5 ? 'unclear' : 'none');
  });

  test('a calm story in past grammar is no danger', () => {
    const assessment = withModel('A patient grabbed my breast while I was changing his bed and laughed about it');
    expect({ level: assessment.level, rule: assessment.reasons[0] }).toEqual({ level: 'none', rule: expect.stringContaining('a story in past grammar') });
  });

  test.each([
    ['a threat told in past grammar', 'A visitor threatened to hit my colleague because he had to wait too long'],
    ['a threat told in past grammar, Dutch', 'Een bezoeker dreigde mijn collega te slaan omdat hij te lang moest wachten'],
    ['being followed, told in past grammar, Dutch', 'een man van de parkeergarage volgde me tot aan de tram'],
    ['held and pulled, told in past grammar', 'the consultant held me by the wrist during the ward round and dragged me into the office'],
  ])('the rules leave it open and the model settles it: %s', (_kind, text) => {
    expect(assess(text).level).toBe('unclear');
    const assessment = withModel(text);
    expect(assessment.level).toBe((assessment.modelProbability ?? 1) < STORY_PROBABILITY ? 'none' : 'unclear');
  });

  test.each([
    ['past grammar with the present in another sentence', 'He pushed her against the lockers. He is still standing over her.'],
    ['past grammar with an alarm', 'hij greep haar bij de keel, help!!'],
  ])('still now: %s', (_kind, text) => {
    expect(withModel(text).level).toBe('now');
  });
});

describe('more kinds of wording', () => {
  test.each([
    ['a person between the verb and the object it is slammed against, Dutch', 'een man beukt een verpleegkundige tegen de balie aan, nu'],
    ['a person pushed against a compound noun, Dutch', 'de teamleider duwt de stagiaire op dit moment tegen de dossierkast'],
    ['a beating in one Dutch verb', 'er wordt nu iemand afgetuigd bij de ingang'],
    ['shaking someone, Dutch', 'hij staat haar door elkaar te rammelen bij de balie'],
    ['a threat in chat spelling', 'guy at the desk says ill find you and hurt you, hes still standing there'],
    ['the person stands in the doorway', 'he stands in the doorway and says he will hurt me when I leave'],
    ['hearing it happen', 'he locked it and i hear her crying behind the door'],
    ['being beaten, progressive without "is"', 'two men fighting in the car park, one is on the ground getting kicked'],
    ['nobody may leave', 'a visitor is leaning against the door saying nobody leaves the room'],
    ['a threat that someone will not get home alive', 'the brother says she will not go home alive and he is walking up and down the ward'],
    ['followed, Dutch compound verb', 'we worden achternagelopen door twee mannen, ze blijven achter ons'],
    ['walking along wherever one goes, Dutch', 'mijn ex staat in de hal en loopt mee als ik naar een andere afdeling ga'],
    ['clothes taken off', 'he took off my clothes in the staff room and he is still here'],
    ['cuts on an arm and a resolve', 'she showed me fresh cuts on her arm and says this time it will be enough'],
    ['at the edge of a roof, Dutch', 'er staat een collega op de rand van het dak van gebouw B'],
    ['leaning over a railing, Dutch', 'hij hangt over de reling van de brandtrap en zegt dat het voor hem niet meer hoeft'],
  ])('now: %s', (_kind, text) => {
    expect(assess(text).level).toBe('now');
  });

  test.each([
    ['let out: it is over', 'a colleague locked me in the archive as a prank, the porter let me out and I am back at my desk'],
    ['let out: it is over, Dutch', 'ik zat opgesloten in het magazijn maar de schoonmaker heeft me eruit gelaten'],
    ['"gister" is the past', 'de beveiliger dreigde gister een collega te slaan, wat moet ik daarmee?'],
    ['a thing that strangles, Dutch', 'de werkdruk op de poli wurgt ons langzaam'],
    ['a thing that strangles', 'this rota is strangling our team, who can we talk to?'],
    ['locked in a meeting', 'we zitten al drie uur opgesloten in een vergadering zonder koffie'],
    ['a water pistol', 'we had a water pistol fight after the shift, is that allowed?'],
    ['friends joking, Dutch', "'ik steek je neer met mn pen' zei ze, maar niemand meent het, we zijn beste vriendinnen"],
    ['written on a mirror', 'someone wrote on the mirror in the staff toilet that the night shift will get hurt'],
    ['harm to an object, Dutch perfect word order', 'hij heeft tijdens de overdracht keihard op tafel geslagen, iedereen schrok'],
    ['things thrown on the floor are no one lying hurt', 'the surgeon threw the instruments on the floor during the operation'],
    ['a suicidal patient, chat abbreviation', 'mag de kamer van een suïcidale pt op slot, wat zegt de wet?'],
    ['a patient in seclusion', 'the patient in seclusion is locked in his room until the psychiatrist has seen him'],
    ['a patient overdose, chat abbreviation', 'pt in with a paracetamol overdose, when do we start the antidote?'],
    ['a Dutch paper is no news item', 'mijn promotor zegt dat mijn artikel weer is afgewezen'],
  ])('not now: %s', (_kind, text) => {
    expect(assess(text).level).not.toBe('now');
  });
});

describe('with the trained model: words of the present', () => {
  test.each([
    ['present grammar', 'the man from the waiting room is going round the ward asking every nurse which room I am in'],
    ['a Dutch progressive', 'die vent staat mijn collega te porren en te duwen en hij gaat nog door'],
  ])('no harm word the rules know, words of the present: now exactly when the model is sure (%s)', (_kind, text) => {
    expect(assess(text).level).not.toBe('now');
    const assessment = withModel(text);
    const p = assessment.modelProbability ?? 0;
    expect(assessment.level).toBe(assess(text).level === 'none' ? (p >= NOW_PROBABILITY ? 'now' : p >= ANY_LANGUAGE_THRESHOLDS.unclear ? 'unclear' : 'none') : assessment.level);
  });

});

describe('hard cases by kind of wording', () => {
  test.each([
    ['enough of a medicine at hand and a resolve, Dutch', 'Er ligt genoeg morfine in mijn tas. Ik ga het vannacht doen.'],
    ['a medicine taken not for a patient', 'I took two vials of fentanyl from the cabinet, not for a patient'],
    ['a medicine kept for when one decides', 'he keeps a bottle of pentobarbital in his drawer and says it is ready once he decides'],
    ['cut arms and a resolve to go deeper, Dutch', 'ze heeft haar polsen opengehaald en zegt dat ze het straks dieper doet'],
    ['cutting again, Dutch present', 'ik kras weer en het wordt elke keer erger'],
    ['standing by the railway, Dutch', 'hij belde dat hij bij het spoor staat en niet meer naar huis komt'],
    ['a goodbye in other words', "she texted 'don't come looking for me, I've made my peace' and her phone is off"],
    ['a Dutch kill threat with the verb first', "hij roept 'sla ik je dood' en hij staat nog in de gang"],
    ['a threat to throw someone out of the window, Dutch', 'de patiënt zegt dat hij me het raam uit gooit en komt steeds dichterbij'],
    ['a threat about the children', "he keeps saying 'I know where your kids go to school' and he is still at the counter"],
    ['a hold, Dutch compound', 'een bezoeker houdt de portier in een houdgreep bij de ingang'],
    ['shaking someone back and forth, Dutch', 'een vader schudt de arts heen en weer aan haar jas'],
    ['Dutch subordinate clause with the verb last', 'ik zie dat hij de stagiaire telkens hard tegen de archiefkast duwt'],
    ['a van following, Dutch', 'er rijdt een busje achter me aan sinds ik van het terrein af ben'],
  ])('now: %s', (_kind, text) => {
    expect(assess(text).level).toBe('now');
  });

  test.each([
    ['"comes back in" is no past time', "he says he'll cut her when she comes back in, and he is awake"],
  ])('not none: %s', (_kind, text) => {
    expect(assess(text).level).not.toBe('none');
  });

  test.each([
    ['"back in" a season is the past', 'back in spring a porter trapped me in the lift, who can I talk to?'],
  ])('not now: %s', (_kind, text) => {
    expect(assess(text).level).not.toBe('now');
  });
});

/*
 * "iemand iets aandoen" is to harm someone; "er iets aan doen" is to do something about it, the commonest wish of a Dutch
 * bystander (final review, stop 32). The split "aan doen" needs its person right before it ("haar iets aan doen") or a verb
 * of threatening; "aan te doen" stays a threat whoever stands before it ("om de verpleegkundige ... iets aan te doen"), so
 * "is er iets aan te doen?" still asks about danger: recall first.
 */
describe('doing something about it is no threat (Dutch "iets aan doen")', () => {
  test.each([
    ['a bystander who wants to act', 'Mijn collega wordt gepest en ik wil er iets aan doen'],
    ['asking whether the writer can act', 'Ik zie dat mijn collega wordt buitengesloten, kan ik daar iets aan doen'],
    ['not knowing what to do about it', 'Ik weet niet of ik er wat aan kan doen, mijn leidinggevende kleineert een stagiair'],
    ['asking whether someone can act', 'Mijn collega wordt steeds uitgelachen, kan iemand er iets aan doen'],
    ['asking the reader whether they can act', 'Mijn leidinggevende negeert me al weken, kun je er iets aan doen?'],
  ])('none: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
    expect(withModel(text).level).toBe('none');
  });

  test.each([
    ['a threat to a person, the verb whole', 'hij gaat haar iets aandoen en hij staat nu voor de deur'],
    ['a threat to the writer, the verb split', 'hij zegt dat hij me iets aan gaat doen en hij staat nog hier'],
    ['a threat to a person, the verb split', 'Hij zegt dat hij haar nu iets aan wil doen'],
    ['a threat told by its verb, the person a noun', 'Een bezoeker dreigt de arts iets aan te doen en hij staat nog in de gang'],
  ])('still danger: %s', (_kind, text) => {
    expect(withModel(text).level).not.toBe('none');
  });
});

/*
 * The threat side of the same rule (docs/EVALUATION.md; 73256ac, c886ae1): "the split 'aan doen' needs its person right
 * before it or a verb of threatening", "'aan te doen' stays a threat whoever stands before it" and "'is er iets aan te
 * doen?' still asks". The threats above each hold other words of danger the model reads ("en hij staat nog hier"), so
 * dropping the split person cue, or "aan te doen" from the whole verb's cue, passed them while "hij gaat haar iets aan
 * doen" (the verb written apart, as many type it) fell from `now` to the danger question, and "is er iets aan te doen?" to
 * no question at all (promise audit, stop 33, F4).
 */
describe('the Dutch threat "iets aan doen", written apart', () => {
  it.each([
    ['its person right before it', 'hij gaat haar iets aan doen'],
    ['its person right before it, the writer among them', 'Hij wil ons iets aan doen'],
    ['"aan te doen" with a noun for its person', 'Hij is van plan om de arts iets aan te doen'],
  ])('danger now, by the rules alone: %s', (_kind, text) => {
    expect(assess(text).level).toBe('now');
    expect(withModel(text).level).toBe('now');
  });

  it('"is er iets aan te doen?" still asks about danger: recall first', () => {
    expect(withModel('is er iets aan te doen?').level).not.toBe('none');
  });
});

describe('near-misses by kind of wording', () => {
  test.each([
    ['a date is the past, Dutch', 'Op 3 april is mijn collega door een bezoeker met de dood bedreigd, ik wil het nog melden'],
    ['a day after a past verb is the past, Dutch', "Hij zei vrijdag tegen me: 'jij gaat eraan'. Hoe meld ik dat?"],
    ['an overdose with its dosing is care', 'what is the naloxone dosing for an opioid overdose in an adolescent?'],
    ['tablets taken before admission is care, Dutch', 'Patiënte had voor opname 30 tabletten paracetamol ingenomen, hoe lang blijft ze ter observatie?'],
    ['a Dutch question about procedure', 'Moet de beveiliging erbij als een bezoeker een verpleegkundige heeft geduwd?'],
    ['nothing has happened', 'A visitor told me he has a knife at home. Nothing has happened since, but can I report it?'],
    ['calm now', 'the patient who was throwing chairs is calm now, what is the follow-up for the team?'],
    ['a skull emoji is a joke', "in de groepsapp: 'wie de laatste koffie pakt gaat eraan 💀'"],
    ['an upside-down face is a joke', 'I could strangle this scheduling system 🙃'],
    ['hyperbole: I could jump', 'I could honestly jump out of the window, the printer ate my slides again'],
    ['a system that haunts one, Dutch', 'Het roostersysteem achtervolgt me tot in mijn dromen'],
  ])('not now: %s', (_kind, text) => {
    expect(assess(text).level).not.toBe('now');
  });

  test.each([
    ['"niks gebeurd" as if nothing happened is no end', 'mn collega is net aangerand en hij zit nog in de wachtkamer alsof er niks gebeurd is'],
    ['others pretending not to see is no joke', 'a resident is kicking the intern under the table right now, everyone pretends not to see it'],
  ])('now: %s', (_kind, text) => {
    expect(assess(text).level).toBe('now');
  });
});

describe('frames that are not what they seem', () => {
  test.each([
    ['bad news in a hospital is no news item, Dutch', 'de man van een patiënte loopt nu met een hamer over de afdeling en zoekt de arts die slecht nieuws bracht'],
    ['bad news in a hospital is no news item', 'a relative is waving a knife at the desk right now, angry about the bad news the doctor gave'],
    ['a knife taken out of a bag is not someone taken away', 'he has taken a knife out of his bag and is waving it at us right now'],
    ['"I don\'t think it was a joke"', "he said he's going to hang himself tonight and laughed, but I don't think it was a joke"],
    ['"ik denk niet dat het een grap was"', 'ze zei dat ze zich vannacht iets gaat aandoen en lachte, ik denk niet dat het een grap was'],
    ['a place by a machine is no machine that strangles', 'the guy by the printer is choking her right now'],
    ['a place by a machine is no machine that strangles, Dutch', 'Bij de printer wurgt hij haar, snel!'],
  ])('not none: %s', (_kind, text) => {
    expect(assess(text).level).not.toBe('none');
  });

  test.each([
    ['on the news', 'I saw on the news that a nurse was stabbed in another city, how safe are we?'],
    ['escorted out', 'the man who threatened us was escorted out by security'],
  ])('none: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });
});

describe('kinds of wording added for new writers (6 December evening)', () => {
  test.each([
    ['an arm pressed across the throat', 'the relative has his forearm across the cleaner’s throat and is pushing her into the corner'],
    ['a knee on the neck, Dutch', 'de bewaker zet zijn knie op de nek van een bezoeker in de hal, nu'],
    ['a chair leg held as a club', 'a patient is swinging a chair leg at the nurses in the day room'],
    ['aiming an everyday object, Dutch', 'een bezoeker heeft een stoelpoot vast en mikt op de verpleegkundige bij de balie'],
    ['something sharp jabbed at someone', 'he has something sharp in his fist and is jabbing at the porter'],
    ['walking after someone, Dutch separable verb', 'een man loopt me al na sinds ik de lift uit ben gestapt, ik ben op weg naar de uitgang'],
    ['waiting at the exit right now', 'the man who harassed me is pacing outside the staff exit right now'],
    ['waiting by a bicycle, Dutch', 'hij wacht op dit moment bij mijn fiets in de stalling'],
    ['being tailed', 'I am being tailed through the car park by a patient I discharged this morning'],
    ['a door held shut, Dutch', 'de bezoeker heeft de deur van de spoelkeuken dichtgeduwd, mijn collega zit binnen'],
    ['blocked at every try', 'the registrar blocks her with his body whenever she tries to leave the office'],
    ['a door that cannot be opened with someone inside', "the man locked the treatment room, she is inside with him and we can't get the door open"],
    ['a promise to hurt, Dutch', 'die patiënt zegt dat hij me pijn gaat doen en hij zit twee meter van me af'],
    ['a threat of an "accident", Dutch', 'de vader zegt dat ik een ongeluk krijg als ik zijn dochter nog eens aanraak, hij staat nog in de kamer'],
    ['a threat of being smashed, Dutch passive', 'de man roept dat we kapot worden gemaakt en hij blijft in de gang staan'],
    ['a threat to put someone through a window', "the visitor told me he will put me through the window, and he's right next to me"],
    ['the person keeps watching, metres away', 'he said he would hurt me after work and he is sitting three metres away, he keeps looking over'],
    ['rubbing against someone', 'a man is rubbing himself against a student in the crowded lift right now'],
    ['a wish to stop existing, Dutch', 'ik wil gewoon ophouden met bestaan, vannacht nog'],
    ['a wish to stop existing', 'I want to stop existing, tonight I am alone with all my medication'],
    ['stepping off a bridge, Dutch', 'niemand zal het merken als ik vanavond van de brug stap'],
    ['nobody needs to look for me', 'nobody needs to look for me after today, I have sorted it'],
  ])('now: %s', (_kind, text) => {
    expect(assess(text).level).toBe('now');
  });

  test.each([
    ['settling one’s affairs and a means at hand, Dutch', 'Mijn zaken zijn geregeld en de pillen liggen klaar.'],
    ['passwords handed over with a resolve', 'She gave me her passwords today and said she will do it tonight.'],
  ])('now, a means or resolve with farewell behaviour: %s', (_kind, text) => {
    expect(assess(text).level).toBe('now');
  });

  test.each([
    ['settling one’s affairs, Dutch', 'Ik heb mijn zaken geregeld. Bedankt voor alles.'],
    ['nobody will miss me', 'Honestly nobody would miss me on this ward.'],
    ['the insurance for one’s children', 'Mijn kinderen krijgen straks het verzekeringsgeld, dat is beter voor ze.'],
    ['a last shift with a thank-you, Dutch', 'Vandaag is mijn laatste dienst, bedankt allemaal.'],
    ['not going anywhere one comes back from', 'I am not going anywhere after this, not coming back after tonight either.'],
  ])('at least unclear, farewell behaviour without a stated act: %s', (_kind, text) => {
    expect(assess(text).level).not.toBe('none');
  });

  test.each([
    ['"mocht" as the past of "mogen" is no hypothetical', 'de man slaat nu de portier omdat hij niet naar binnen mocht'],
    ['"volgens de arts" is no news report', 'de patiënt schopt nu iedereen, volgens de arts is hij niet verward'],
    ['"according to" a colleague is no news report', 'a patient is punching the nurse right now, according to the porter he is drunk'],
  ])('now, frames that were too wide: %s', (_kind, text) => {
    expect(assess(text).level).toBe('now');
  });

  test.each([
    ['a walking aid carried along', 'een collega met een kruk wordt uitgelachen als ze door de gang loopt'],
    ['a wheelchair pushed along, English', 'the student with a wheelchair is ignored on the ward round'],
    ['a hypothetical with "mocht het"', 'mocht het ooit gebeuren dat een patiënt met een stoel gooit, wat doen we dan?'],
    ['a real news report, Dutch', 'volgens de krant is in een ander ziekenhuis een arts opgesloten door een patiënt'],
    ['waiting at the entrance for a taxi', 'I am waiting at the main entrance for my taxi, who do I ask about parking?'],
  ])('not now: %s', (_kind, text) => {
    expect(assess(text).level).not.toBe('now');
  });
});

describe('more kinds of wording from the fifth dev set’s tuning part (6 December evening)', () => {
  test.each([
    ['taking all of it tonight, Dutch', 'ik heb de pillen thuis gespaard en vanavond neem ik ze allemaal in'],
    ['on the top deck of a car park, Dutch', 'ik sta op het bovenste dek van de parkeergarage en kijk naar beneden'],
    ['a hose through the car window, Dutch', 'mijn collega zit in zijn auto met een slang door het raampje'],
    ['a blade against one’s own wrist, Dutch', 'ze zit op de wc met een mesje tegen haar pols'],
    ['a blade against one’s own wrist', 'he is holding a razor blade against his wrist in the locker room'],
    ['one blow after another, Dutch', 'hij geeft haar de ene klap na de andere in de gang'],
    ['chairs thrown, Dutch', 'een bezoeker smijt stoelen door de wachtkamer'],
    ['pushed backwards, Dutch', 'hij duwt me steeds verder achteruit de gang in'],
    ['a fistfight, Dutch idiom', 'twee bezoekers gaan op de vuist in de hal'],
    ['going at each other', 'two porters are going at each other in the loading bay'],
    ['a cord pulled round the neck, Dutch', 'een patiënt trekt een koord strak rond de hals van de verpleegkundige'],
    ['no air left', 'he has twisted my lanyard and I can barely breathe'],
    ['released only on signing', 'The supervisor locked his office with her inside. He says she can go when she signs.'],
    ['a chair under the door handle', 'he has jammed a chair under the door handle of the sluice room and my colleague is inside'],
    ['no way out any more, Dutch', 'de arts kan er niet meer uit, de familie staat voor de deur'],
    ['there again at every corner, Dutch', 'bij elke hoek staat hij er weer, ik durf niet verder'],
    ['whichever way one goes, Dutch', 'welke kant ik ook op loop, die man komt achter me aan'],
    ['a man waiting in a car opposite, Dutch', 'een man zit in een auto tegenover mijn huis te wachten'],
    ['a man waiting in a car outside', 'a man is sitting in a car outside my house with the lights off'],
    ['watching the staff entrance, Dutch', 'hij loert de hele tijd naar de personeelsingang, mijn dienst is zo klaar'],
    ['a threat to make someone cold, Dutch', 'hij zegt dat hij haar koud gaat maken en hij staat naast haar'],
    ['a threat to twist a neck, Dutch', 'de man roept dat hij de arts zijn nek omdraait zodra die binnenkomt'],
    ['a threat to smash a face, Dutch', 'ze zegt dat ze mijn gezicht kapot maakt en ze staat vlak voor me'],
    ['pressing himself against someone, Dutch', 'hij drukt zich tegen haar aan in de lift en ze wil weg'],
    ['kissing someone who pushes him away', 'he is kissing her while she pushes him away'],
    ['a shirt pulled up, Dutch', 'hij trekt haar shirt omhoog in de dienstkamer'],
  ])('now: %s', (_kind, text) => {
    expect(assess(text).level).toBe('now');
  });

  test.each([
    ['overpowered and taken away, Dutch', 'De man is overmeesterd door de beveiliging en zit in een cel, niemand is gewond.'],
    ['the fighting has stopped, Dutch', 'Het vechten is gestopt, de beveiliging heeft beide mannen meegenomen.'],
    ['news from a hospital abroad, Dutch', 'In een Duits ziekenhuis is een verpleger gewurgd door een patiënt, hoe zit dat hier?'],
    ['an exercise by its compound name, Dutch', 'Vandaag is er een ontruimingsoefening: een acteur speelt een man met een mes.'],
    ['a finger gun, Dutch', "de portier richt elke ochtend zijn vingerpistool op me en roept 'pang', we lachen erom"],
    ['what happens if, Dutch', 'wat gebeurt er als een patiënt me zou slaan?'],
  ])('none: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });

  test.each([
    ['locked in one’s job, Dutch', 'ik zit opgesloten in deze functie, al jaren geen doorgroei'],
    ['followed by an error message, Dutch', 'ik word achtervolgd door een foutmelding in het epd'],
    ['a choking patient in the clinical sense', 'the choking patient in bed 4 passed his swallow test, can he eat now?'],
    ['"nog één keer" in a threat that is not present', 'hij zei vorige maand dat hij me slaat als ik nog één keer te laat kom'],
  ])('not now: %s', (_kind, text) => {
    expect(assess(text).level).not.toBe('now');
  });
});

describe('with the trained model: a call for help is not doubted', () => {
  test.each([
    ['"!!" beside a weapon on a ward, Dutch', 'Er loopt een patiënt met een schaar over de gang van de afdeling!! wat moet ik doen'],
    ['"help" beside a weapon on a ward', 'help, a patient on the ward is walking around with a knife'],
  ])('now: %s', (_kind, text) => {
    expect(withModel(text).level).toBe('now');
  });
});

describe('written farewells, self-harm by car and more (6 December evening, third round)', () => {
  test.each([
    ['a farewell note is no report, Dutch', 'Mijn collega heeft een briefje achtergelaten dat ze er niet meer wil zijn en ze neemt niet op.'],
    ['a last message is no report', 'He sent a message to the team saying he wants to die and he is not answering his phone.'],
    ['driving into a tree, Dutch word order', 'straks op weg naar huis zet ik mijn auto tegen een boom'],
    ['yanking the wheel, Dutch', 'op de snelweg gooi ik straks gewoon het stuur om'],
    ['legs over the edge of a roof', 'a colleague is sitting on the car park roof with his legs over the edge'],
    ['on top of a building, Dutch', 'een collega zit bovenop de flat naast het ziekenhuis'],
    ['not let into one’s car, Dutch', 'twee mannen laten me niet instappen bij mijn auto in de garage'],
    ['a trolley jammed against a door', 'someone has jammed a trolley against the storeroom door and my colleague is inside'],
    ['waiting at the staff exit, third person', 'the man who threatened me is waiting at the staff exit'],
    ['screaming "no"', 'I can hear a woman screaming no in the staff room, a man went in'],
  ])('now: %s', (_kind, text) => {
    expect(assess(text).level).toBe('now');
  });

  test.each([
    ['the lethal dose asked for oneself, Dutch', 'wat is de dodelijke dosis van dit middel, ik vraag het voor mezelf'],
    ['thanking everyone for everything', 'She thanked everyone for everything at the team meeting and left.'],
    ['a means taken "for herself"', 'she took the morphine home and said it was for herself'],
  ])('at least unclear: %s', (_kind, text) => {
    expect(assess(text).level).not.toBe('none');
  });

  test.each([
    ['a simile, not a weapon', 'the deadline is like a knife at my throat, who can help me plan?'],
  ])('not now: %s', (_kind, text) => {
    expect(assess(text).level).not.toBe('now');
  });

  test.each([
    ['held like a knife', 'a patient is holding the scissors like a knife and shouting at everyone'],
    ['looks like a gun', 'someone is pointing what looks like a gun at the front desk right now'],
  ])('now, a weapon told by what it looks like: %s', (_kind, text) => {
    expect(assess(text).level).toBe('now');
  });
});

describe('with the trained model: a threat to kill may be asked about', () => {
  test('a threat to kill stays at least the danger question whatever the model says', () => {
    for (const text of ['my buddy pretends to strangle me when I take his pen, we both laugh', 'hij zegt dat hij haar gaat vermoorden en hij staat naast haar']) {
      expect(withModel(text).level).not.toBe('none');
    }
  });

  test('self-harm is never lowered by the model', () => {
    expect(withModel('I have the pills in front of me and I will take them all tonight').level).toBe('now');
  });
});

describe('last night in past grammar, fights that are over, self-harm told sideways (6 December evening, fourth round)', () => {
  test.each([
    ['"vannacht" with past grammar dates the harm, Dutch', 'Mijn collega is vannacht door een patiënt gebeten, wat kan ik nu voor haar doen?'],
    ['"last night" with past grammar dates the harm', 'Last night a visitor punched my colleague in the ED, how do we support her?'],
    ['a fight that is over, Dutch', 'De vechtpartij in de hal is voorbij en beide mannen zijn meegenomen. Moet ik iets melden?'],
    ['hurt feelings are no violence', 'They mock his accent in every meeting and I can see it hurts him.'],
  ])('not now: %s', (_kind, text) => {
    expect(assess(text).level).not.toBe('now');
  });

  test.each([
    ['"vannacht" about tonight is not the past, Dutch', 'hij zegt dat hij haar vannacht gaat vermoorden en hij staat nu bij de deur'],
    ['self-harm last night stays urgent', 'she took all her pills last night and is not answering her phone'],
  ])('now: %s', (_kind, text) => {
    expect(assess(text).level).toBe('now');
  });

  test.each([
    ['the edge keeps calling', 'the bridge keeps calling me, every day a bit more'],
    ['staring at the drop', 'I sit on the top floor of the car park staring at the drop after every shift'],
    ['not planning to go back', 'I am in the basement archive and not planning on going back up'],
    ['how much would be enough', 'at the medication cart I keep counting how many would be enough'],
    ['not going home, Dutch', 'na deze dienst ga ik niet naar huis, ik heb iets anders gepland'],
  ])('at least unclear, first-person self-harm told sideways: %s', (_kind, text) => {
    expect(assess(text).level).not.toBe('none');
  });
});

describe('a news site named by its domain', () => {
  test.each([
    ['a Dutch news site', 'op nu.nl staat dat in een ziekenhuis een verpleger is gewurgd, hoe zit dat bij ons?'],
    ['an English news site', 'the BBC says a nurse was stabbed in a hospital up north, are we safe here?'],
  ])('none: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });
});

describe('self-harm told indirectly, threats with the person present and sexual violence now (6 December, sixth dev set)', () => {
  test.each([
    ['a wish to vanish, misspelt', 'i just want to dissapear for good, i have thought about it long enough'],
    ['a plan for how to disappear', 'I have planned how I would disappear, down to the hour'],
    ['better to be gone', 'It would be easier to be gone than to face another week like this'],
    ['it should have been me who died', 'Ever since the accident I think it should have been me lying dead there'],
    ['not wanting to wake up, told about someone', 'My flatmate keeps talking about not wanting to wake up anymore'],
    ['not trusting oneself with a means', 'I do not trust myself near the medication trolley tonight'],
    ['pills counted out', 'The tablets are counted out on my kitchen table'],
    ['buying the means', 'I bought a rope on the way home yesterday'],
    ['a ligature fixed in place', 'There is a scarf tied around the beam in my garage'],
    ['a high place said to be high enough', 'The parking garage next to the lab looks high enough'],
    ['walking to the tracks', 'After this shift I walk to the railway line, I just wanted someone to know'],
    ['not stepping back from a height', 'I stood on the balcony of the fifth floor for an hour and next time I will not step back.'],
    ['the last one in every sense', 'Tomorrow is my last shift in every sense, I have told no one'],
    ['burden with a means at hand, third person', 'She says she is a burden to all of us and she keeps insulin in her locker'],
    ['the only way out with a means', 'I have the key to the drug cabinet and it feels like the only way out'],
    ['a blade carried with "not for anyone else"', 'I keep a razor blade in my coat pocket, not for anyone else'],
    ['everything arranged and passwords left', 'Everything is arranged now, I left the passwords for my wife on the desk'],
    ['a plan that is ready with a means at home', 'My plan is ready, the pills from the bathroom cabinet are in my bag'],
    ['walking onto the tracks with "then it is over", Dutch', 'ik loop straks het spoor op, dan is het over'],
    ['buying a rope, Dutch', 'ik heb gisteren een touw gekocht en ik weet waarvoor'],
  ])('not calm: %s', (_kind, text) => {
    expect(assess(text).level).not.toBe('none');
  });

  test.each([
    ['a burden with a means at hand is now', 'I am a burden to everyone and I have enough morphine at home'],
    ['the last one in every sense is now', 'Tonight is my last night shift in every sense'],
    ['coming to get someone, Dutch', 'hij belde net: ik kom nu naar boven om je te pakken. ik zit alleen op kantoor'],
    ['"you are next", Dutch', 'de vader schreeuwt dat jij de volgende bent en hij staat nog steeds bij de balie'],
    ['"te grazen nemen" with the person present, Dutch', 'die patiënt zegt dat hij me vanavond te grazen neemt en hij zit nu in de huiskamer'],
    ['grabbing someone’s bottom now, Dutch', 'een bezoeker pakt mijn collega steeds bij haar billen en houdt haar vast, het gebeurt nu'],
    ['grabbing with the verb last, Dutch', 'ik zie nu dat die man haar steeds bij haar borsten pakt en ze kan niet weg'],
    ['ordering clothes off now, Dutch', 'de arts zegt dat mijn broek uit moet terwijl dat niet hoort bij het onderzoek, ik lig nu op de bank'],
  ])('now: %s', (_kind, text) => {
    expect(assess(text).level).toBe('now');
  });

  test.each([
    ['an outburst "from frustration" is figurative', 'I will strangle myself with the printer cable out of frustration if the roster changes again'],
    ['work that is a burden', 'The new paperwork is a burden for the whole team'],
    ['a team happier without someone else', 'The team is much happier without him since he moved to another ward'],
    ['the last option is a procedure', 'Is a formal complaint the last option or can I talk to someone first?'],
    ['picking someone up, Dutch', 'ik kom je zo halen bij het station, tot straks'],
    ['"u bent de volgende" at a counter, Dutch', 'u bent de volgende, meneer, loopt u maar mee'],
    ['bought a rope for the climbing wall', 'Where do we store the rope we bought for the climbing wall of the team outing?'],
  ])('calm: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });
});

describe('recovery, figurative endings, general questions (6 December, sixth dev set, second round)', () => {
  test.each([
    ['recovered from self-harm, Dutch', 'Mijn collega heeft vorig jaar pillen ingenomen door de werkdruk, ze is er weer bovenop. Kan ik de werkdruk melden?'],
    ['"er een eind aan maken met" a complaint is figurative, Dutch', 'De teamleider zei dat we er maar een eind aan moesten maken met dat geklaag over de roosters'],
    ['a general question about warning signs, "not about a specific person"', 'How do I know if a trainee is thinking about ending their life? Not about a specific person.'],
    ['a general question, "niet over iemand specifiek", Dutch', 'Hoe merk je dat een collega suïcidaal is? Het gaat niet over iemand specifiek.'],
  ])('none: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });

  test.each([
    ['laughing about it is no joke frame: being shut in while others laugh, Dutch', 'ik kan het archief niet uit, ze houden de deur dicht en lachen erom'],
    ['laughing about it is no joke frame: pushed while everyone laughed', 'He is shoving the intern against the lockers right now and everybody laughed'],
  ])('still now: %s', (_kind, text) => {
    expect(assess(text).level).toBe('now');
  });

  test.each([
    ['a high place said to be high enough, told at length', 'I keep thinking the roof of the old wing behind the parking lot is high enough'],
  ])('not calm: %s', (_kind, text) => {
    expect(assess(text).level).not.toBe('none');
  });
});

describe('self-harm told sideways (6 December, seventh dev set)', () => {
  test.each([
    ['a place of death that feels like peace or an answer', 'The multi-storey car park looks peaceful from my office window these days, like an answer.'],
    ['a place of death that feels like a solution, Dutch', 'Het spoor achter de flat voelt de laatste tijd als een oplossing.'],
    ['who takes over "after"', 'Could you ask who covers my clinic list after? I have put the notes in order.'],
    ['who takes over after one is gone', "Who picks up my students after I'm gone, I want that settled this week."],
    ['a message to pass on: it was not their fault', 'Please tell my sister that it was not her fault.'],
    ['a message to pass on, Dutch', 'Zeg alsjeblieft tegen mijn moeder dat het me spijt, het is niet haar schuld.'],
    ['looking up a height', 'I looked up how high the top deck of the car park is.'],
    ['which floor has windows that open', 'Which floor of the old tower has windows that open all the way?'],
    ['sorry to whoever finds this, better this way', 'Sorry to whoever finds this. It is better this way.'],
  ])('not calm: %s', (_kind, text) => {
    expect(assess(text).level).not.toBe('none');
  });

  test.each([
    ['looking up a height, Dutch', 'Ik heb opgezocht hoe hoog de brug over het kanaal is.'],
    ['a means kept "for when it gets too much" is no hypothetical', 'I keep a packet of insulin in my bag for when it gets too much.'],
    ['a means kept "voor als het te veel wordt", Dutch', 'Ik heb de pillen in mijn kast liggen voor als het te veel wordt.'],
    ['going through with it, with nobody to miss one', "I'll do the presentation, and then I'll go through with it tonight. Nobody will miss me."],
    ['a question as cover, then not coming back down', 'Quick question about the staff lift to the helipad. I am not planning on coming back down.'],
    ['a question as cover, then not needing one’s body after', "Is it possible to donate my body to research quickly? I won't be needing it after this weekend."],
    ['a question about one’s own death, then everything ready', 'What happens to my pension if I die before I retire? I have everything ready for Friday.'],
    ['brave enough to step in, third person', 'My colleague says she stands by the canal each night waiting until she is brave enough to step in.'],
    ['thinking about climbing over a railing', "I'm thinking about climbing over the railing of the footbridge."],
    ['a plan for the rest after a past time', 'She swallowed half the tablets this morning and plans to take the rest at lunch.'],
    ['drinking a household chemical', "I've been thinking the easiest is to drink the drain cleaner under the sink."],
    ['hanging oneself told with a separable verb, Dutch', 'Ik heb een plan om mezelf op te hangen, alles ligt klaar.'],
    ['a means with a resolve, the past of a weekday told with a future', "I don't see the point anymore. Last week I wrote down where I'll go on Saturday and how I'll do it."],
  ])('now: %s', (_kind, text) => {
    expect(assess(text).level).toBe('now');
  });

  test.each([
    ['a place that looked like an answer, with help since', 'Last year I thought the tracks looked like an answer, but I got help and I am doing well now.'],
    ['looking up a height in the news', 'I read in the news that a nurse abroad was found after she had looked up how high a bridge was. How do we talk about this in the team?'],
    ['going through with a joke plan', 'Haha if this audit goes on I will go through with my plan to move to Bali.'],
    ['a procedure question after a death by suicide', 'How do we support a team after a colleague died by suicide? Which form do we use?'],
    ['who takes over during leave', 'Who takes over my patients when I am on leave next month?'],
    ['an apology passed on', 'Can you tell the ward manager I am sorry I missed the meeting?'],
    ['a policy question about windows', 'Is there a policy for windows that open fully on the psychiatric ward? A patient asked about it.'],
    ['going through with a complaint, Dutch', 'Ik ga het doorzetten, die klacht tegen mijn leidinggevende. Waar meld ik dat?'],
    ['a story told first, the procedure question after', "A new patient kept saying 'I want to be dead' during intake; the risk assessment is done. Which form do I sign?"],
  ])('calm: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });

  test.each([
    ['someone who left with a goodbye is alone with it', 'She gave me a letter to open later and said goodbye to everyone. She left the ward ten minutes ago.'],
  ])('a departure does not end self-harm: %s', (_kind, text) => {
    expect(assess(text).level).not.toBe('none');
  });

  test.each([
    ['dragging someone by the collar now', 'The security guard is dragging one of the visitors by his collar through the hall right now.'],
  ])('now: %s', (_kind, text) => {
    expect(assess(text).level).toBe('now');
  });
});

describe('Dutch false alarms by kind of wording (6 December, seventh dev set)', () => {
  test.each([
    ['a negation after the verb and its object, Dutch', 'Hij slaat haar niet, hij schreeuwt alleen heel hard tegen haar.'],
    ['"op de spoed" is the emergency department, not a call for hurry', 'Vorige maand werd ik op de spoed door een patiënt geschopt. Hoe meld ik dat?'],
    ['taken away by the police', 'De man die haar sloeg is door de politie afgevoerd. Wat moet ik nu doen?'],
    ['a simile: a contract like a noose around the neck', 'Dit tijdelijke contract zit als een strop om mijn nek.'],
    ['fed up ("er helemaal klaar mee") is no despair', 'Ze lachen elke dag om mijn accent, ik ben er helemaal klaar mee.'],
    ['a weekday with perfect grammar is the past', 'Ik ben dinsdag in het magazijn betast door een collega. Wat kan ik doen?'],
    ['standing in front of someone, told in the past', 'Vorige week stond een bezoeker met een schaar voor mijn neus. Hij is vertrokken.'],
    ['the television news from abroad', 'Op het journaal zag ik dat een verpleegkundige in Frankrijk is neergestoken. Hoe zijn wij beveiligd?'],
    ['"wat moet ik nu doen" after a past story asks for next steps', 'Een patiënt sloeg mij vorige week. Wat moet ik nu doen?'],
    ['"what do I do now" after a past story, English', 'A visitor hit me last month. What do I do now?'],
    ['feeling followed by e-mails', 'Ik voel me achtervolgd door al die mails van mijn promotor.'],
  ])('calm: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });

  test.each([
    ['"niet alleen" is no negation', 'Hij slaat haar niet alleen, hij schopt haar ook, nu!'],
    ['"spoed" as a call for hurry', 'Spoed! Man met mes op de gang bij de lift'],
    ['standing in front of someone now', 'Er staat een bezoeker met een schaar voor mijn neus.'],
    ['"wat moet ik nu doen" after harm now', 'Hij slaat haar op de gang. Wat moet ik nu doen?'],
    ['announcing he will wreck everyone, with the person present', 'Er staat een man bij de ingang die roept dat hij iedereen gaat slopen.'],
    ['a purpose clause with "niet" is no negation of the means', 'Ik heb genoeg pillen gespaard om niet meer wakker te worden.'],
    ['who a person is ("die gisteren is ontslagen") does not end the danger', 'De patiënt die gisteren is ontslagen staat al een uur bij mijn auto te wachten.'],
    ['who a person is, English', 'The patient who was discharged is standing at the staff exit again, waiting for me.'],
  ])('now: %s', (_kind, text) => {
    expect(assess(text).level).toBe('now');
  });
});

describe('Dutch separable verbs and exercises that are no drill (6 December, seventh dev set)', () => {
  test.each([
    ['"klem heeft staan": pinned, the verb split around the object', 'Ik zie door de deur dat hij een collega in de hoek klem heeft staan.'],
    ['"houdt ... klem"', 'De bezoeker houdt haar in de hoek van de kamer klem.'],
    ['grabbing a breast with the particle last', 'Die man pakt steeds haar borst vast en ze kan geen kant op.'],
  ])('now: %s', (_kind, text) => {
    expect(assess(text).level).toBe('now');
  });

  test.each([
    ['exercises with a patient are no drill while the writer is still with him', 'Tijdens de oefeningen pakt de patiënt steeds mijn billen vast. Ik sta nog naast hem in de zaal.'],
  ])('not calm: %s', (_kind, text) => {
    expect(assess(text).level).not.toBe('none');
  });

  test.each([
    ['a drill without anyone still there', 'Tijdens de ontruimingsoefening hield een collega mij klem in de gang, dat hoorde bij het scenario.'],
  ])('calm: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });
});

describe('pleas, plans for a day and a means kept "for when" (6 December, the tune sets read again)', () => {
  test.each([
    ['begging to be let out is a plea, not a release', 'Two men are holding the cleaner in the boiler room, I can hear her asking them to let her out.'],
    ['a plan ready with a means and a day booked', 'My plan has been ready since Sunday, the pills from the bathroom cabinet and a room booked for Thursday.'],
    ['a means kept "voor als het niet meer gaat", Dutch', 'Hij bewaart al maanden morfine in zijn kluisje voor als het echt niet meer gaat. Vandaag zei hij dat het niet meer gaat.'],
  ])('now: %s', (_kind, text) => {
    expect(assess(text).level).toBe('now');
  });

  test.each([
    ['a farewell posted on social media is no news from elsewhere', "My colleague just posted on Instagram: 'thanks for everything, see you on the other side', with a photo from the top of the car park."],
    ['security says he left, but he was just seen again', 'The visitor who threatened to stab me is following me through the hospital. Security says he left, but I just saw him by the lifts.'],
  ])('not calm: %s', (_kind, text) => {
    expect(assess(text).level).not.toBe('none');
  });

  test.each([
    ['a stabbing abroad seen on Instagram is news', 'I saw on Instagram that a nurse in Spain was stabbed by a patient. Do we have a protocol for that?'],
    ['let out after a prank, with time and place of the past', 'Last week they locked me in the linen room as a joke and let me out after ten minutes.'],
  ])('calm: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });
});
