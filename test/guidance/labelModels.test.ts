import { containerBootstrap } from '@nlpjs/core';
import { LangEn } from '@nlpjs/lang-en-min';
import { LangNl } from '@nlpjs/lang-nl';
import fs from 'node:fs';
import path from 'node:path';
import type { AskKind } from '../../src/guidance/classifier/askLocation';
import type { DangerAssessment } from '../../src/guidance/classifier/danger';
import type { HarmKind } from '../../src/guidance/classifier/dangerKinds';
import { decide } from '../../src/guidance/classifier/decision';
import { CUE_INTENTS, INTENT_MODEL_LABELS, type LocaleEvidence } from '../../src/guidance/classifier/localeEvidence';
import { cueFeatures, WhoWords, wordFeatures } from '../../src/guidance/classifier/messageFeatures';
import { SoftmaxModel, type SoftmaxExample } from '../../src/guidance/classifier/softmaxModel';
import { LocaleAnalyser, type NlpjsContainer } from '../../src/guidance/classifier/textAnalysis';
import { PERSPECTIVES, TOPICS } from '../../src/guidance/vocabulary';

// The intent, topic and perspective regressions: what they read (messageFeatures) and how they learn (softmaxModel).

let english: LocaleAnalyser;
let dutch: LocaleAnalyser;

beforeAll(async () => {
  const container = (await containerBootstrap()) as unknown as NlpjsContainer;
  container.use(LangEn);
  container.use(LangNl);
  english = new LocaleAnalyser(container, 'en');
  dutch = new LocaleAnalyser(container, 'nl');
});

describe('the words a model reads', () => {
  test.each([
    ['"my" before a body part or a belonging', 'He grabbed my wrist', 'b:my_wrist'],
    ['"my" before a belonging', 'someone keeps hiding my stethoscope', 'b:my_stethoscop'],
    ['an admission: "I" before what the writer did', 'I copied two pages without saying so', 'b:i_copi'],
    ['a question whether to report, not a request to report', 'should I report this?', 'b:i_report'],
  ])('pairs of neighbouring stems carry %s', (_kind, text, feature) => {
    expect([...wordFeatures(english.analyse(text))]).toContain(feature);
  });

  test.each([
    ['a Dutch compound shares its beginning with its first word', 'hij zette me in een wurggreep', 'p:wurgg'],
    ['a Dutch compound shares its ending with its last word ("nekgreep", "wurggreep")', 'hij hield haar in een nekgreep', 'e:greep'],
    ['"mijn" before a body part', 'hij pakte mijn arm vast', 'b:mijn_arm'],
  ])('%s', (_kind, text, feature) => {
    expect([...wordFeatures(dutch.analyse(text))]).toContain(feature);
  });

  test('a very short message says so, a long one does not', () => {
    expect(wordFeatures(english.analyse('code of conduct'))).toContain('n:short');
    expect(wordFeatures(english.analyse('my supervisor keeps shouting at me in front of the whole team'))).not.toContain('n:short');
  });

  test('lexicon labels, a label named twice, the writer\'s own references and kinds of harm are features', () => {
    const features = cueFeatures({
      topicTerms: [0, 2],
      topicLabels: ['bullying', 'aggression'],
      perspectiveCues: [1, 0],
      perspectiveLabels: ['witness', 'target'],
      intentCues: [0],
      intentUnless: [1],
      intentLabels: ['report'],
      selfReferences: 3,
      harmNamed: new Set(['violence'] as const),
    });
    expect([...features].sort()).toEqual(['c:witness', 'h:violence', 'm:many', 't2:aggression', 't:aggression', 'u:report'].sort());
  });
});

describe('who a message is about (lexicon.pronouns and lexicon.people)', () => {
  const whoWordsOf = (analyser: LocaleAnalyser) => {
    const { lexicon } = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'content', 'nlu', `${analyser.locale}.json`), 'utf8'));
    return new WhoWords(
      { ...lexicon.pronouns, people: lexicon.people, writerActs: lexicon.writerActs, writerRole: lexicon.writerRole, aimedAtWriter: lexicon.aimedAtWriter },
      (word) => analyser.stem(word),
    );
  };
  const featuresOf = (analyser: LocaleAnalyser, text: string) => [...whoWordsOf(analyser).features(analyser.analyse(text), new Set())].sort();

  test.each([
    ['a threat told to the writer', 'en', "the patient's son told me he'll kill me after my shift", { said: true, reported: false, at: false }],
    ['to the writer\'s face', 'en', 'he said to my face that I would regret it', { said: true, reported: false, at: false }],
    ['a knife waved at the team', 'en', 'a visitor is waving a knife at us from behind the counter', { said: false, reported: false, at: true }],
    ['told of someone else as its object', 'en', 'my colleague told me he threatened to hurt her', { said: false, reported: false, at: false }],
    ['the writer as its object before the one who threatened', 'en', "a porter told me he'd break my nose if I reported him", { said: true, reported: false, at: false }],
    ['"our" before a person is no object ("told me that our supervisor ...")', 'en', 'my colleague told me that our supervisor threatened to block her defence', { said: false, reported: false, at: false }],
    ['said to the writer (nl)', 'nl', 'de vader zei tegen mij dat hij me zou opwachten', { said: true, reported: false, at: false }],
    ['a weapon aimed at the writer (nl)', 'nl', 'hij richt een schaar op mij', { said: false, reported: false, at: true }],
    ['told of a colleague as its object (nl)', 'nl', 'mijn collega zei tegen mij dat een patiënt haar wilde slaan', { said: false, reported: false, at: false }],
    ['the bystander\'s own "I" after a join is no object', 'en', 'my colleague told me she was threatened by a patient and I want to help', { said: false, reported: false, at: false }],
    ['the bystander\'s own "I" after a comma is no object', 'en', "a nurse told me she got threatened today, I don't know what to do", { said: false, reported: false, at: false }],
    ['the bystander\'s own "ik" after a comma is no object (nl)', 'nl', 'mijn collega zei tegen me dat ze bedreigd werd, ik wil helpen', { said: false, reported: false, at: false }],
    ['the writer as an object still counts after a join (nl)', 'nl', 'een vader dreigde tegen mij dat hij de arts en mij iets zou aandoen', { said: true, reported: false, at: false }],
    ['a threat reported of the writer, nobody named as told', 'en', "the porter is yelling that he'll break my jaw", { said: false, reported: true, at: false }],
    ['a threat reported of the writer without "that"', 'en', 'a visitor says she will slap me if I do not let her in', { said: false, reported: true, at: false }],
    ['a threat reported of the writer (nl)', 'nl', 'de supervisor brult dat hij me een klap geeft', { said: false, reported: true, at: false }],
    ['a threat reported of the writer, verb before its subject (nl)', 'nl', 'een vrouw aan de balie zegt zij slaat mij als ik niet opschiet', { said: false, reported: true, at: false }],
    ['a threat reported of everyone there is no threat to the writer alone', 'en', "a visitor says he'll burn the place down with us in it", { said: false, reported: false, at: false }],
    ['a threat reported of someone else', 'en', "a patient says he'll punch the nurse next to me", { said: false, reported: false, at: false }],
    ['a threat reported of everyone there (nl)', 'nl', 'de bezoeker roept dat hij ons allemaal een klap geeft', { said: false, reported: false, at: false }],
    ['the writer far after the report is no object of it (nl)', 'nl', 'mijn collega zegt dat ze vorige week door een patiënt is geslagen en dat ik', { said: false, reported: false, at: false }],
  ] as const)('whether a threat or a weapon is aimed at the writer (lexicon.aimedAtWriter): %s', (_kind, locale, text, aim) => {
    const analyser = locale === 'en' ? english : dutch;
    expect(whoWordsOf(analyser).aimAtWriter(analyser.analyse(text), analyser.clauseStarts(text))).toEqual(aim);
  });

  test.each([
    ['a role near the start, "here" after it, told by a report', 'en', 'Research group leader here: a PhD candidate confided that her co-supervisor blocks her defence', true],
    ['"I am the" before the role, told by "told me"', 'en', 'My resident told me the surgeon threatened to fail her. I am the program director.', true],
    ['"as" before the role', 'en', 'As head of department I received a complaint about one of my consultants', true],
    ['"I\'m her" before the role', 'en', 'a midwife told me a colleague keeps mocking her pregnancy, I\'m her team lead', true],
    ['a role that receives no signals', 'en', "I'm a nurse. The secretary of my ward told me a specialist called her a stupid cow", false],
    ['a role named, nobody tells the writer anything', 'en', 'As head of department I keep getting shouted at by a surgeon', false],
    ['the role of someone addressed', 'en', 'what do you do when your own manager says he will give a bad reference', false],
    ['"ik ben" before the role (nl)', 'nl', 'ik ben diensthoofd en een verpleegster is vanmorgen bij mij gekomen omdat een collega haar negeert', true],
    ['a compound ending in -hoofd, "hier" after it (nl)', 'nl', 'afdelingshoofd hier. promovendus meldt dat haar begeleider figuren hergebruikt', true],
    ['"als haar" before the role (nl)', 'nl', 'Een stagiaire kwam huilend naar mij als haar stagebegeleider', true],
    ['"ik ben" before another person, then a manager (nl)', 'nl', 'Ik ben coassistent. De supervisor heeft gezegd dat hij me laat zakken', false],
    ['"my" before the role: someone else\'s manager (nl)', 'nl', 'Mijn diensthoofd staat hier in mijn bureau en zegt dat ik een pak slaag verdien', false],
    ['"je eigen baas": someone addressed (nl)', 'nl', 'Hoe werkt de klachtenregeling als je eigen baas zegt dat hij je een slechte referentie geeft?', false],
  ] as const)('whether a writer in a managing role is told of something (lexicon.writerRole.manages, toldBy): %s', (_kind, locale, text, told) => {
    const analyser = locale === 'en' ? english : dutch;
    expect(whoWordsOf(analyser).managerToldOf(analyser.analyse(text))).toBe(told);
  });

  test.each([
    ['"my" with a body part: the writer is hurt', 'en', 'He grabbed my wrist and twisted it', ['y:my-thing', 'y:self-only']],
    ['"my" with a belonging: the writer is wronged', 'en', 'someone smashed my phone against the wall', ['y:my-thing', 'y:self-only']],
    ['chat spelling of "my" (nl)', 'nl', 'pt bijt in mn onderarm en laat nie los', ['y:my-thing', 'y:self-only']],
    ['"m\'n" written as two tokens (nl)', 'nl', "iemand heeft m'n tas doorzocht", ['y:my-thing', 'y:self-only']],
    ['the writer as the object', 'en', 'the porter keeps shoving me and laughing', ['y:me', 'y:self-only']],
    ['the writer as the object (nl)', 'nl', 'hij gooit met stoelen naar ons', ['y:me', 'y:self-only']],
    // The dialect's "mie" (content/nlu/nl.json, pronouns.object). It was also a classification example (target) until
    // perspective learnt the eleventh dev set (build-nlu.ts): the regression now weighs "collega" in that one sentence
    // above the object pronoun, so only the reading is a guarantee here.
    ['the dialect\'s "mie" is the writer as the object (nl)', 'nl', 'Dij collega schold mie uit in de gang', ['y:me', 'y:self-only']],
    ['"my" with a person: someone else', 'en', 'my colleague is being shouted at by a visitor', ['y:my-person', 'y:others-only']],
    ['"my" with an adjective and a person', 'en', 'my new coworker gets mocked every shift', ['y:my-person', 'y:others-only']],
    ['"mijn" with a compound for a person (nl)', 'nl', 'mijn teamcollega wordt uitgescholden', ['y:my-person', 'y:others-only']],
    ['others as the object', 'en', 'he pushed her against the lockers', ['y:others', 'y:others-only']],
    ['the writer in a group, with others as the object (nl)', 'nl', 'wij zitten binnen en hij bedreigt hem', ['y:others', 'y:others-only', 'y:we']],
    ['both the writer and someone of theirs', 'en', 'my supervisor yelled at me again', ['y:me', 'y:my-person', 'y:self+others']],
  ] as const)('%s', (_kind, locale, text, expected) => {
    expect(featuresOf(locale === 'en' ? english : dutch, text)).toEqual([...expected].sort());
  });

  test.each([
    ['a past form after "I"', 'en', 'I deleted the outliers before I sent the file'],
    ['a past form after "I" and a filler', 'en', 'i kinda skipped her when handing out the shifts'],
    ['an irregular past after "I"', 'en', 'I took two boxes of gloves home'],
    ['a past form after "ik"', 'nl', 'ik duwde de stagiair opzij'],
    ['a participle after "ik heb", words later', 'nl', 'Ik heb de notulen van het overleg achteraf aangepast'],
    ['a message that opens with "heb", the writer left out', 'nl', 'heb een paar bonnetjes dubbel gedeclareerd'],
  ] as const)('the writer did something (the accused): %s', (_kind, locale, text) => {
    expect(featuresOf(locale === 'en' ? english : dutch, text)).toContain('y:i-did');
  });

  test.each([
    ['seeing is no deed', 'en', 'I saw a resident push the intern'],
    ['undergoing is no deed', 'en', 'I was pushed against the wall by a visitor'],
    ['being told is no deed', 'en', 'I heard that my colleague copied her thesis'],
    ['seeing is no deed (nl)', 'nl', 'ik heb gezien dat een arts de verpleegkundige uitschold'],
    ['a participle after "die" belongs to someone else (nl)', 'nl', 'ik heb een collega die elke dienst wordt uitgelachen'],
  ] as const)('the writer did nothing: %s', (_kind, locale, text) => {
    expect(featuresOf(locale === 'en' ? english : dutch, text)).not.toContain('y:i-did');
  });

  test.each([
    ['a role with "here" at the start', 'en', 'Head of the cleaning crew here, one of the cleaners says her supervisor shouts', 'y:role:head'],
    ['a role after "as"', 'en', 'As her line manager I want to follow this up', 'y:role:manag'],
    ['a role after "I am"', 'en', "I'm the team lead and a nurse came to me", 'y:role:team'],
    ['a role with "hier" at the start (nl)', 'nl', 'Teamleider hier: een medewerker wordt gepest', 'y:role:teamleider'],
    ['a role after "als" (nl)', 'nl', 'Als coördinator hoorde ik van een stagiair dat hij wordt gekleineerd', 'y:role:coordinator'],
  ] as const)('the writer names their own role (the manager): %s', (_kind, locale, text, feature) => {
    const features = featuresOf(locale === 'en' ? english : dutch, text);
    expect(features).toContain('y:role');
    expect(features).toContain(feature);
  });

  test('a role someone else has is not the writer\'s', () => {
    expect(featuresOf(english, 'the team lead keeps shouting at a nurse')).not.toContain('y:role');
    expect(featuresOf(dutch, 'de teamleider scheldt een verpleegkundige uit')).not.toContain('y:role');
  });
});

describe('the regression', () => {
  const examples: SoftmaxExample[] = [
    { features: ['s:hit', 'h:violence'], label: 'aggression' },
    { features: ['s:kick', 'h:violence'], label: 'aggression' },
    { features: ['s:hit', 's:kick'], label: 'aggression' },
    { features: ['s:grope', 't:sexual-harassment'], label: 'sexual-harassment' },
    { features: ['s:grope', 't:sexual-harassment', 's:once'], label: 'sexual-harassment', weight: 0.5 },
    { features: ['s:exclud', 's:ignor'], label: 'bullying' },
    { features: ['s:exclud', 's:ignor'], label: 'bullying' },
  ];
  const labels = ['aggression', 'sexual-harassment', 'bullying'];

  test('learns which features point to which label, and gives probabilities that sum to one', () => {
    const model = SoftmaxModel.train(labels, examples);
    const probabilities = model.probabilities(['s:kick', 's:unknown']);
    expect(labels[probabilities.indexOf(Math.max(...probabilities))]).toBe('aggression');
    expect(probabilities.reduce((total, value) => total + value, 0)).toBeCloseTo(1, 10);
    expect(model.strongestFor(['s:grope', 's:hit'], 'sexual-harassment', 1)).toEqual(['s:grope']);
  });

  test('the same examples give the same weights, and stored weights give the same answers', () => {
    const first = SoftmaxModel.train(labels, examples);
    expect(JSON.stringify(SoftmaxModel.train(labels, examples))).toBe(JSON.stringify(first));
    const restored = SoftmaxModel.fromJSON(JSON.parse(JSON.stringify(first)));
    const [original, copy] = [first.probabilities(['s:ignor']), restored.probabilities(['s:ignor'])];
    expect([...copy]).toEqual([...original]);
  });

  test('keeps only features that at least two examples share', () => {
    expect(SoftmaxModel.train(labels, examples).toJSON().features).not.toContain('s:once');
    expect(SoftmaxModel.train(labels, examples).toJSON().features).toContain('s:grope');
  });

  test('refuses stored weights that do not fit its labels and features', () => {
    const oneByte = Buffer.from([1]).toString('base64');
    expect(() => SoftmaxModel.fromJSON({ labels: ['a', 'b'], features: ['s:x'], weights: oneByte, scaleExponents: oneByte, biases: [0, 0] })).toThrow(/wrong number of values/);
  });

  test('refuses an example with a label it does not know', () => {
    expect(() => SoftmaxModel.train(['a'], [{ features: ['s:x'], label: 'b' }])).toThrow(/Unknown label b/);
  });
});

describe('the decisions over the evidence (decision.ts)', () => {
  const noDanger: DangerAssessment = { level: 'none', harm: null, harmNamed: new Set(), reasons: [], tokensAnalysed: 8 };
  /** Evidence with every score 0 except those given, by label: `topicModel` and `topicRegression` take 'no-topic' too. */
  const evidence = (scores: {
    intentCues?: Record<string, number>;
    askKind?: AskKind;
    askIntentCues?: Record<string, number>;
    askWhatToDo?: boolean;
    askOffers?: Record<string, number>;
    intentFrames?: Record<string, number>;
    intentRegression?: Record<string, number>;
    identityTerms?: number;
    intimateTerms?: number;
    takenTerms?: number;
    slightTerms?: number;
    leverTerms?: number;
    isolatingTerms?: number;
    topicModel?: Record<string, number>;
    topicRegression?: Record<string, number>;
    aimAtWriter?: { said: boolean; reported: boolean; at: boolean };
    managerToldOf?: boolean;
    perspectiveRegression?: Record<string, number>;
  }): LocaleEvidence => {
    const vector = (labels: readonly string[], given: Record<string, number> = {}) => Float64Array.from(labels.map((label) => given[label] ?? 0));
    const topicLabels = [...TOPICS, 'no-topic'];
    return {
      locale: 'en',
      topicModel: vector(topicLabels, scores.topicModel),
      topicTerms: vector(TOPICS),
      identityTerms: scores.identityTerms ?? 0,
      intimateTerms: scores.intimateTerms ?? 0,
      takenTerms: scores.takenTerms ?? 0,
      slightTerms: scores.slightTerms ?? 0,
      leverTerms: scores.leverTerms ?? 0,
      isolatingTerms: scores.isolatingTerms ?? 0,
      perspectiveCues: vector(PERSPECTIVES),
      intentModel: vector(INTENT_MODEL_LABELS),
      intentCues: vector(CUE_INTENTS, scores.intentCues),
      askKind: scores.askKind ?? 'none',
      askIntentCues: vector(CUE_INTENTS, scores.askIntentCues),
      askWhatToDo: scores.askWhatToDo ?? false,
      askOffers: vector(CUE_INTENTS, scores.askOffers),
      intentFrames: vector(CUE_INTENTS, scores.intentFrames),
      intentRegression: vector(INTENT_MODEL_LABELS, scores.intentRegression),
      topicRegression: vector(topicLabels, scores.topicRegression),
      perspectiveRegression: vector(PERSPECTIVES, scores.perspectiveRegression ?? { witness: 1 }),
      namesOthers: true,
      tellsOfOthers: false,
      aimAtWriter: scores.aimAtWriter ?? { said: false, reported: false, at: false },
      managerToldOf: scores.managerToldOf ?? false,
      recognition: 1,
    };
  };

  test.each([
    ['a regression 0.95 sure of guidance outweighs a cue in a message that asks nothing', { guidance: 0.95, report: 0.05 }, 'guidance'],
    ['a regression 0.8 sure leaves the intent to the cue', { guidance: 0.8, report: 0.2 }, 'report'],
  ])('%s', (_kind, intentRegression, intent) => {
    const decided = decide(evidence({ intentCues: { report: 1 }, intentRegression, topicModel: { 'no-topic': 1 }, topicRegression: { 'no-topic': 1 } }), noDanger);
    expect(decided.intent).toBe(intent);
  });

  describe('mockery of an identity is discrimination even when it looks like bullying', () => {
    const violence: DangerAssessment = { ...noDanger, harmNamed: new Set(['violence'] as const) };
    test.each<[string, Parameters<typeof evidence>[0], DangerAssessment, string]>([
      ['bullying that names a kind of identity', { topicModel: { bullying: 0.7 }, identityTerms: 1 }, noDanger, 'discrimination'],
      ['bullying that names none', { topicModel: { bullying: 0.7 } }, noDanger, 'bullying'],
      ['abuse shouted at someone for an identity (aggression without a harm word)', { topicModel: { aggression: 0.7 }, identityTerms: 1 }, noDanger, 'discrimination'],
      ['a blow stays aggression whatever identity it names', { topicModel: { aggression: 0.7 }, identityTerms: 1 }, violence, 'aggression'],
      ['another topic keeps its own (an identity named beside sexual harassment)', { topicModel: { 'sexual-harassment': 0.7 }, identityTerms: 1 }, noDanger, 'sexual-harassment'],
    ])('%s', (_kind, scores, danger, topic) => {
      expect(decide(evidence(scores), danger).topic).toBe(topic);
    });
  });

  describe('unwanted sexual touching is sexual harassment even when force is involved', () => {
    const violence: DangerAssessment = { ...noDanger, harmNamed: new Set(['violence', 'confinement'] as const) };
    test.each<[string, Parameters<typeof evidence>[0], DangerAssessment, string]>([
      ['force that names what makes a touch sexual', { topicModel: { aggression: 0.7 }, intimateTerms: 1 }, violence, 'sexual-harassment'],
      ['force alone stays aggression', { topicModel: { aggression: 0.7 } }, violence, 'aggression'],
      ['force beside an identity that names what makes a touch sexual (a disabled toilet, an elderly woman)', { topicModel: { aggression: 0.7 }, intimateTerms: 1, identityTerms: 1 }, noDanger, 'sexual-harassment'],
      ['another topic keeps its own', { topicModel: { bullying: 0.7 }, intimateTerms: 1 }, noDanger, 'bullying'],
      ['a superior who holds someone for a kiss (abuse of power that names what makes a touch sexual)', { topicModel: { 'abuse-of-power': 0.7 }, intimateTerms: 1 }, noDanger, 'sexual-harassment'],
      ['a weapon keeps aggression whatever the words touch (a gun on a lap)', { topicModel: { aggression: 0.7 }, intimateTerms: 1 }, { ...noDanger, harmNamed: new Set(['weapon'] as const) }, 'aggression'],
      ['clothes pulled at in a situation that names no topic ("hij trekt aan mn kleren")', { intentRegression: { guidance: 1 }, topicModel: { 'no-topic': 0.9 }, intimateTerms: 1 }, noDanger, 'sexual-harassment'],
      ['no topic and nothing sexual stays without a topic', { intentRegression: { guidance: 1 }, topicModel: { 'no-topic': 0.9 } }, noDanger, 'none'],
    ])('%s', (_kind, scores, danger, topic) => {
      expect(decide(evidence(scores), danger).topic ?? 'none').toBe(topic);
    });
  });

  describe('force that takes someone along into a closed place is sexual harassment', () => {
    const force: DangerAssessment = { ...noDanger, harmNamed: new Set(['violence', 'confinement'] as const) };
    const weapon: DangerAssessment = { ...noDanger, harmNamed: new Set(['violence', 'weapon'] as const) };
    const threat: DangerAssessment = { ...noDanger, harmNamed: new Set(['threat'] as const) };
    test.each<[string, Parameters<typeof evidence>[0], DangerAssessment, string]>([
      ['force that takes someone into a closed place', { topicModel: { aggression: 0.7 }, isolatingTerms: 1 }, force, 'sexual-harassment'],
      ['told without harm words (a drill, a joke)', { topicModel: { aggression: 0.7 }, isolatingTerms: 1 }, noDanger, 'sexual-harassment'],
      ['force without it stays aggression', { topicModel: { aggression: 0.7 } }, force, 'aggression'],
      ['a weapon stays aggression wherever it takes someone', { topicModel: { aggression: 0.7 }, isolatingTerms: 1 }, weapon, 'aggression'],
      ['a threat stays aggression wherever it takes someone', { topicModel: { aggression: 0.7 }, isolatingTerms: 1 }, threat, 'aggression'],
      ['another topic keeps its own', { topicModel: { 'other-integrity': 0.7 }, isolatingTerms: 1 }, noDanger, 'other-integrity'],
    ])('%s', (_kind, scores, danger, topic) => {
      expect(decide(evidence(scores), danger).topic).toBe(topic);
    });
  });

  describe('a situation that names no topic but a slight is bullying', () => {
    const report = { askKind: 'whole' as const, askIntentCues: { report: 1 } };
    test.each<[string, Parameters<typeof evidence>[0], string | null]>([
      ['a slight and nothing else', { ...report, slightTerms: 1 }, 'bullying'],
      ['no slight: no topic', report, null],
      ['a topic the words name keeps it', { ...report, slightTerms: 1, topicModel: { 'abuse-of-power': 0.7 } }, 'abuse-of-power'],
    ])('%s', (_kind, scores, topic) => {
      expect(decide(evidence(scores), noDanger).topic).toBe(topic);
    });
  });

  describe('taking money or goods is other integrity though the verb also grabs', () => {
    const violence: DangerAssessment = { ...noDanger, harmNamed: new Set(['violence'] as const) };
    test.each<[string, Parameters<typeof evidence>[0], DangerAssessment, string]>([
      ['aggression by its words, no harm, and what a theft takes', { topicModel: { aggression: 0.7 }, takenTerms: 1 }, noDanger, 'other-integrity'],
      ['a blow beside a wallet stays aggression (a robbery)', { topicModel: { aggression: 0.7 }, takenTerms: 1 }, violence, 'aggression'],
      ['another topic keeps its own', { topicModel: { 'abuse-of-power': 0.7 }, takenTerms: 1 }, noDanger, 'abuse-of-power'],
    ])('%s', (_kind, scores, danger, topic) => {
      expect(decide(evidence(scores), danger).topic).toBe(topic);
    });
  });

  describe('a career lever a superior holds turns research integrity into abuse of power', () => {
    test.each<[string, Parameters<typeof evidence>[0], string]>([
      ['research integrity by its words and a lever ("anders tekent hij de verlenging niet")', { topicModel: { 'research-integrity': 0.7 }, leverTerms: 1 }, 'abuse-of-power'],
      ['research integrity without a lever keeps its own', { topicModel: { 'research-integrity': 0.7 } }, 'research-integrity'],
      ['another topic keeps its own beside a lever', { topicModel: { bullying: 0.7 }, leverTerms: 1 }, 'bullying'],
    ])('%s', (_kind, scores, topic) => {
      expect(decide(evidence(scores), noDanger).topic).toBe(topic);
    });
  });

  describe('a career lever a superior holds turns aggression that nothing makes physical into abuse of power', () => {
    const held: DangerAssessment = { ...noDanger, harmNamed: new Set(['confinement', 'threat'] as const) };
    const blow: DangerAssessment = { ...noDanger, harmNamed: new Set(['violence', 'threat'] as const) };
    test.each<[string, Parameters<typeof evidence>[0], DangerAssessment, string]>([
      ['locked in until a bad evaluation is signed', { topicModel: { aggression: 0.7 }, leverTerms: 1 }, held, 'abuse-of-power'],
      ['a blow beside a lever stays aggression', { topicModel: { aggression: 0.7 }, leverTerms: 1 }, blow, 'aggression'],
      ['locked in without a lever stays aggression', { topicModel: { aggression: 0.7 } }, held, 'aggression'],
    ])('%s', (_kind, scores, danger, topic) => {
      expect(decide(evidence(scores), danger).topic).toBe(topic);
    });
  });

  /** A message that names a situation (a topic the network is sure of). */
  const situation = { topicModel: { bullying: 0.6 }, topicRegression: { bullying: 0.6 } };
  test.each<[string, Parameters<typeof evidence>[0], string]>([
    [
      'a regression sure of guidance does not overrule an ask for a report after a story ("... Should this be reported?")',
      { askKind: 'part', intentCues: { report: 1 }, askIntentCues: { report: 1 }, intentRegression: { guidance: 0.98 } },
      'report',
    ],
    [
      'nor an ask to talk ("... Is there someone I can talk to?")',
      { askKind: 'part', intentCues: { talk: 2 }, askIntentCues: { talk: 2 }, intentRegression: { guidance: 0.98 } },
      'talk',
    ],
    [
      'it does overrule a weaker cue in the ask ("... Is there a protocol for this?" asks what to do)',
      { askKind: 'part', intentCues: { 'code-of-conduct': 1 }, askIntentCues: { 'code-of-conduct': 1 }, intentRegression: { guidance: 0.98 } },
      'guidance',
    ],
    [
      'nor an ask that names an offer ("... What does the code of conduct say about this?")',
      {
        askKind: 'part',
        intentCues: { 'code-of-conduct': 1 },
        askIntentCues: { 'code-of-conduct': 1 },
        askOffers: { 'code-of-conduct': 1 },
        intentRegression: { guidance: 0.98 },
      },
      'code-of-conduct',
    ],
    [
      "the story's cue asks for nothing when the ask names no intent (\"She already reported it. What can I do?\")",
      { askKind: 'part', intentCues: { report: 1 }, intentRegression: { guidance: 0.6, report: 0.4 } },
      'guidance',
    ],
    [
      'the ask outweighs the story ("I wanted to report it back then. Can I talk to someone?")',
      { askKind: 'part', intentCues: { report: 2, talk: 1 }, askIntentCues: { talk: 1 }, intentRegression: { guidance: 0.5, report: 0.3 } },
      'talk',
    ],
    [
      'a drill asks for training when the ask names no other intent ("After the drill today: where are the slides?")',
      { askKind: 'part', intentFrames: { training: 1 }, intentRegression: { guidance: 0.6 } },
      'training',
    ],
    [
      'but the ask decides when it names one ("The colleague in the drill really hurt her. Should this be reported?")',
      { askKind: 'part', intentFrames: { training: 1 }, intentCues: { report: 1 }, askIntentCues: { report: 1 }, intentRegression: { guidance: 0.6 } },
      'report',
    ],
    [
      'but not when the ask is what to do ("The trainer grabbed me far too hard in the role-play. What do I do with that?")',
      { askKind: 'part', askWhatToDo: true, intentFrames: { training: 1 }, intentRegression: { guidance: 0.6 } },
      'guidance',
    ],
    ['without an ask a drill counts beside the cues ("drill tomorrow, fake guns, just checking")', { intentFrames: { training: 1 }, intentRegression: { guidance: 0.6 } }, 'training'],
  ])('%s', (_kind, scores, intent) => {
    expect(decide(evidence({ ...situation, ...scores }), noDanger).intent).toBe(intent);
  });

  test.each([
    ['the network unsure and the regression above its "no topic": a button', { 'abuse-of-power': 0.47, 'no-topic': 0.2 }, ['abuse-of-power']],
    ['the regression under its "no topic": no button', { 'abuse-of-power': 0.3, 'no-topic': 0.45 }, []],
  ])('a vague message ("something is going on with my supervisor") offers a likely topic: %s', (_kind, topicRegression, likelyTopics) => {
    const decided = decide(evidence({ intentRegression: { guidance: 1 }, topicModel: { 'no-topic': 0.2 }, topicRegression }), noDanger);
    expect({ topic: decided.topic, likelyTopics: decided.likelyTopics }).toEqual({ topic: null, likelyTopics });
  });

  describe('a threat told to the writer or harm pointed at them makes the writer the target where the regression reads a witness', () => {
    const named = (...harm: HarmKind[]): DangerAssessment => ({ ...noDanger, harmNamed: new Set(harm) });
    const aggression = { topicModel: { aggression: 0.9 }, intentRegression: { guidance: 1 } };
    test.each<[string, { said: boolean; reported: boolean; at: boolean }, DangerAssessment, string]>([
      ['a threat told to the writer ("told me he\'ll kill me")', { said: true, reported: false, at: false }, named('killThreat'), 'target'],
      ['a weapon pointed at the writer ("waving a knife at us")', { said: false, reported: false, at: true }, named('weapon'), 'target'],
      ['a blow told of, not a threat, "told me" is a report ("told me a man hit the porter")', { said: true, reported: false, at: false }, named('violence'), 'witness'],
      ['self-harm told to the writer is someone else\'s ("told me he\'ll end it")', { said: true, reported: false, at: false }, named('threat', 'selfHarm'), 'witness'],
      ['a threat aimed at nobody in the writer\'s words', { said: false, reported: false, at: false }, named('threat'), 'witness'],
      ['a blow reported of the writer ("brult dat hij me een klap verkoopt")', { said: false, reported: true, at: false }, named('violence'), 'target'],
      ['self-harm reported of the writer stays someone else\'s', { said: false, reported: true, at: false }, named('selfHarm'), 'witness'],
    ])('%s', (_kind, aimAtWriter, danger, perspective) => {
      const decided = decide(evidence({ ...aggression, aimAtWriter }), danger);
      expect({ perspective: decided.perspective, by: perspective === 'target' ? 'rule:aimedAtWriter' : 'regression' }).toEqual({ perspective, by: decided.decidedBy.perspective });
    });
  });

  describe('a writer in a managing role who is told of something is the manager where the regression reads a witness or a target', () => {
    const bullying = { topicModel: { bullying: 0.9 }, intentRegression: { guidance: 1 } };
    const now: DangerAssessment = { ...noDanger, level: 'now', harmNamed: new Set(['violence'] as const) };
    test.each<[string, Record<string, number>, boolean, DangerAssessment, string]>([
      ['read as a witness ("a midwife told me ..., I\'m her team lead")', { witness: 0.8 }, true, noDanger, 'manager'],
      ['read as the target ("ik ben diensthoofd en een verpleegster kwam bij mij")', { target: 0.8 }, true, noDanger, 'manager'],
      ['read as the accused: stays ("leidinggevende hier, kreeg te horen dat ik mensen straf")', { accused: 0.8 }, true, noDanger, 'accused'],
      ['the target of harm happening now stays ("... banging my head ... I am the head of department")', { target: 0.8 }, true, now, 'target'],
      ['no managing role told of anything', { witness: 0.8 }, false, noDanger, 'witness'],
    ])('%s', (_kind, perspectiveRegression, managerToldOf, danger, perspective) => {
      const decided = decide(evidence({ ...bullying, perspectiveRegression, managerToldOf }), danger);
      expect({ perspective: decided.perspective, by: decided.decidedBy.perspective }).toEqual({ perspective, by: perspective === 'manager' ? 'rule:managerToldOf' : 'regression' });
    });
  });
});
