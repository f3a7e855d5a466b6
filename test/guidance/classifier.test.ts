import path from 'node:path';
import { loadContent, type Content } from '../../src/content/loadContent';
import { createClassifier, type Classifier, type ClassifierInternals } from '../../src/guidance/classifier';
import { evaluateClassifier, floorsMissed, isUrgent, type ClassifierReport, type Floors, type LabelledQuestion } from '../../src/guidance/classifierEvaluation';
import { HARM_KINDS } from '../../src/guidance/classifier/dangerKinds';
import { INTENTS, LOCALES, PERSPECTIVES, TOPICS, type Locale } from '../../src/guidance/vocabulary';
import { EVALUATION_SETS, LEARNING_MODELS, readQuestions, setNamed, TUNE_SETS, tuneSetsOf, type SetRole } from '../../scripts/evaluationSets';

const root = path.resolve(__dirname, '..', '..');

const testSet = readQuestions(setNamed('labelled').file);
const devSet = readQuestions(setNamed('olddev').file);

let content: Content;
let classifier: Classifier & ClassifierInternals;
let testReport: ClassifierReport;
let devReport: ClassifierReport;

beforeAll(async () => {
  content = loadContent(path.join(root, 'content'));
  classifier = await createClassifier(content.nlu, content.dangerCues, content.nluExamples, content.trainedModels, content.realWords);
  testReport = await evaluateClassifier(classifier, testSet);
  devReport = await evaluateClassifier(classifier, devSet);
}, 120_000);

describe('the issue\'s reference examples', () => {
  test.each([
    ['My colleague keeps making sexual remarks to the new intern, should I say something?', 'en', 'guidance', 'sexual-harassment', 'witness', false],
    ['Ik word in de groepsapp steeds belachelijk gemaakt', 'nl', 'guidance', 'bullying', 'target', false],
    ['Er wordt nu iemand geslagen op de SEH', 'nl', 'guidance', 'aggression', 'witness', true],
    ['Someone said my comment about her accent was racist, how do I fix this?', 'en', 'guidance', 'discrimination', 'accused', false],
    ['A student in my group told me the supervisor threatens her grade unless she stays late', 'en', 'guidance', 'abuse-of-power', 'witness', false],
    ['Hoe kan ik een melding maken?', 'nl', 'report', null, null, false],
    ['I need to talk to someone', 'en', 'talk', null, null, false],
    ['gedragscode', 'nl', 'code-of-conduct', null, null, false],
  ] as const)('%s', async (text, locale, intent, topic, perspective, urgent) => {
    const { likelyTopics: _likelyTopics, ...classification } = await classifier.classify(text);
    expect(classification).toEqual({ locale, intent, topic, perspective, urgent, danger: urgent ? 'now' : 'none' });
  });

  test('a forced locale is kept, and a Teams locale decides when the text does not tell', async () => {
    expect((await classifier.classify('gedragscode', { locale: 'en' })).locale).toBe('en');
    expect((await classifier.classify('gedragscode', { fallbackLocale: 'en' })).locale).toBe('en');
  });
});

describe('topic and perspective by kind of wording (the error kinds of issue 11)', () => {
  test.each([
    ['an admission makes the writer the accused', "I copied two pages from a colleague's report into mine without saying so, what now?", 'research-integrity', 'accused'],
    ['an admission makes the writer the accused (nl)', 'Ik heb stukken overgenomen uit een artikel zonder bronvermelding', 'research-integrity', 'accused'],
    ['a head of department told by staff is a manager', 'As head of department I heard from two nurses that a surgeon shouts at them', 'aggression', 'manager'],
    ['a team leader whom staff come to is a manager (nl)', 'Ik ben teamleider en een verpleegkundige kwam bij me met een klacht over pesten', 'bullying', 'manager'],
    ['mockery of an identity is discrimination', 'A consultant keeps mocking a nurse for her accent and calls her names', 'discrimination', 'witness'],
    ['mockery of an identity is discrimination (nl)', 'Een collega wordt steeds uitgelachen om zijn afkomst en ze noemen hem de Turk', 'discrimination', 'witness'],
    ['sexual touching with force is sexual harassment', 'A resident pinned me against the cupboard and groped me last week', 'sexual-harassment', 'target'],
    ['sexual touching with force is sexual harassment (nl)', 'Een arts drukte me vorige week tegen de kast en betastte me', 'sexual-harassment', 'target'],
    ['a threat to hurt is aggression', 'Last week a visitor said he would break my legs', 'aggression', 'target'],
    ['a threat to hurt is aggression (nl)', 'Vorige week zei een collega dat hij me een klap verkoopt', 'aggression', 'target'],
    ['"my own eyes" is a witness, not a target', 'I saw it with my own eyes: a manager humiliated a secretary in the meeting', 'bullying', 'witness'],
    ['"mijn eigen ogen" is a witness, not a target (nl)', 'Met mijn eigen ogen zag ik hoe de opleider een coassistent uitschold', 'aggression', 'witness'],
    ['a chat spelling of "mij" is the writer as the object (nl)', 'Een collega scheldt mie elke dienst uit', 'aggression', 'target'],
  ])('%s', async (_kind, text, topic, perspective) => {
    const classification = await classifier.classify(text);
    expect({ topic: classification.topic, perspective: classification.perspective, danger: classification.danger }).toEqual({ topic, perspective, danger: 'none' });
  });
});

describe('a topic word counts only for what it names, not for an everyday word with the same stem', () => {
  const topicTermsOf = (text: string, locale: 'nl' | 'en') =>
    classifier.explain(text, locale).matchedTerms.filter((term) => term.startsWith('topic:')).map((term) => term.split(':')[1]);
  test.each([
    ['a wrist is no nationality ("pols", not "Pools")', 'Een bezoeker greep mijn pols en draaide hem om', 'nl', 'discrimination'],
    ['the dialect\'s "dij" is "die", not a thigh', 'Dij collega schold mie uit in de gang', 'nl', 'sexual-harassment'],
    ['"andere" is no favouritism', 'Ze behandelen de andere stagiairs gewoon normaal', 'nl', 'abuse-of-power'],
    ['a suggestion ("stel") is no theft', 'Stel dat een collega iets zegt over mijn werk, wat dan?', 'nl', 'other-integrity'],
  ] as const)('%s', (_kind, text, locale, notTopic) => {
    expect(topicTermsOf(text, locale)).not.toContain(notTopic);
  });

  test.each([
    ['a thigh named with whose it is', 'Hij legde zijn hand op mijn dij', 'nl', 'sexual-harassment'],
    ['a Polish colleague', 'Ze noemen hem steeds de luie Pool', 'nl', 'discrimination'],
  ] as const)('still: %s', (_kind, text, locale, topic) => {
    expect(topicTermsOf(text, locale)).toContain(topic);
  });
});

describe('a deed the message denies is not its topic; the behaviour it does name is', () => {
  const topicTermsOf = (text: string, locale: 'nl' | 'en') =>
    classifier.explain(text, locale).matchedTerms.filter((term) => term.startsWith('topic:')).map((term) => term.split(':')[1]);
  test.each([
    ['Hij heeft haar niet geslagen', 'nl', 'aggression', false],
    ['Er was geen mes, het was een pen', 'nl', 'aggression', false],
    ['He never touched her', 'en', 'sexual-harassment', false],
    ['There was no knife in his hand', 'en', 'aggression', false],
    // A negation that says it goes on, or stands further away, denies nothing.
    ['The porter did not stop hitting the visitor', 'en', 'aggression', true],
    ['Hij houdt niet op met slaan', 'nl', 'aggression', true],
    // A denied misconduct or outcome is still its topic: only deeds of aggression and sexual harassment are denied.
    ['I did not copy her paragraphs, but the committee says I plagiarised', 'en', 'research-integrity', true],
    ['Ik krijg geen verlenging als ik blijf klagen', 'nl', 'abuse-of-power', true],
  ] as const)('%s: %s matched %s', (text, locale, topic, matched) => {
    expect(topicTermsOf(text, locale).includes(topic)).toBe(matched);
  });

  test.each([
    ['Hij heeft haar niet geslagen, maar noemt haar wel steeds een domme buitenlander', 'discrimination'],
    ['He never touched her, but he keeps telling her that women do not belong in surgery', 'discrimination'],
    ['Er was geen mes, het was een pen, maar hij lacht haar uit om haar hoofddoek', 'discrimination'],
  ])('%s', async (text, topic) => {
    expect((await classifier.classify(text)).topic).toBe(topic);
  });
});

describe('mockery of an identity is discrimination even when it looks like bullying (lexicon.identities)', () => {
  test.each([
    ['laughing at a religious practice', 'en', 'The other porters keep laughing at Samir and hiding his prayer mat before his break', 'discrimination'],
    ['abuse shouted about a headscarf', 'en', 'A visitor shouted abuse at the receptionist about her headscarf until security came', 'discrimination'],
    ['imitating an accent and leaving someone out (nl)', 'nl', 'Ze doen steeds het accent van de nieuwe schoonmaker na en sluiten hem buiten bij de lunch', 'discrimination'],
    ['abuse shouted about skin colour (nl)', 'nl', 'Een bezoeker schreeuwde scheldwoorden naar de baliemedewerker over haar huidskleur', 'discrimination'],
    ['mockery without an identity stays bullying', 'en', 'They keep laughing at the new cleaner and hiding her coat every morning', 'bullying'],
    ['mockery without an identity stays bullying (nl)', 'nl', "Collega's lachen de nieuwe stagiair uit en verstoppen steeds zijn jas", 'bullying'],
    ['a blow stays aggression whatever the origin named', 'en', 'A patient punched the Polish nurse in the face yesterday', 'aggression'],
    ['a blow stays aggression whatever the origin named (nl)', 'nl', 'Een patiënt sloeg gisteren de Poolse verpleegkundige in haar gezicht', 'aggression'],
    // Told without the identity's name: being sent back to a country, a slur, what "a woman" may not do.
    ['sent back to her own country', 'en', 'A visitor shouted at our receptionist to go back to her own country', 'discrimination'],
    ['sent back to his country (nl)', 'nl', 'Een bezoeker schreeuwde tegen de schoonmaker dat hij terug naar zijn land moest', 'discrimination'],
    ['what women do not belong in', 'en', "A patient yelled at the nurse that women don't belong in medicine", 'discrimination'],
    ['what women do not belong in (nl)', 'nl', 'Op de OK zei de chirurg dat vrouwen niet in de chirurgie horen', 'discrimination'],
    ['praise "for a woman"', 'en', 'My supervisor keeps telling the new surgeon she stitches well for a woman', 'discrimination'],
    ['a slur for a nationality (nl)', 'nl', 'Een collega noemt de Duitse arts-assistent steeds een mof en lacht erom', 'discrimination'],
    ['Belgians mocked (nl)', 'nl', "De analisten noemen de Vlaamse stagiair 'ons domme Belgje' en doen zijn accent na", 'discrimination'],
    ['a place abroad is no identity (nl)', 'nl', 'Las op het nieuws dat er in een Belgisch ziekenhuis iemand is neergestoken', 'aggression'],
  ] as const)('%s', async (_kind, locale, text, topic) => {
    expect((await classifier.classify(text, { locale })).topic).toBe(topic);
  });
});

describe('unwanted sexual touching is sexual harassment even with force or cornering (lexicon.intimate)', () => {
  test.each([
    ['pinned and groped', 'en', 'A visitor pinned the cleaner against the lockers and grabbed her buttocks', 'sexual-harassment'],
    ['cornered and undressed', 'en', 'The porter cornered her in the lift and tried to pull up her skirt', 'sexual-harassment'],
    ['held and a skirt pulled (nl)', 'nl', 'Een bezoeker hield haar stevig vast en trok aan haar rok', 'sexual-harassment'],
    ['pressed and kissed (nl)', 'nl', 'De portier drukte me in de lift tegen de wand en kuste me', 'sexual-harassment'],
    ['force alone stays aggression', 'en', 'A patient grabbed the nurse by the arm and pushed her against the wall', 'aggression'],
    ['force alone stays aggression (nl)', 'nl', 'Een patiënt greep de verpleegkundige bij haar arm en duwde haar tegen de muur', 'aggression'],
    // Told by the clothes, without a sexual noun: a hand in, under or up them, clothes pulled at, torn or pulled down.
    ['gripped and a hand up a uniform', 'en', "The patient is gripping my arm so I can't get away and has his other hand up my uniform", 'sexual-harassment'],
    ['slammed and a hand down trousers', 'en', 'He slammed me against the lockers and shoved his hand down my trousers', 'sexual-harassment'],
    ['held and clothes ripped', 'en', 'Someone is holding a student against the wall in the basement and ripping her clothes, she is screaming', 'sexual-harassment'],
    ['pinned and scrubs pulled at', 'en', 'The man in room 4 grabbed my wrist, pinned me against the bed rail and pulled at my scrubs', 'sexual-harassment'],
    ['dragged and clothes pulled at (nl)', 'nl', 'De patiënt sleurt haar mee de badkamer in en trekt aan haar kleren, ze gilt', 'sexual-harassment'],
    ['pressed and a hand under a blouse (nl)', 'nl', 'Een bezoeker drukt de verpleegkundige tegen de muur en zit met zijn hand onder haar blouse', 'sexual-harassment'],
    // A hand forced towards the one who forces it.
    ['a wrist twisted and a hand forced to a lap', 'en', 'The visitor grabbed my hand, twisted my wrist and forced it towards his lap', 'sexual-harassment'],
    ['a head pushed towards a crotch (nl)', 'nl', 'Hij greep me bij mijn nek en duwde mijn hoofd naar zijn kruis', 'sexual-harassment'],
    // Following by someone whose attention is sexual: remarks about a body, love messages.
    ['followed with shouts about a body', 'en', 'He follows me through the car park every night, shouting comments about my body', 'sexual-harassment'],
    ['waited for and followed with shouts about a body (nl)', 'nl', 'Die schoonmaker wacht me elke avond op bij de uitgang en loopt me achterna terwijl hij roept over mijn lijf', 'sexual-harassment'],
    // Undressing of the one who holds someone down.
    ['held down by a man with his belt open', 'en', "A visitor had his belt open and was holding the arms of my patient down on the bed, telling her to keep still", 'sexual-harassment'],
    ['held down by a man with his trousers down', 'en', 'A patient is holding another patient down on the bed and has his trousers down', 'sexual-harassment'],
    ['pinned by a man with his belt undone (nl)', 'nl', 'Een bezoeker houdt haar tegen de muur vast en heeft zijn riem al los', 'sexual-harassment'],
    // Told the way the sixteenth set's writers told it: someone on top of someone, hands all over or into clothes, trousers
    // pulled down with words between, clothes opened, a mouth forced on a mouth.
    ['someone on top of her in the dark', 'en', 'A man is on top of her behind the bins in the car park and she is screaming', 'sexual-harassment'],
    ['cornered with hands all over her', 'en', 'The visitor has her cornered in the stall and his hands are all over her', 'sexual-harassment'],
    ['held and a hand pushed into a shirt', 'en', 'He held me from behind by the lockers and pushed his hand into my shirt', 'sexual-harassment'],
    ['held against a wall with her trousers pulled down', 'en', 'A man is holding a girl against the wall in the stairwell with her trousers pulled down', 'sexual-harassment'],
    ['pinned while he unbuttons her uniform', 'en', 'The patient pinned my arm to the bed rail and started unbuttoning my uniform', 'sexual-harassment'],
    ['pushed in and a uniform opened (nl)', 'nl', 'Hij duwt me de spoelkeuken in en maakt mijn uniform open', 'sexual-harassment'],
    ['pressed against a wall, his trousers open (nl)', 'nl', 'Een bezoeker drukt haar tegen de muur van de lift en zijn broek is al open', 'sexual-harassment'],
    ['held with hands under her coat (nl)', 'nl', 'Een man houdt een verpleegster vast bij de fietsen en zit met zijn handen onder haar jas', 'sexual-harassment'],
    ['a head held and a mouth forced on hers (nl)', 'nl', 'Hij pakte mijn gezicht vast en drukte zijn mond op de mijne, ik kon niet weg', 'sexual-harassment'],
    ['a pistol under his coat stays aggression (nl)', 'nl', 'Er zit een man in de wachtkamer met een pistool onder zijn jas', 'aggression'],
    // Groping told by where the hands go or grip: under a jacket, up under a tunic, over a chest, a backside, a waist; in
    // Dutch "aan haar zitten" and a waist ("bij haar middel").
    ['pinned with his hands under her jacket', 'en', 'A visitor has pinned a nurse against the vending machine with his hands under her jacket', 'sexual-harassment'],
    ['an arm twisted and a hand over her chest', 'en', 'The porter twisted her arm behind her back and slid his hand over her chest', 'sexual-harassment'],
    ['held from behind by the waist', 'en', 'A patient held me by the waist from behind in the sluice room and would not let go', 'sexual-harassment'],
    ['blocked in and grabbed by the waist (nl)', 'nl', 'Een bezoeker blokkeert de deur van de spoelkeuken en pakt de leerling steeds bij haar middel', 'sexual-harassment'],
    ['pressed against a wall and groped (nl)', 'nl', 'Een monteur drukt een stagiaire tegen de muur van de lift en gaat aan haar zitten', 'sexual-harassment'],
    ['typing under her coat while being hit stays aggression', 'en', "he's hitting me in the car park, typing this under my coat", 'aggression'],
    // Clothes that only give a grip, and something hidden under a blanket, stay aggression.
    ['grabbed by the collar stays aggression', 'en', 'A patient grabbed me by the collar and shoved me against the wall', 'aggression'],
    ['a coat pulled at with a threat stays aggression', 'en', "A visitor is pulling at the porter's coat and screaming he will smash his face", 'aggression'],
    ['a knife from under a blanket stays aggression', 'en', 'The patient pulled a knife from under the blanket and waved it at me', 'aggression'],
    ['grabbed by the coat and dragged stays aggression (nl)', 'nl', 'Hij greep haar bij haar jas en sleurde haar de gang op', 'aggression'],
  ] as const)('%s', async (_kind, locale, text, topic) => {
    expect((await classifier.classify(text, { locale })).topic).toBe(topic);
  });
});

describe('sexual violence told by force that takes someone along into a closed place is sexual harassment (lexicon.isolating)', () => {
  test.each([
    ['pulled into a storeroom', 'en', 'A drunk visitor just pulled a young nurse into the storeroom and shut the door, she was saying no', 'sexual-harassment'],
    ['dragged towards the on-call rooms', 'en', 'One of the residents is dragging a student towards the on-call rooms, she can hardly walk', 'sexual-harassment'],
    ['taken to his room', 'en', 'A guy from the party took my friend to his room and she is crying behind the door', 'sexual-harassment'],
    ['pulled onto a bed', 'en', 'The patient in bed 3 pulled the student nurse onto his bed and will not let her go', 'sexual-harassment'],
    ['a drill that tells it', 'en', 'In the role-play a colleague drags a student into a side room at the party. What is the right answer?', 'sexual-harassment'],
    ['taken along into the linen room (nl)', 'nl', 'Een dronken bezoeker trekt net een stagiaire mee de linnenkamer in, ze zegt nee', 'sexual-harassment'],
    ['pulled along to the cold room (nl)', 'nl', 'Een man van de borrel heeft een collega meegetrokken naar de koelcel, de deur is dicht', 'sexual-harassment'],
    ['pulled onto his bed (nl)', 'nl', 'De patiënt houdt de verpleegkundige bij haar pols vast en trekt haar op zijn bed', 'sexual-harassment'],
    // Someone too drunk to stand steered or walked towards a closed place (the sixteenth set's wording).
    ['a drunk intern steered towards the garage', 'en', 'A senior resident is steering the drunk intern towards the staff garage, she can barely stand and keeps saying no', 'sexual-harassment'],
    ['walked towards a toilet stall', 'en', 'A man from the party is walking her towards the stall at the back, she does not want to go', 'sexual-harassment'],
    ['a drunk intern steered into an empty office', 'en', 'A consultant is steering a very drunk student into the empty office and closing the blinds', 'sexual-harassment'],
    ['pulled into the accessible toilet (nl)', 'nl', 'Een man trekt een dronken bezoekster mee het invalidentoilet in', 'sexual-harassment'],
    ['carried into the bicycle cellar (nl)', 'nl', 'Een man trekt een dronken collega mee de fietsenkelder in, ze kan niet meer lopen', 'sexual-harassment'],
    // Shutting someone in, a weapon or a threat, and a place without anyone taken there, stay aggression.
    ['shut in a cupboard stays aggression', 'en', 'Someone shoved a nurse into the supply cupboard and is holding the door shut', 'aggression'],
    ['pulled into a room at knifepoint stays aggression', 'en', 'A man with a knife pulled the receptionist into the back room and is shouting at her', 'aggression'],
    ['a man waiting in his car stays aggression (nl)', 'nl', 'De man die vanmiddag zo tekeerging zit in zijn auto tegenover de personeelsuitgang en wacht op me', 'aggression'],
    ['locked in and the key taken stays aggression (nl)', 'nl', 'De specialist heeft de deur van de archiefkamer op slot gedraaid en de sleutel meegenomen, ik mag er pas uit als ik mijn klacht intrek', 'aggression'],
  ] as const)('%s', async (_kind, locale, text, topic) => {
    expect((await classifier.classify(text, { locale })).topic).toBe(topic);
  });
});

describe('theft told by what is taken and where from is other integrity, though "pakken" also grabs (lexicon.taken)', () => {
  test.each([
    ['money from a tip jar', 'Ik zag dat de nachtportier geld uit de fooienpot van de receptie pakte', 'other-integrity'],
    ['money from a till', 'Ik zag een collega tien euro uit de kassa van het restaurant pakken', 'other-integrity'],
    ["a patient's purse taken home", 'Een collega heeft de portemonnee van een patiënt meegenomen naar huis', 'other-integrity'],
    ["money from a sleeping patient's purse", 'Een schoonmaker pakte geld uit de portemonnee van een patiënt terwijl die sliep', 'other-integrity'],
    ['an arm grabbed stays aggression', 'Een patiënt pakte gisteren mijn arm en kneep hard', 'aggression'],
    ['"pakken" as a threat stays aggression', 'Hij kwam op me af en zei dat hij me zou pakken', 'aggression'],
    ['a purse snatched with a shove stays aggression', 'Een bezoeker greep mijn portemonnee en duwde me tegen de balie', 'aggression'],
  ] as const)('%s', async (_kind, text, topic) => {
    expect((await classifier.classify(text)).topic).toBe(topic);
  });
});

describe('bullying told without its name or any topic word is bullying (lexicon.slights)', () => {
  test.each([
    ['belongings in the bin (nl)', 'Mijn koffiebeker stond vanochtend weer in de prullenbak.', 'bullying'],
    ['belongings in the bin', 'My mug was in the bin again this morning.', 'bullying'],
    ['a meeting moved without telling (nl)', 'De teamvergadering is weer verplaatst zonder het me te laten weten.', 'bullying'],
    ['a name taken off a list (nl)', 'Mijn naam is van de mailinglijst van de afdeling gehaald. Vergissing zeker.', 'bullying'],
    ['a "stupid question" about the procedure names no behaviour (nl)', 'Misschien een domme vraag, maar hoe maak ik een melding?', null],
    ['whether it is silly to report names no behaviour (nl)', 'Is het dom om dit nog te melden?', null],
  ] as const)('%s', async (_kind, text, topic) => {
    expect((await classifier.classify(text)).topic).toBe(topic);
  });
});

describe('a writer who owns up to what they did is the accused (lexicon.admissions)', () => {
  test.each([
    ['owning up with an emphatic "did"', 'en', "My manager says my remarks about the new intern's clothes were out of line. I did make them, I thought it was banter."],
    ['admitting what a complaint says', 'en', 'A complaint says I keep the best shifts for my friends. I must admit that is true.'],
    ['"dat klopt" after what someone says the writer does (nl)', 'nl', 'Mijn leidinggevende zegt dat ik de stagiaire steeds negeer. Dat klopt, ik vind haar irritant. Wat nu?'],
    ['"eerlijk is eerlijk" and the deed fronted (nl)', 'nl', 'Er is gezegd dat ik een collega voor schut heb gezet in het overleg. Eerlijk is eerlijk, dat heb ik gedaan.'],
  ] as const)('%s', async (_kind, locale, text) => {
    expect((await classifier.classify(text, { locale })).perspective).toBe('accused');
  });
});

describe('"as a joke" makes the writer the accused only when the writer is the one who joked', () => {
  const accusedCues = (text: string) => classifier.explain(text, 'en').matchedTerms.filter((term) => term.startsWith('perspective:accused:'));
  test('someone else\'s joke is no admission', async () => {
    const text = 'As a joke, the registrar keeps calling the Filipino nurse by the wrong name';
    expect(accusedCues(text)).toEqual([]);
    expect((await classifier.classify(text)).perspective).toBe('witness');
  });
  test('the writer\'s own joke is', async () => {
    const text = 'I said it as a joke, but she now tells everyone I threatened her';
    expect(accusedCues(text)).toContain('perspective:accused:i said .. as a joke');
    expect((await classifier.classify(text)).perspective).toBe('accused');
  });
});

describe('sexual touching without a sexual noun, and identity mockery, by kind of wording', () => {
  test.each([
    ['a hand under clothes (nl)', 'Een bezoeker graaide onder haar rok toen ze zich bukte', 'sexual-harassment', 'witness'],
    ['a hand pulled under bedding (nl)', 'Een patiënt trok gisteren mijn hand onder zijn deken', 'sexual-harassment', 'target'],
    ['a hand under a uniform (nl)', 'Een bezoeker stak zijn hand onder het uniform van de leerling', 'sexual-harassment', 'witness'],
    ['pulling someone against oneself (nl)', 'Op het afdelingsfeest trok de chef me tegen zich aan en liet niet los', 'sexual-harassment', 'target'],
    ['a slur for an origin (nl)', 'Een collega noemt de nieuwe schoonmaker steeds een mocro', 'discrimination', 'witness'],
    ['mockery of a hearing aid (nl)', 'Sinds ik een gehoorapparaat heb doen ze me na in de pauze', 'discrimination', 'target'],
    ['"ik was degene die" makes the writer the accused (nl)', 'Ik was degene die de grap over haar accent maakte', 'discrimination', 'accused'],
    ['a placement supervisor told by her student is a manager (nl)', 'Als haar stagebegeleider hoorde ik dat een patiënt haar uitschold', 'aggression', 'manager'],
  ])('%s', async (_kind, text, topic, perspective) => {
    const classification = await classifier.classify(text);
    expect({ topic: classification.topic, perspective: classification.perspective }).toEqual({ topic, perspective });
  });
});

describe('the danger model leaves the grammar of the present to the rules', () => {
  // A vague message decides no topic; a supervisor hints at abuse of power, a button the guided flow
  // offers (test/e2e/guidanceConversation.test.ts); "my team" hints at nothing.
  test.each([
    ['There is something going on with my supervisor', ['abuse-of-power', 'aggression']],
    ['Er gebeurt iets vervelends in mijn team', []],
  ])('no danger: %s', async (text, likelyTopics) => {
    const classification = await classifier.classify(text);
    // The order of the buttons follows small score differences; which ones are offered is the point.
    expect({ danger: classification.danger, topic: classification.topic, likelyTopics: [...classification.likelyTopics].sort() }).toEqual({
      danger: 'none',
      topic: null,
      likelyTopics,
    });
  });
});

describe('a role named as a title makes the writer a manager', () => {
  test.each([
    ["Head nurse here. An intern says a patient's son shouts at her every visit, what do I do?"],
    ['Ik ben hoofd van het lab en een analist zegt dat een postdoc haar steeds uitlacht om haar leeftijd'],
  ])('%s', async (text) => {
    expect((await classifier.classify(text)).perspective).toBe('manager');
  });
});

describe('self-harm told by a writer who names nobody else is the writer\'s own (the target)', () => {
  test.each([
    ['pills saved up and a time set', 'en', "I've been saving my sleeping pills for weeks and tonight I'm going to take them all"],
    ['letters written and a place chosen, in chat', 'en', "i can't do this anymore, i've written the letters and i know which bridge"],
    ['a wish to disappear with the means at hand', 'en', 'honestly I just want to disappear for good, I have the tablets here next to me'],
    ['pills saved up and taken tonight (nl)', 'nl', 'ik heb alle pillen gespaard en vanavond neem ik ze in, ik kan niet meer'],
    ['not wanting to be here and a rope ready, where the regression reads a witness (nl)', 'nl', 'ik wil er niet meer zijn, het touw ligt al in de kofferbak'],
  ] as const)('%s', async (_kind, locale, text) => {
    const classification = await classifier.classify(text, { locale });
    expect({ danger: classification.danger, perspective: classification.perspective }).toEqual({ danger: 'now', perspective: 'target' });
  });

  test.each([
    ['a colleague who told the writer', 'en', 'My colleague told me she has saved up her pills and will take them tonight', 'witness'],
    ['someone on a roof (nl)', 'nl', 'Iemand staat op het dak van de parkeergarage en zegt dat hij springt', 'witness'],
    ['a colleague named by a noun (nl)', 'nl', 'mijn collega zei net dat hij vanavond een eind aan zijn leven maakt, hij heeft de pillen al', 'witness'],
    ['a writer who owns a deed stays the accused', 'en', "I was told my comments were racist and now I'm thinking of ending my life, I have the pills ready", 'accused'],
  ] as const)('not %s', async (_kind, locale, text, perspective) => {
    expect((await classifier.classify(text, { locale })).perspective).toBe(perspective);
  });
});

describe('self-harm told mostly of "he" or "she" is someone else\'s (a witness), where the regression reads the target', () => {
  test.each([
    ['a housemate who texted that he took his pills', 'en', 'my housemate just texted me that he took all his pills and he wants to sleep forever, his door is locked'],
    ['a porter who handed over his key and walks to the tracks', 'en', "He is a porter here. He gave me his locker key and said he won't need it after tonight, he's walking to the tracks now"],
    ['someone on the edge of a roof, the writer below (nl)', 'nl', 'hij staat op de rand van het dak van de parkeergarage en hij reageert niet als we roepen, ik sta beneden'],
    ['a student on a windowsill, the writer on the stairs (nl)', 'nl', 'een student zit op de vensterbank van de vijfde, het raam is open en hij zegt dat hij springt, ik sta op de trap'],
  ] as const)('%s', async (_kind, locale, text) => {
    const classification = await classifier.classify(text, { locale });
    expect({ danger: classification.danger, perspective: classification.perspective }).toEqual({ danger: 'now', perspective: 'witness' });
  });

  test.each([
    ['a writer who names the one who bullies them', 'en', 'he humiliates me every shift and I want to end it all, I have the pills in my bag'],
    ['a writer whose supervisor threatened their career', 'en', "My supervisor said he will end my career. I don't want to live anymore, I have a rope in my car"],
    ['a writer bullied by "ze" (nl)', 'nl', 'ze pesten me elke dienst en ik wil dood, ik heb de pillen al klaarliggen'],
  ] as const)('not %s: the target', async (_kind, locale, text) => {
    expect((await classifier.classify(text, { locale })).perspective).toBe('target');
  });
});

describe('a threat told to the writer or a weapon pointed at them makes the writer the target (lexicon.aimedAtWriter)', () => {
  test.each([
    ['a threat told to the writer\'s face before others', 'en', 'In front of my colleagues the patient\'s husband told me to my face that he would stab me if his wife died'],
    ['chairs thrown at the writer and the team', 'en', 'the drunk guy in the ED waiting room is throwing chairs at us, two nurses and me behind the desk'],
    ['a scalpel held out towards the writer', 'en', 'a student in the skills lab is holding a scalpel out towards me and says he\'ll cut me'],
    ['a threat shouted in the writer\'s face', 'en', 'the man at the desk is shouting in my face that he will smash my head in'],
    ['a weapon aimed at the writer (nl)', 'nl', 'een man zwaait met een mes naar ons bij de balie en richt het op mij'],
    ['someone coming at the writer with scissors while a porter looks on (nl)', 'nl', 'De portier stond erbij toen een bezoeker met een schaar op mij afkwam in de hal'],
    ['a threat told to the writer by a patient\'s father (nl)', 'nl', 'Bij de balie van de SEH dreigde een vader tegen mij dat hij de arts en mij iets zou aandoen, daarna liep hij naar buiten'],
    ['a knife pointed at a writer who backs away', 'en', "A colleague is pointing a knife at me across the table, screaming that I wrecked his experiment. I've backed into the corner."],
    ['a threat told to the writer, who would report the one who made it', 'en', "a porter told me he'd break my nose if I reported him, that was last week"],
    ['a threat to the writer and their car (nl)', 'nl', 'de schoonmaker zei tegen mij dat hij mijn auto zou slopen en mij ook als ik hem aangeef'],
  ] as const)('%s', async (_kind, locale, text) => {
    expect((await classifier.classify(text, { locale })).perspective).toBe('target');
  });

  test.each([
    ['a threat to someone else the writer was told of', 'en', 'My colleague told me a visitor threatened to kill her yesterday'],
    ['self-harm told to the writer', 'en', 'the porter told me he wants to end it tonight, he has a rope in his car'],
    ['a threat to a colleague told to the writer (nl)', 'nl', 'mijn collega zei tegen mij dat een patiënt haar wilde slaan'],
  ] as const)('not %s: the witness', async (_kind, locale, text) => {
    expect((await classifier.classify(text, { locale })).perspective).toBe('witness');
  });
});

describe('a question for something other than guidance keeps the situation it names', () => {
  test.each([
    ['As team leader, is there a training about aggression for my nurses?', 'training', 'aggression', 'manager'],
    ['Als teamleider zoek ik een training over pesten voor mijn verpleegkundigen', 'training', 'bullying', 'manager'],
  ])('%s', async (text, intent, topic, perspective) => {
    const classification = await classifier.classify(text);
    expect({ intent: classification.intent, topic: classification.topic, perspective: classification.perspective }).toEqual({ intent, topic, perspective });
  });

  test('the kinds of harm a message names decide its topic even in the past ("kicked me last year": aggression)', async () => {
    const classification = await classifier.classify('Last year a visitor kicked me in the car park, can I still do something?');
    expect({ topic: classification.topic, danger: classification.danger }).toEqual({ topic: 'aggression', danger: 'none' });
  });
});

describe('the labelled test set (test/fixtures/labelled-questions.jsonl)', () => {
  test('has at least 150 questions in both locales with every label', () => {
    expect(testSet.length).toBeGreaterThanOrEqual(150);
    const present = (values: readonly unknown[]) => new Set(values);
    expect(present(testSet.map((question) => question.locale))).toEqual(new Set(LOCALES));
    expect(present(testSet.map((question) => question.intent))).toEqual(new Set(INTENTS));
    expect(present(testSet.filter((question) => question.topic).map((question) => question.topic))).toEqual(new Set(TOPICS));
    expect(present(testSet.filter((question) => question.perspective).map((question) => question.perspective))).toEqual(new Set(PERSPECTIVES));
    expect(present(testSet.map((question) => question.urgent))).toEqual(new Set([true, false]));
    for (const locale of LOCALES) {
      expect(testSet.filter((question) => question.locale === locale && question.urgent).length).toBeGreaterThanOrEqual(5);
    }
  });

  // Floors at what was measured (README, "The classifier"), rounded down a little: a regression fails.
  test('keeps its figures: danger found, few false alarms, intent and topic >= 95%, perspective >= 90%', () => {
    expect(testReport.dangerRecall.rate).toBeGreaterThanOrEqual(LABELLED_FLOORS.dangerRecall);
    expect(testReport.nowOnUrgent.rate).toBeGreaterThanOrEqual(LABELLED_FLOORS.nowOnUrgent);
    expect(testReport.nowOnCalm.rate).toBeLessThanOrEqual(0.05);
    expect(testReport.topic.rate).toBeGreaterThanOrEqual(0.95);
    expect(testReport.intent.rate).toBeGreaterThanOrEqual(0.97);
    expect(testReport.perspective.rate).toBeGreaterThanOrEqual(0.9);
    expect(testReport.locale.rate).toBeGreaterThanOrEqual(0.95);
  });

  test('shares no text with the training utterances or the dev set', () => {
    const others = new Map([...trainingUtterances(content), ...textsOf(setNamed('olddev').file)].map(({ text, source }) => [text, source]));
    expect(leaks(setNamed('labelled').file, testSet, others)).toEqual([]);
  });
});

describe('the dev set (test/fixtures/dev-questions.jsonl), on which the classifier is tuned', () => {
  test('keeps its measured danger figures', () => {
    expect(devReport.dangerRecall.rate).toBeGreaterThanOrEqual(OLD_DEV_FLOORS.dangerRecall);
    expect(devReport.nowOnCalm.rate).toBeLessThanOrEqual(OLD_DEV_FLOORS.nowOnCalm);
    expect(devReport.topic.rate).toBeGreaterThanOrEqual(0.9);
  });

  test('exercises every kind of harm', () => {
    const kinds = new Set(devSet.filter((question) => question.urgent).map((question) => classifier.explain(question.text, question.locale).danger.harm));
    // Injury and an improvised weapon decide only beside other harm; despair is never more than `unclear`.
    const deciding = HARM_KINDS.filter((kind) => kind !== 'injury' && kind !== 'improvisedWeapon' && kind !== 'despair');
    expect(deciding.filter((kind) => !kinds.has(kind))).toEqual([]);
  });
});

describe('urgency', () => {
  test('finds danger in the urgent examples of the training files', async () => {
    const examples = LOCALES.flatMap((locale) => content.nlu[locale].urgent);
    const levels = await Promise.all(examples.map(async (text) => (await classifier.classify(text)).danger));
    const found = levels.filter((level) => level !== 'none');
    expect(found.length / examples.length).toBeGreaterThanOrEqual(OLD_DEV_FLOORS.trainingExamples);
  });

  test.each([
    ['violence', 'Een patiënt schopt op dit moment een verpleegkundige'],
    ['violence', 'a visitor is punching a nurse in the corridor right now'],
    ['weapon', 'er loopt iemand met een pistool door de hal'],
    ['killThreat', 'He said he will murder my colleague after the shift'],
    ['selfHarm', 'Ze zei dat ze een eind aan haar leven wil maken'],
    ['selfHarm', 'she took a whole packet of paracetamol'],
    ['following', 'iemand loopt al tien minuten achter me aan'],
  ])('%s: %s', (kind, text) => {
    const { danger } = classifier.explain(text, 'nl');
    expect({ level: danger.level, harm: danger.harm }).toEqual({ level: 'now', harm: kind });
  });

  test.each([
    'Vorig jaar zwaaide een patiënt met een mes, hoe verwerk ik dat?',
    'What should I do if a patient pulls a knife? It is for our training',
    'Mijn leidinggevende gebruikt mijn beoordeling als wapen',
    'My manager stabbed me in the back in the meeting',
    'Ik moet mijn artikel afmaken maar mijn promotor zet me onder druk',
  ])('does not flag: %s', async (text) => {
    expect((await classifier.classify(text)).danger).not.toBe('now');
  });
});

const LABELLED_FLOORS = { dangerRecall: 1, nowOnUrgent: 1 };
const OLD_DEV_FLOORS = { dangerRecall: 0.995, nowOnCalm: 0.004, trainingExamples: 0.85 };
// `unclear` on calm 1.6 to 2.1% in English (one message) with the danger question asked from p 0.25 (was 0.4).
const NEW_DEV_FLOORS = { dangerRecall: 1, nowOnUrgent: 0.983, nowOnCalm: 0.006, unclearOnCalm: 0.021 };
// The danger model's word pairs and the cues of 6 December evening, then learning from dev5-tune with the danger question asked
// from p 0.25 (was 0.4): dev2-check `now` on calm 0.4 to 0.8% and `unclear` on calm 6.5 to 7.6% for recall 98.9 to 99.4 and
// `now` 95.7 to 97.3; topic 92.1 to 91.6 (learning from dev5-tune: the regressions read 589 more messages).
// Perspective 0.911 to 0.908 (one message) with the fourth round of danger cues (their kinds are features of the regressions).
// Intent 0.977 to 0.975 (one English message) with the cues for self-harm told sideways (the seventh set's kinds): the kinds of
// harm are features of the regressions; traded for English danger recall on dev7-check 71.4 to 100%.
// Intent 97.7 to 98.4 and perspective 91.1 to 91.4 with the ask located (askLocation.ts: the ask's cues decide, not the story's);
// the topic floor raised to the measured 92.8.
// Perspective back to 91.4 when "as a joke" made the writer the accused only when the writer joked (English 91.6 to 92.2).
// Perspective 91.4 to 91.1 (one Dutch message) and Dutch topic 92.0 to 92.5 with the Dutch words for a hand in or under clothes and pulling someone against oneself.
// Perspective 91.4 to 91.1 (one English message) with the cues of 7 December, methods of ending one's life by kind (traffic, a barrier driven into, a height stepped off, a car's exhaust), a person slammed or pinned against something, "terwijl ik" only with present words (the cue kinds are features of the perspective regression), traded for fresh danger recall.
// Intent 98.4 to 98.2 (one Dutch message) with the escalation idiom, threats with someone still there and Dutch separable verbs (the cue kinds are features of the intent regression), traded for fresh `now` on urgent.
// Perspective floor 91.1 to the measured 90.8 when perspective learnt dev4-, dev6- and dev7-tune (build-nlu.ts) and read clefts and chat spellings, traded for leave-one-set-out perspective over the five shared tuning parts (1,044 to 1,059 of 1,161 en, 1,239 to 1,252 of 1,360 nl) and four more right over the checking parts and the fresh set.
// Perspective 90.8 to 90.5 (one Dutch message; the cue kinds are features of the perspective regression) with "nog een keer" as the condition of a threat and a Dutch conditional threat in the first person, traded for Dutch `now` on urgent on dev6-check (91.3 to 100) and dev7-check (84.6 to 89.7).
// Perspective floor 90.5 to the measured 91.6 when perspective learnt the eleventh dev set (build-nlu.ts).
// Topic floor 92.8 to the measured 93.4 with mockery of an identity read as discrimination (lexicon.identities).
// Perspective floor 91.6 to the measured 91.9 with the writer owning up as a feature of the perspective regression (lexicon.admissions).
// Topic 0.934 to the measured 0.936 when a slur and being sent back to a country named an identity (lexicon.identities, 7 December night), to 0.939 with bullying told without its name (lexicon.slights).
// `unclear` on calm 0.072 to the measured 0.076 (one English message) when the self-harm field model asks from 0.3 in English instead of 0.6 (DANGER_THRESHOLDS, chosen leaving each tune file out in turn).
const DEV2_CHECK_FLOORS = { dangerRecall: 1, nowOnUrgent: 0.978, nowOnCalm: 0.008, unclearOnCalm: 0.076, intent: 0.982, topic: 0.939, perspective: 0.919 };
const DEV3_CHECK_FLOORS = {
  // `now` on calm rose by one Dutch message (0.8 to 1.5%) with recall 92.5 to 100; English `now` on urgent 86.2 to 83.7
  // once the danger model learnt from dev5-tune (two messages now get the danger question first; recall 93.7 to 95.0) and
  // English topic 94.4 to 93.1 (the regressions learnt from dev5-tune).
  // With the cues of 6 December evening (sixth dev set), the retrained danger model asks one Dutch urgent message the danger question
  // instead of saying `now` (91.3 to 90.0) and one more English calm message gets the question (`unclear` on calm 4.2 to 4.9).
  // Topic 93.7 to 93.0 (nl) and 93.7 to 93.4 (en) when the topics of all tune and checking sets were made to follow the settled
  // conventions (19 of this set's topics changed, jokes and drills now carry the behaviour they name, and count).
  // Dutch `now` on calm 1.4 to 0.7% and English `unclear` on calm 4.9 to 4.2% with the Dutch false-alarm kinds of the seventh set.
  // Dutch topic 93.1 to 93.6 and perspective 92.8 to 93.4 when a denied deed ("geen wapen", "niet geslagen") stopped counting for its topic.
  // Perspective floor 93.4 to the measured 94.7 (nl) when perspective learnt dev4-, dev6- and dev7-tune (build-nlu.ts) and read clefts and chat spellings.
  // Perspective 0.947 to 0.934 when perspective stopped learning dev4-, dev6- and dev7-tune and the spellings and clefts of 87aae3f were taken out again: held-out and the second fresh set, both never read, did worse with them.
  // Perspective floor 93.4 to the measured 94.0 when perspective learnt the eleventh dev set (build-nlu.ts).
  // Perspective 0.94 to 0.934 (one message) with the writer owning up as a feature of the perspective regression (lexicon.admissions, y:admits), traded for four more right over the tuning parts left out in turn, the eleventh set and the other checking parts, and held-out English 344 to 346 of 381.
  nl: { dangerRecall: 1, nowOnUrgent: 0.912, nowOnCalm: 0.008, unclearOnCalm: 0.05, intent: 0.986, topic: 0.953, perspective: 0.934 },
  // English intent 91.8 to 93.6 and perspective 87.5 to 88.1 with the ask located (askLocation.ts).
  // English danger recall 98.7 to 100 when a question about what to do ("is it allowed to lock the door") no longer frames harm told in present grammar.
  // `now` on urgent 85.0 to 83.8 (one message the danger model, retrained with the cue kinds of 7 December, now asks about first) and `unclear` on calm 4.2 to 2.8; Dutch `now` on urgent 90.0 to 91.3.
  // Perspective floor 88.1 to the measured 88.8 (en) when perspective learnt dev4-, dev6- and dev7-tune (build-nlu.ts) and read clefts and chat spellings.
  // Perspective 0.888 to 0.881 when perspective stopped learning dev4-, dev6- and dev7-tune and the spellings and clefts of 87aae3f were taken out again: held-out and the second fresh set, both never read, did worse with them.
  // Perspective 0.881 to 0.868 (two messages) when perspective learnt the eleventh dev set (dev11-tune-topic and dev11-tune-danger, build-nlu.ts), traded for leave-one-set-out perspective over the five shared tuning parts (1,044 to 1,054 of 1,161 en, 1,240 to 1,253 of 1,360 nl) and eight more right over the Dutch checking parts (one fewer English).
  // Topic 0.934 to 0.928 (one message) with mockery of an identity read as discrimination (lexicon.identities, decision.ts), traded for 13 more right topics over the tuning parts left out in turn and the checking parts.
  // Topic back to 0.934 with unwanted sexual touching read as sexual harassment whatever the force (lexicon.intimate).
  // Perspective 0.868 to 0.861 (one message of 152) with self-harm told mostly of "he" read as someone else's (decision.ts): a threat to
  // slit the writer's throat, which the danger rules read as self-harm, became the witness; traded for 25 more right perspectives over
  // the sets that may be read (third-person self-harm read as the writer's own).
  en: { dangerRecall: 1, nowOnUrgent: 0.837, nowOnCalm: 0, unclearOnCalm: 0.029, intent: 0.936, topic: 0.94, perspective: 0.861 },
};
// Perspective 0.919 (with lexicon.writerActs and writerRole) to 0.909, one question, once the regressions learnt from dev5-tune.
// Intent 0.957 to 0.95 (one Dutch question) when the tune sets' intents were made to follow the settled conventions.
// Danger recall 95.2 to 96.4% and `now` on urgent 92.9 to 94.0% when who a person is ("the patient who was discharged") no longer ends the danger.
// Perspective 90.9 to 93.2 when a denied deed stopped counting for its topic (topic words are features of the perspective regression too).
// Intent 95.0 to 95.7 with the ask located; perspective 93.1 to 92.0 (one Dutch message: the intent cues are features of the
// perspective regression and their lists grew), traded for the intent; the topic floor raised to the measured 94.4.
// Danger recall 96.4 to 97.6 with the escalation idiom, a threat made earlier by someone still there, Dutch separable verbs of violence in the te-infinitive (7 December).
// Perspective 0.92 to 0.909 (one English message) when perspective learnt the eleventh dev set (dev11-tune-topic and dev11-tune-danger, build-nlu.ts), traded for leave-one-set-out perspective over the five shared tuning parts (1,044 to 1,054 of 1,161 en, 1,240 to 1,253 of 1,360 nl) and eight more right over the Dutch checking parts (one fewer English).
const DEV4_CHECK_FLOORS = { dangerRecall: 0.976, nowOnUrgent: 0.94, nowOnCalm: 0, unclearOnCalm: 0.108, intent: 0.957, topic: 0.944, perspective: 0.909 };
// Measured with dev5-tune among the tune sets; `unclear` on calm 6.4 to 9.5% (nl) and 2.9 to 8.6% (en) since the set landed,
// for danger recall 90.6 to 100% and 85.0 to 100%, `now` on calm 3.2 to 1.1% and 8.6 to 2.9%.
// Measured when the set arrived, before anything learned from it: English self-harm told sideways is found in 6 of 14.
// With the cues for self-harm told sideways (kinds from dev7-tune; this set's mistakes were read for kinds of wording, so part of
// the gain is in-sample): English danger recall 71.4 to 100%, `now` on urgent 71.4 to 88.6%, `now` on calm 2.9 to 1.9%, perspective 82.4 to 83.8%; Dutch
// intent 89.4 to 88.8% (one message: the kinds of harm are features of the regressions), traded for the English recall.
// Dutch topic 88.7 to 89.4 and perspective 86.1 to 91.3 with the Dutch words of 6 December evening (stems that collide with
// everyday words matched as written, sexual touching without a sexual noun, identity slurs and aids, dialect "mie", "ik was
// degene die", "als haar stagebegeleider"); Dutch intent back to 89.4 when a denied deed stopped counting for its topic.
// Measured on the evening's starting commit (6025599) and after its changes (twice in between, acted on by nobody); at 6025599: en 94.6 / 89.1 / 3.5 / 8.0 / 96.3 / 94.3 / 92.9, nl 97.4 / 89.5 / 1.7 / 7.8 / 99.6 / 94.5 / 90.6.
// 7 December: English danger recall 95.3 to 96.1 and Dutch `now` on urgent 88.6 to 89.5 when a question about what to do no longer frames harm told in present grammar;
// then with the cues of 7 December, methods of ending one's life by kind (traffic, a barrier driven into, a height stepped off, a car's exhaust), a person slammed or pinned against something, "terwijl ik" only with present words (this set's mistakes were read for their kinds, so part of the gain is in-sample): danger recall 96.1 to 98.4 (en) and 96.5 to 99.1 (nl), `now` on urgent 89.9 to 93.0 and 89.5 to 92.1; then with the escalation idiom, a threat made earlier by someone still there, Dutch separable verbs of violence in the te-infinitive: English danger recall 98.4 to 99.2, `now` on urgent 93.0 to 93.8 (en) and 92.1 to 93.9 (nl).
// Written by four sessions that never saw our files on 6 December at 22:05 (800 messages, 775 after dropping lines close to
// any other set's), measured only on that evening's starting commit (21875ff), once in between (acted on by nobody) and at
// its end; nobody reads its texts or mistakes (`evaluate --mistakes` leaves them out). At 21875ff: en 92.3 / 81.8 / 0.7 / 4.9 /
// 96.7 / 93.6 / 90.6, nl 95.0 / 85.3 / 1.4 / 11.6 / 98.2 / 94.7 / 90.2.
/**
 * Written by four sessions that never saw our files on 7 December at 03:10 (640 messages, 639 after dropping one close to
 * another set's) and measured by the lead only, on that night's starting commit (56e5379) and at its end; nobody reads its
 * texts or mistakes. At 56e5379 the same figures, but Dutch topic 90.9 (one message fewer).
 */
/**
 * Written by two sessions that never saw our files on the afternoon of 7 December (240 messages typed carelessly: typing
 * errors in most of them, also in the words that carry the danger; 238 after dropping two English ones close to a training
 * text) and measured by the lead only, at that session's start (665636c: danger recall 92.7 / 92.9, `now` on urgent 74.5 /
 * 87.5, topic 89.2 / 90.8) and at its end, with typing errors read through; nobody reads its texts or mistakes.
 */
/**
 * Written by two sessions that never saw our files on the night of 7 December (400 messages, 395 after dropping five close to
 * another set's or a training utterance; nearly every urgent message told sideways, half of the calm ones alarming-sounding)
 * and measured by the lead only, at that session's start (0933a52) and at its end; nobody reads its texts or mistakes.
 */
const FRESH8_FLOORS = {
  nl: { dangerRecall: 0.939, nowOnUrgent: 0.848, nowOnCalm: 0.011, unclearOnCalm: 0.052, intent: 0.938, topic: 0.941, perspective: 0.894 },
  en: { dangerRecall: 0.969, nowOnUrgent: 0.799, nowOnCalm: 0.001, unclearOnCalm: 0.041, intent: 0.889, topic: 0.964, perspective: 0.897 },
};
const FRESH7_FLOORS = {
  nl: { dangerRecall: 0.919, nowOnUrgent: 0.849, nowOnCalm: 0.011, unclearOnCalm: 0.051, intent: 0.909, topic: 0.935, perspective: 0.932 },
  en: { dangerRecall: 0.969, nowOnUrgent: 0.849, nowOnCalm: 0.011, unclearOnCalm: 0.064, intent: 0.933, topic: 0.949, perspective: 0.928 },
};
const FRESH6_FLOORS = {
  nl: { dangerRecall: 1, nowOnUrgent: 0.928, nowOnCalm: 0.033, unclearOnCalm: 0.081, intent: 0.898, topic: 0.939, perspective: 0.892 },
  // `unclear` on calm 17.7% (11 of 62), over the 10% target: measured at the start and the end of stop 32, unchanged; nobody read why.
  en: { dangerRecall: 0.964, nowOnUrgent: 0.803, nowOnCalm: 0, unclearOnCalm: 0.178, intent: 0.915, topic: 0.896, perspective: 0.944 },
};
const FRESH5_FLOORS = {
  nl: { dangerRecall: 0.982, nowOnUrgent: 0.892, nowOnCalm: 0.047, unclearOnCalm: 0.032, intent: 0.925, topic: 0.948, perspective: 0.931 },
  // `now` on urgent 83.6 to the measured 81.8 (one urgent message `now` to `unclear`, still caught) when a word of harm is read only as the likelier slip than a calm word (red team finding 4).
  en: { dangerRecall: 0.963, nowOnUrgent: 0.818, nowOnCalm: 0.016, unclearOnCalm: 0.064, intent: 0.983, topic: 0.913, perspective: 0.896 },
};
const FRESH4_FLOORS = {
  // Ratios moved, no message changed its labels, when the messages close to a readable text left this set (7 December, lead).
  // Dutch `unclear` on calm ceiling 0.066 to 0.081 (three messages of 199) when the strongest window of a long message asks the danger question: seen when its tests ran, not tuned on.
  // Dutch `now` on calm ceiling 0.016 to 0.021 (one message of 199) and `now` on urgent floor 0.815 to 0.806 (one of 119) with typing errors read through (spelling.ts, 7 December afternoon): seen when its tests ran, not tuned on.
  nl: { dangerRecall: 0.941, nowOnUrgent: 0.806, nowOnCalm: 0.021, unclearOnCalm: 0.081, intent: 0.893, topic: 0.912, perspective: 0.861 },
  // English `unclear` on calm ceiling 0.051 to 0.056 (one message of 199) with the self-harm field model, to 0.061 (one more) with the strongest window of a long message: seen when its tests ran, not tuned on.
  en: { dangerRecall: 0.916, nowOnUrgent: 0.791, nowOnCalm: 0.011, unclearOnCalm: 0.061, intent: 0.896, topic: 0.949, perspective: 0.87 },
};
/** Measured at the end of the night of 7 December; at its start (7c1e4d6) danger recall was 90.4 / 93.8 (en / nl). English danger recall raised to the 92.9 the lead measured after the self-harm field model (morning of 7 December). */
const FRESH3_FLOORS = {
  nl: { dangerRecall: 0.938, nowOnUrgent: 0.829, nowOnCalm: 0.015, unclearOnCalm: 0.086, intent: 0.994, topic: 0.96, perspective: 0.929 },
  // Ratios moved, no message changed its labels, when the messages close to a readable text left this set (7 December, lead).
  en: { dangerRecall: 0.928, nowOnUrgent: 0.772, nowOnCalm: 0.021, unclearOnCalm: 0.09, intent: 0.968, topic: 0.914, perspective: 0.873 },
};
/** Raised to what the lead measured at the end of the night of 7 December (the rule's second measurement); danger recall again after the self-harm field model (morning of 7 December). */
const FRESH2_FLOORS = {
  // Dutch `unclear` on calm ceiling 0.096 to 0.103 (one message of 146) with typing errors read through (spelling.ts, 7 December afternoon): seen when its tests ran, not tuned on; the lead's rule allows two more.
  nl: { dangerRecall: 0.957, nowOnUrgent: 0.861, nowOnCalm: 0.014, unclearOnCalm: 0.103, intent: 0.981, topic: 0.95, perspective: 0.908 },
  // Ratios moved, no message changed its labels, when the messages close to a readable text left this set (7 December, lead).
  en: { dangerRecall: 0.942, nowOnUrgent: 0.825, nowOnCalm: 0.007, unclearOnCalm: 0.049, intent: 0.966, topic: 0.945, perspective: 0.911 },
};
/**
 * On arrival (main 3d133f8): one writer per language whom no model has read; danger recall 85.0 / 81.7 (en / nl) then, 86.7 / 85.0 with
 * the self-harm field model, 90.0 / 85.0 with its operating point per language (from 0.3 in English, 0.4 in Dutch, instead of 0.6),
 * which asks one more calm message in each language (`unclear` on calm 10.0 to 11.7 and 5.0 to 6.7).
 */
const DEV14_CHECK_FLOORS = {
  nl: { dangerRecall: 0.85, nowOnUrgent: 0.633, nowOnCalm: 0.084, unclearOnCalm: 0.067, intent: 0.916, topic: 0.945, perspective: 0.745 },
  // Ratios moved, no message changed its labels, when the messages close to a readable text left this set (7 December, lead).
  // `unclear` on calm ceiling 0.119 to 0.136 (one message) when the strongest window of a long message asks the danger question: seen when its tests ran, not tuned on.
  en: { dangerRecall: 0.9, nowOnUrgent: 0.666, nowOnCalm: 0.068, unclearOnCalm: 0.136, intent: 0.873, topic: 0.951, perspective: 0.856 },
};
/**
 * On arrival (main 3d133f8), before any model learnt them; English danger recall 79.2 to 84.2 when the self-harm field model learnt them
 * (in-sample), to 86.7 (en) and 83.3 to 85.8 (nl) with the field model's operating point per language, for English `unclear` on calm
 * 7.5 to 10.0 (three messages).
 */
const DEV14_TUNE_FLOORS = {
  // `unclear` on calm ceiling 5.9 to the measured 6.7 (one message) with the strongest window of a long message.
  nl: { dangerRecall: 0.858, nowOnUrgent: 0.625, nowOnCalm: 0.051, unclearOnCalm: 0.067, intent: 0.87, topic: 0.921, perspective: 0.892 },
  en: { dangerRecall: 0.866, nowOnUrgent: 0.616, nowOnCalm: 0.042, unclearOnCalm: 0.1, intent: 0.895, topic: 0.91, perspective: 0.868 },
};
/**
 * On arrival (main 0210010, with the field model's operating point per language), before any model learnt it; no model learns it yet
 * (docs/EVALUATION.md: the field model learning it missed three more urgent messages of the other tune files left out in turn).
 */
const DEV15_TUNE_FLOORS = {
  // Danger recall 81.5 to 84.0 (en 80.0 to 80.8) with the strongest window of a long message, for English `unclear` on calm 5.8 to 8.3 (three messages).
  nl: { dangerRecall: 0.84, nowOnUrgent: 0.63, nowOnCalm: 0.042, unclearOnCalm: 0.067, intent: 0.857, topic: 0.905, perspective: 0.821 },
  en: { dangerRecall: 0.808, nowOnUrgent: 0.566, nowOnCalm: 0.059, unclearOnCalm: 0.084, intent: 0.883, topic: 0.869, perspective: 0.888 },
};
/** On arrival (main e9e978d), before any model learnt it or any cue was written from it. */
const DEV16_TUNE_FLOORS = {
  // `unclear` on calm ceiling 6.3 to the measured 7.0 (one message) when the strongest window of a long message asks the danger question.
  nl: { dangerRecall: 0.883, nowOnUrgent: 0.705, nowOnCalm: 0.055, unclearOnCalm: 0.071, intent: 0.85, topic: 0.864, perspective: 0.839 },
  // Danger recall 83.9 to 91.1 and `unclear` on calm ceiling 7.9 to the measured 13.3 (7 long calm messages, for 8 long urgent ones found) when the strongest window of a long message asks the danger question.
  en: { dangerRecall: 0.91, nowOnUrgent: 0.544, nowOnCalm: 0, unclearOnCalm: 0.134, intent: 0.845, topic: 0.829, perspective: 0.87 },
};
const DEV17_TUNE_FLOORS = {
  // Topic 90.9 to the measured 89.9 (one message) when a word of harm is read only as the likelier slip than a calm word (red team finding 4).
  nl: { dangerRecall: 0.857, nowOnUrgent: 0.642, nowOnCalm: 0, unclearOnCalm: 0.063, intent: 0.874, topic: 0.898, perspective: 0.86 },
  en: { dangerRecall: 0.928, nowOnUrgent: 0.767, nowOnCalm: 0.016, unclearOnCalm: 0.063, intent: 0.941, topic: 0.937, perspective: 0.837 },
};
const DEV18_TUNE_FLOORS = {
  // Measured after three lines close to measured messages left the set (dev3-check and the fourth fresh set keep theirs).
  nl: { dangerRecall: 0.881, nowOnUrgent: 0.754, nowOnCalm: 0.055, unclearOnCalm: 0.07, intent: 0.87, topic: 0.934, perspective: 0.894 },
  en: { dangerRecall: 0.926, nowOnUrgent: 0.743, nowOnCalm: 0.008, unclearOnCalm: 0.086, intent: 0.873, topic: 0.899, perspective: 0.923 },
};
const DEV19_TUNE_FLOORS = {
  nl: { dangerRecall: 0.93, nowOnUrgent: 0.792, nowOnCalm: 0, unclearOnCalm: 0.098, intent: 0.807, topic: 0.919, perspective: 0.899 },
  en: { dangerRecall: 0.939, nowOnUrgent: 0.8, nowOnCalm: 0.049, unclearOnCalm: 0.106, intent: 0.882, topic: 0.914, perspective: 0.849 },
};
const FRESH_FLOORS = {
  // `now` on urgent 93.9 to 93.0 (one message the retrained danger model now asks about first) and `unclear` on calm 6.9 to 6.0 with "nog een keer" as the condition of a threat, a Dutch conditional threat in the first person ("als je ..., sla ik je").
  // Perspective floor 91.2 to the measured 90.1 (nl) when perspective learnt dev4-, dev6- and dev7-tune (build-nlu.ts) and read clefts and chat spellings, traded for leave-one-set-out perspective over the five shared tuning parts (1,044 to 1,059 of 1,161 en, 1,239 to 1,252 of 1,360 nl) and four more right over the checking parts and the fresh set.
  // Perspective floor 91.2 to the measured 91.8 when perspective learnt the eleventh dev set (build-nlu.ts).
  // `now` on urgent floor 93.0 to the measured 93.9 with the self-harm field, 94.7 with its further kinds (one message each).
  // Topic floor 93.9 to the measured 94.5 with unwanted sexual touching read as sexual harassment whatever the force (lexicon.intimate).
  // Topic floors raised to the measured figures when clothes pulled at, torn or entered, a hand forced to a lap and following with remarks about a body made force sexual harassment (lexicon.intimate).
  nl: { dangerRecall: 0.991, nowOnUrgent: 0.947, nowOnCalm: 0.018, unclearOnCalm: 0.061, intent: 1, topic: 0.961, perspective: 0.918 },
  // Perspective floor 93.4 to the measured 95.1 (en) when perspective learnt dev4-, dev6- and dev7-tune (build-nlu.ts) and read clefts and chat spellings.
  // Perspective 0.95 to 0.934 when perspective stopped learning dev4-, dev6- and dev7-tune and the spellings and clefts of 87aae3f were taken out again: held-out and the second fresh set, both never read, did worse with them.
  // Perspective floor 93.4 to the measured 95.0 when perspective learnt the eleventh dev set (build-nlu.ts).
  // Ratios moved, no message changed its labels, when the messages close to a readable text left this set (7 December, lead).
  en: { dangerRecall: 0.992, nowOnUrgent: 0.937, nowOnCalm: 0.045, unclearOnCalm: 0.072, intent: 0.979, topic: 0.958, perspective: 0.95 },
};
const DEV7_CHECK_FLOORS = {
  // Dutch `now` on calm 1.5 to 0.8% and `unclear` on calm 3.8 to 3.1% with the Dutch false-alarm kinds (dev7-tune).
  // With the ask located (askLocation.ts; the models do not learn from dev7-tune yet): intent 89.4 to 93.5 (nl) and 86.4 to 95.7
  // (en, 94.2 before an ask that names an offer was made firm); Dutch perspective 91.3 to 90.4 and English topic 83.5 to 82.3 (one message each: the intent cues are features of those
  // regressions too and their lists grew, and a message read as a request names a situation less often), traded for 7 and 11
  // more right intents.
  // Dutch perspective 90.4 to 89.5 (one message) with the Dutch words for a hand in or under clothes and pulling someone against oneself (held-out Dutch topic 84.5 to 85.1).
  // Dutch `unclear` on calm 3.1 to 3.8 (one message the retrained danger model asks about) and English topic 82.3 to 81.2 (one message; cue kinds are
  // features of the topic regression) with the cues of 7 December, methods of ending one's life by kind (traffic, a barrier driven into, a height stepped off, a car's exhaust), a person slammed or pinned against something, "terwijl ik" only with present words, traded for fresh danger recall 96.1 to 98.4 (en) and 96.5 to 99.1 (nl).
  // Dutch `now` on urgent 84.6 to 89.7, for `unclear` on calm 3.1 to 3.8 (one message the retrained danger model asks about), with "nog een keer" as the condition of a threat, a Dutch conditional threat in the first person ("als je ..., sla ik je").
  // Perspective floor 89.5 to the measured 88.7 (nl) when perspective learnt dev4-, dev6- and dev7-tune (build-nlu.ts) and read clefts and chat spellings, traded for leave-one-set-out perspective over the five shared tuning parts (1,044 to 1,059 of 1,161 en, 1,239 to 1,252 of 1,360 nl) and four more right over the checking parts and the fresh set.
  // Topic floor 89.4 to the measured 90.1 with mockery of an identity read as discrimination (lexicon.identities).
  // Dutch topic 0.901 to the measured 0.915 when taking money or goods became other integrity though "pakken" also grabs (lexicon.taken), to 0.922 (and English 0.823 to 0.835) when a slur or "for a woman" named an identity, to 0.929 with bullying told without its name (lexicon.slights).
  // Ratios moved, no message changed its labels, when the messages close to a readable text left this set (7 December, lead).
  nl: { dangerRecall: 0.974, nowOnUrgent: 0.897, nowOnCalm: 0.008, unclearOnCalm: 0.039, intent: 0.934, topic: 0.929, perspective: 0.895 },
  // Perspective floor 83.7 to the measured 86.5 (en) when perspective learnt dev4-, dev6- and dev7-tune (build-nlu.ts) and read clefts and chat spellings.
  // Perspective 0.864 to 0.837 when perspective stopped learning dev4-, dev6- and dev7-tune and the spellings and clefts of 87aae3f were taken out again: held-out and the second fresh set, both never read, did worse with them.
  // Perspective 0.837 to 0.824 (one message) when perspective learnt the eleventh dev set (dev11-tune-topic and dev11-tune-danger, build-nlu.ts), traded for leave-one-set-out perspective over the five shared tuning parts (1,044 to 1,054 of 1,161 en, 1,240 to 1,253 of 1,360 nl) and eight more right over the Dutch checking parts (one fewer English).
  // `unclear` on calm 0.02 to the measured 0.029 (one message) when the self-harm field model asks from 0.3 in English instead of 0.6.
  en: { dangerRecall: 1, nowOnUrgent: 0.885, nowOnCalm: 0.02, unclearOnCalm: 0.029, intent: 0.957, topic: 0.835, perspective: 0.824 },
};
const DEV5_CHECK_FLOORS = {
  // Intent 98.5 to 97.5% (two questions) when the intents of all tune and checking sets were made to follow the settled
  // conventions (this set's own labels changed in 7 lines). English topic 92.5 to 90.9% (one question) with the settled topic
  // conventions (9 of this set's topics changed).
  // Dutch perspective 90.6 to 89.9 (one message) with the Dutch words of 6 December evening, back to 90.6 and English topic 90.9
  // to 93.2 when a denied deed stopped counting for its topic.
  // With the ask located: intent 97.5 to 99.5 (nl) and 98.1 to 100 (en), Dutch perspective 90.6 to 91.2; English perspective 100
  // to 97.3 (one message: a colleague's story with "my shoulder too"; the intent cues are features of that regression and grew).
  // Dutch `now` on urgent 92.5 to 93.5 when a question about whom to call ("wie bel ik") no longer frames harm told in present grammar.
  // Perspective 91.3 to 90.6 (one message) with the cues of 7 December (cue kinds are features of the perspective regression), traded for fresh Dutch danger recall 96.5 to 99.1.
  // Perspective floor 90.6 to the measured 93.2 when perspective learnt the eleventh dev set (build-nlu.ts).
  // Perspective 93.2 to 92.6 (one message, a witness read as the target) with the danger kinds of the eleventh set's writer
  // (violence heard, a person thrown, Dutch verb-final despair: the kinds of harm are features of the perspective regression),
  // traded for Dutch danger recall on dev11-tune-danger 94.8 to 100.
  // Ratios moved, no message changed its labels, when the messages close to a readable text left this set (7 December, lead).
  nl: { dangerRecall: 1, nowOnUrgent: 0.933, nowOnCalm: 0.011, unclearOnCalm: 0.095, intent: 0.995, topic: 0.962, perspective: 0.926 },
  // English `now` on urgent 75.0 to 80.0 with the escalation idiom, a threat made earlier by someone still there, Dutch separable verbs of violence in the te-infinitive (7 December).
  // Perspective floor 97.3 to the measured 94.7 (en) when perspective learnt dev4-, dev6- and dev7-tune (build-nlu.ts) and read clefts and chat spellings, traded for leave-one-set-out perspective over the five shared tuning parts (1,044 to 1,059 of 1,161 en, 1,239 to 1,252 of 1,360 nl) and four more right over the checking parts and the fresh set.
  en: { dangerRecall: 1, nowOnUrgent: 0.8, nowOnCalm: 0.029, unclearOnCalm: 0.086, intent: 1, topic: 0.931, perspective: 0.973 },
};
// Measured when the set arrived (danger recall 91.3 / 63.2, `now` on urgent 78.3 / 42.1, English `now` on calm 21.1), then with the
// cues of 6 December evening for self-harm told indirectly, threats with the person present and sexual violence now (dev6-tune
// is not learnt by the danger model: with it the check sets lost English `now` on urgent).
const DEV6_CHECK_FLOORS = {
  // Perspective 96.8 to 93.5 (one message): laughing about it and 'tegen zich aan' were dropped as danger cues (one turned a
  // confinement calm, the other two calm messages urgent), and the cue kinds are features of the perspective regression.
  // Perspective 93.5 back to 96.8 with the Dutch false-alarm kinds of the seventh set (the cue kinds are features of the regression).
  // `now` on urgent 91.3 to 100 and `unclear` on calm 31.6 to 26.3 with the cues of 7 December ("nog een keer" as the condition of a threat, a Dutch conditional threat in the first person).
  // Perspective floor 96.7 to the measured 100.0 (nl) when perspective learnt dev4-, dev6- and dev7-tune (build-nlu.ts) and read clefts and chat spellings.
  // Perspective 1 to 0.967 when perspective stopped learning dev4-, dev6- and dev7-tune and the spellings and clefts of 87aae3f were taken out again: held-out and the second fresh set, both never read, did worse with them.
  // Perspective floor 96.7 to the measured 100 when perspective learnt the eleventh dev set (build-nlu.ts).
  nl: { dangerRecall: 1, nowOnUrgent: 1, nowOnCalm: 0, unclearOnCalm: 0.264, intent: 0.976, topic: 0.945, perspective: 1 },
  // English `now` on urgent 63.2 to 68.4% with the cues for self-harm told sideways (a practical question about one's own death).
  // English intent 92.1 to 94.7 with the ask located (Dutch 100 to 97.6, one message, at the floor set before).
  // Danger recall 94.7 to 100 and `now` on urgent 68.4 to 73.7 when the calm of a decision ("I am fine" beside a plan) stopped counting as a recovery (7 December; this set's mistakes were read for kinds, so in-sample).
  // Perspective 1 to 0.923 (one message) when perspective learnt the eleventh dev set (dev11-tune-topic and dev11-tune-danger, build-nlu.ts), traded for leave-one-set-out perspective over the five shared tuning parts (1,044 to 1,054 of 1,161 en, 1,240 to 1,253 of 1,360 nl) and eight more right over the Dutch checking parts (one fewer English).
  // Perspective back to 1 with the writer owning up as a feature of the perspective regression (lexicon.admissions).
  // `unclear` on calm 0 to 5.3% (one of 19 messages) with the self-harm field model (selfHarmField.ts), traded for the fourteenth set's
  // by-writer check (danger recall 85.0 to 86.7 en, 81.7 to 85.0 nl) and 10 more urgent messages found over the tune files left out in turn.
  en: { dangerRecall: 1, nowOnUrgent: 0.736, nowOnCalm: 0.106, unclearOnCalm: 0.053, intent: 0.947, topic: 1, perspective: 1 },
};
// Learning from the third dev set moved Dutch `now` on urgent from 81.6 to 81.0 and Dutch topic from 81.1 to 78.4 (English recall and perspective rose).
// The intent, topic and perspective regressions raised held-out perspective (81.1/78.3 to 87.9/89.2), topic (85.3/78.4 to 87.4/82.7)
// and English intent (89.6 to 93.5); Dutch intent stays near 92 (the cue rules decide unless the regression is 0.9 sure).
// English perspective 0.881 to 0.878: the sexual terms added to the topic lexicon are features of the perspective regression too.
// The danger cues' kinds of harm are features of the regressions too: the danger cues of 6 December afternoon moved held-out
// Dutch perspective 88.6 to 88.4, English intent 93.4 to 93.3, English topic 87.4 to 87.1 and English perspective 87.9 to 87.1 (one to three questions), the third dev set's Dutch checking part's perspective 91.3 to 90.1.
const HELDOUT_FLOORS = {
  // With dev5-tune learnt and the danger question asked from p 0.25: Dutch `unclear` on calm 7.9 to 8.7% for danger recall
  // 95.7 to 98.7%; Dutch intent 92.0 to 91.8 (one message) and perspective 88.8 to 88.6 (one message) while topic rose.
  // Topic 85.1 to 84.8 (one message) when laughing about it and 'tegen zich aan' were dropped as danger cues (cue kinds are
  // features of the topic regression; the cues were dropped for recall, see dangerWording.test.ts).
  // Topic 84.8 to 84.3 (two messages) and perspective 88.9 to 88.7 (one) with the Dutch words of 6 December evening, traded for
  // dev7-check's topic 88.7 to 89.4 and perspective 86.1 to 91.3 and leave-one-set-out topic 90.9 to 91.3 (perspective 91.6 to 91.5).
  // `now` on calm 3.0 to 2.3% (8 to 6 of 265) and `unclear` on calm 8.7 to 8.3% with the Dutch false-alarm kinds of the seventh set.
  // Intent 93.6 to 96.2, topic 84.2 to 84.5 and perspective 88.6 to 88.9 with the ask located (askLocation.ts).
  // Topic 84.5 to 85.1 (two messages) and perspective 88.9 to 88.6 (one) with the Dutch words for a hand in or under clothes and pulling someone against oneself.
  // 7 December, methods of ending one's life by kind (traffic, a barrier driven into, a height stepped off, a car's exhaust), a person slammed or pinned against something, "terwijl ik" only with present words: `now` on urgent 92.0 to 92.6, `unclear` on calm 8.3 to 7.9, topic 85.1 to 85.3 and perspective 88.7 to 88.9, for `now` on calm 2.3 to 2.6 (one message, under the 3% target).
  // Topic floor 85.2 to the measured 84.8, perspective floor 88.8 to the measured 88.9 (nl) when perspective learnt dev4-, dev6- and dev7-tune (build-nlu.ts) and read clefts and chat spellings, traded for leave-one-set-out perspective over the five shared tuning parts (1,044 to 1,059 of 1,161 en, 1,239 to 1,252 of 1,360 nl) and four more right over the checking parts and the fresh set.
  // Perspective floor 88.9 to the measured 89.1 when perspective learnt the eleventh dev set (build-nlu.ts).
  // Topic floor 85.0 to the measured 86.1 with mockery of an identity read as discrimination (lexicon.identities).
  // Perspective floor 89.1 to the measured 89.6 with first-person self-harm read as the writer's own (decision.ts), measured by the lead.
  nl: { dangerRecall: 0.987, nowOnUrgent: 0.926, nowOnCalm: 0.027, unclearOnCalm: 0.08, intent: 0.962, topic: 0.861, perspective: 0.896 },
  // `unclear` on calm 5.7 to 7.2% while `now` on calm fell 4.2 to 2.7% (the word pairs, the evening's cues, a threat to kill that the
  // model may lower to the question); perspective 89.7 to 89.5 (one message) with the third round of cues.
  // Intent 94.4 to 95.8 and perspective 90.0 to 90.2 with the ask located.
  // Perspective 90.3 to 90.6 with the cues of 7 December (the cue kinds are features of the regression).
  // Perspective floor 90.5 to the measured 89.2 (en) when perspective learnt dev4-, dev6- and dev7-tune (build-nlu.ts) and read clefts and chat spellings, traded for leave-one-set-out perspective over the five shared tuning parts (1,044 to 1,059 of 1,161 en, 1,239 to 1,252 of 1,360 nl) and four more right over the checking parts and the fresh set.
  // Perspective 0.905 to 0.902 (one message, 344 of 381) when perspective learnt the eleventh dev set (dev11-tune-topic and dev11-tune-danger, build-nlu.ts), traded for leave-one-set-out perspective over the five shared tuning parts (1,044 to 1,054 of 1,161 en, 1,240 to 1,253 of 1,360 nl) and eight more right over the Dutch checking parts (one fewer English).
  // Topic floor 89.1 to the measured 89.5 with mockery of an identity read as discrimination (lexicon.identities).
  // Perspective floor 90.2 to the measured 90.8 with the writer owning up as a feature of the perspective regression (lexicon.admissions).
  // Perspective floor 90.8 to the measured 91.8 with a threat reported of the writer read as aimed at the writer (lexicon.aimedAtWriter.reports), measured by the lead.
  en: { dangerRecall: 0.988, nowOnUrgent: 0.952, nowOnCalm: 0.027, unclearOnCalm: 0.072, intent: 0.958, topic: 0.895, perspective: 0.918 },
};

/** A set's floors: over the whole set (`all`), or per language. */
type SetFloors = { readonly all?: Floors } & Partial<Record<Locale, Floors>>;

/**
 * The floors of every set of scripts/evaluationSets.ts that is only measured, and of the tune sets that have them, by set
 * name; each number and its reasons are in the constants above.
 */
const SET_FLOORS: Readonly<Record<string, SetFloors>> = {
  heldout: HELDOUT_FLOORS,
  fresh8: FRESH8_FLOORS,
  fresh7: FRESH7_FLOORS,
  fresh6: FRESH6_FLOORS,
  fresh5: FRESH5_FLOORS,
  fresh4: FRESH4_FLOORS,
  fresh3: FRESH3_FLOORS,
  fresh2: FRESH2_FLOORS,
  dev14checken: { en: DEV14_CHECK_FLOORS.en },
  dev14checknl: { nl: DEV14_CHECK_FLOORS.nl },
  fresh: FRESH_FLOORS,
  dev2check: { all: DEV2_CHECK_FLOORS },
  dev3check: DEV3_CHECK_FLOORS,
  dev4check: { all: DEV4_CHECK_FLOORS },
  dev5check: DEV5_CHECK_FLOORS,
  dev6check: DEV6_CHECK_FLOORS,
  dev7check: DEV7_CHECK_FLOORS,
  dev: { en: NEW_DEV_FLOORS, nl: NEW_DEV_FLOORS },
  dev14en: { en: DEV14_TUNE_FLOORS.en },
  dev14nl: { nl: DEV14_TUNE_FLOORS.nl },
  dev15en: { en: DEV15_TUNE_FLOORS.en },
  dev15nl: { nl: DEV15_TUNE_FLOORS.nl },
  dev16en: { en: DEV16_TUNE_FLOORS.en },
  dev16nl: { nl: DEV16_TUNE_FLOORS.nl },
  dev17en: { en: DEV17_TUNE_FLOORS.en },
  dev17nl: { nl: DEV17_TUNE_FLOORS.nl },
  dev18en: { en: DEV18_TUNE_FLOORS.en },
  dev18nl: { nl: DEV18_TUNE_FLOORS.nl },
  dev19en: { en: DEV19_TUNE_FLOORS.en },
  dev19nl: { nl: DEV19_TUNE_FLOORS.nl },
};


const ROLES: Readonly<Record<SetRole, string>> = {
  neverRead: 'measured by the lead only, read by nobody',
  measureOnly: 'measured as totals only, read by nobody',
  check: 'a checking part, never tuned on',
  tune: 'tuned on',
};

const measuredSets = EVALUATION_SETS.filter((set) => set.role !== 'tune' || SET_FLOORS[set.name] !== undefined);

describe.each(measuredSets.map((set) => [`${set.name} (test/fixtures/${set.file}), ${ROLES[set.role]}`, set] as const))('%s', (_title, set) => {
  const floors = SET_FLOORS[set.name] ?? {};
  const scopes = (['all', ...LOCALES] as const).filter((scope) => floors[scope] !== undefined);
  let report: ClassifierReport;

  beforeAll(async () => {
    report = await evaluateClassifier(classifier, readQuestions(set.file));
  }, 60_000);

  test('has floors over the whole set or for each language it holds', () => {
    const held = LOCALES.filter((locale) => report.byLocale[locale] !== undefined);
    expect(held.filter((locale) => floors.all === undefined && floors[locale] === undefined)).toEqual([]);
    expect(scopes.filter((scope) => scope !== 'all' && !held.includes(scope))).toEqual([]);
  });

  if (scopes.length > 0) {
    test.each(scopes)('keeps its measured figures (%s)', (scope) => {
      const figures = scope === 'all' ? report : report.byLocale[scope]!;
      expect(floorsMissed(figures, floors[scope]!)).toEqual({});
    });
  }

  if (set.role !== 'tune') {
    // When a measured message lies inside or close to a text someone may read (training data, the labelled set, a checking
    // part), the measured message goes, as the first ten held-out repeats did: it no longer tells how the bot does on new words.
    test('shares no text with the messages the models learn from, the training utterances or any other set', () => {
      expect(leaks(set.file, readQuestions(set.file), textsBesides(set.file))).toEqual([]);
    }, 120_000);
  }
});

describe('the held-out new phrasings (test/fixtures/heldout-questions.jsonl)', () => {
  test('has urgent messages and near-misses of every kind in both languages', () => {
    const heldoutSet = readQuestions(setNamed('heldout').file);
    for (const locale of LOCALES) {
      const ofLocale = heldoutSet.filter((question) => question.locale === locale);
      expect(ofLocale.filter((question) => question.danger === 'now').length).toBeGreaterThanOrEqual(150);
      expect(ofLocale.filter((question) => question.danger === 'none' && question.category).length).toBeGreaterThanOrEqual(150);
    }
  });
});

describe('what the models learn (TUNE_SETS, from learnedBy in scripts/evaluationSets.ts)', () => {
  test('the models learn only from the tune sets (content/nlu/examples.json)', () => {
    const tuneTexts = new Set(tuneSetsOf(TUNE_SETS).flatMap((file) => readQuestions(file).map((question) => question.text)));
    expect(content.nluExamples.filter((example) => !tuneTexts.has(example.text))).toEqual([]);
    expect(new Set(content.nluExamples.map((example) => example.text)).size).toBe(tuneTexts.size);
  });

  test.each(LEARNING_MODELS)('the %s model learns from exactly its own tune sets (TUNE_SETS)', (model) => {
    // The field model learns self-harm against calm messages: the other urgent messages of its sets are no examples for it.
    const learns = (question: LabelledQuestion) => model !== 'selfHarmField' || !isUrgent(question) || question.category?.startsWith('self-harm') === true;
    const ownTexts = new Set(TUNE_SETS[model].flatMap((file) => readQuestions(file).filter(learns).map((question) => question.text)));
    const learned = content.nluExamples.filter((example) => example[model] !== undefined).map((example) => example.text);
    expect(new Set(learned)).toEqual(ownTexts);
  });
});

// Training time and the time per question are speed targets: `npm run bench` measures them
// (classifier section), not timed assertions here.

/** A text beside where it comes from, so a leak is reported by its place and no message is printed. */
interface SourcedText {
  readonly text: string;
  readonly source: string;
}

function trainingUtterances(loaded: Content): SourcedText[] {
  return LOCALES.flatMap((locale) => {
    const training = loaded.nlu[locale];
    return [training.intents, training.topics, training.perspectives]
      .flatMap((groups) => Object.values(groups).flat())
      .concat(training.urgent)
      .map((text) => ({ text, source: `content/nlu/${locale}.json` }));
  });
}

function textsOf(file: string): SourcedText[] {
  return readQuestions(file).map(({ text }, index) => ({ text, source: `${file} message ${index + 1}` }));
}

/** Every text the models learn from, the training utterances and every other set's messages, each text once. */
function textsBesides(file: string): ReadonlyMap<string, string> {
  const others = [
    ...content.nluExamples.map(({ text }, index) => ({ text, source: `content/nlu/examples.json example ${index + 1}` })),
    ...trainingUtterances(content),
    ...EVALUATION_SETS.filter((set) => set.file !== file).flatMap((set) => textsOf(set.file)),
  ];
  const bySource = new Map<string, string>();
  for (const { text, source } of others) if (!bySource.has(text)) bySource.set(text, source);
  return bySource;
}

/**
 * Each message of `set` (the questions of `file`) that overlaps a text of `others` (text to where it comes from), by place
 * only: a failure must not print the messages of a set nobody reads.
 */
function leaks(file: string, set: readonly LabelledQuestion[], others: ReadonlyMap<string, string>): string[] {
  const otherTexts = [...others];
  return set.flatMap((question, index) =>
    otherTexts.filter(([other]) => overlaps(question.text, other)).map(([, source]) => `${file} message ${index + 1} ~ ${source}`),
  );
}

/**
 * The same text, a test question of four or more words inside another text, another text of seven
 * or more words inside a test question, or a near paraphrase (three quarters of the words shared).
 * Short phrases ("wat moet ik doen", "melding maken") are the language's building blocks, not leaks.
 */
function overlaps(testText: string, other: string): boolean {
  const a = wordsOf(testText);
  const b = wordsOf(other);
  if (a.joined === b.joined) return true;
  if (a.count >= 4 && b.padded.includes(a.padded)) return true;
  if (b.count >= 7 && a.padded.includes(b.padded)) return true;
  if (Math.min(a.count, b.count) < 5) return false;
  // Three quarters of the union shared needs sets of similar size: most pairs stop here.
  const [smaller, larger] = a.distinct.size <= b.distinct.size ? [a.distinct, b.distinct] : [b.distinct, a.distinct];
  if (smaller.size < 0.75 * larger.size) return false;
  let shared = 0;
  for (const word of smaller) if (larger.has(word)) shared += 1;
  return shared / (smaller.size + larger.size - shared) >= 0.75;
}

interface TextWords {
  readonly count: number;
  readonly joined: string;
  /** The words joined and padded with spaces, so a word sequence is found by substring search. */
  readonly padded: string;
  readonly distinct: ReadonlySet<string>;
}

/** Each text's words once: the leak checks compare thousands of texts with each other. */
const wordsByText = new Map<string, TextWords>();

function wordsOf(text: string): TextWords {
  let found = wordsByText.get(text);
  if (!found) {
    const words = text.toLowerCase().replace(/[’‘]/g, "'").split(/[^\p{L}\p{N}']+/u).filter((word) => word !== '');
    const joined = words.join(' ');
    found = { count: words.length, joined, padded: ` ${joined} `, distinct: new Set(words) };
    wordsByText.set(text, found);
  }
  return found;
}
