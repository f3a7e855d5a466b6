import type { WordCorrection } from './spelling';
import { INTENTS_WITH_CUES, type NluExample, type NluTraining, type TrainedModels } from '../../content/contentSchema';
import { PERSPECTIVES, TOPICS, type Intent, type Locale } from '../vocabulary';
import { locateAsk, type AskKind, type LocatedAsk } from './askLocation';
import type { HarmKind } from './dangerKinds';
import { Lexicon } from './lexicon';
import { askFeatures, cueFeatures, WhoWords, wordFeatures, type AimAtWriter } from './messageFeatures';
import { TrainedModel } from './perceptron';
import { max, sum } from './scoreVectors';
import { SoftmaxModel, type SoftmaxExample } from './softmaxModel';
import { LocaleAnalyser, withoutQuotedSpeech, type AnalysedText, type NlpjsContainer } from './textAnalysis';

// One locale: analyser, lexicons and models, turned into the evidence the decisions weigh.

/** The topic model's extra class for messages that name no situation ("hoe meld ik iets"). */
export const NO_TOPIC = 'no-topic';

export interface LocaleEvidence {
  readonly locale: Locale;
  readonly topicModel: Float64Array;
  readonly topicTerms: Float64Array;
  /** How many words name a kind of identity (content/nlu/<locale>.json, `lexicon.identities`). */
  readonly identityTerms: number;
  /** How many words make a touch sexual (content/nlu/<locale>.json, `lexicon.intimate`). */
  readonly intimateTerms: number;
  /** How many words name what a theft takes (content/nlu/<locale>.json, `lexicon.taken`). */
  readonly takenTerms: number;
  /** How many words tell of bullying without its name (content/nlu/<locale>.json, `lexicon.slights`). */
  readonly slightTerms: number;
  /** How many words tell of someone taken along into a closed place (content/nlu/<locale>.json, `lexicon.isolating`): 0 unless the message names both the taking along and the place. */
  readonly isolatingTerms: number;
  /** How many words name a career lever a superior holds (content/nlu/<locale>.json, `lexicon.levers`). */
  readonly leverTerms: number;
  readonly perspectiveCues: Float64Array;
  readonly intentModel: Float64Array;
  readonly intentCues: Float64Array;
  /** Where the message asks (askLocation.ts), the intent cues in its asking sentences, and the frames anywhere (a drill: training). */
  readonly askKind: AskKind;
  readonly askIntentCues: Float64Array;
  /** The ask asks what to do ("what should I do"): guidance, whatever the frame. */
  readonly askWhatToDo: boolean;
  /** Per intent, how much the ask names what the programme offers for it ("the code of conduct", "a training", "a team session"). */
  readonly askOffers: Float64Array;
  readonly intentFrames: Float64Array;
  /** The regressions' probabilities (softmaxModel.ts): intent (CUE_INTENTS then guidance), topic (TOPICS then no topic), perspective. */
  readonly intentRegression: Float64Array;
  readonly topicRegression: Float64Array;
  readonly perspectiveRegression: Float64Array;
  /** The writer's own words (quotes left out) name someone else: a pronoun for someone else or a noun for a person. */
  readonly namesOthers: boolean;
  /** The writer's own words say "he" or "she" more often than "I": the story is mostly someone else's. */
  readonly tellsOfOthers: boolean;
  /** The writer's own words aim a threat told or harm pointed at the writer, naming nobody else as its object (`lexicon.aimedAtWriter`). */
  readonly aimAtWriter: AimAtWriter;
  /** The writer names a managing role of their own and is told of something by someone else (`lexicon.writerRole.manages`, `toldBy`). */
  readonly managerToldOf: boolean;
  /** How much of the text this locale's vocabulary recognised; decides between locales. */
  readonly recognition: number;
}

const TOPIC_MODEL_LABELS: readonly string[] = [...TOPICS, NO_TOPIC];

/** The lists behind the topic rules (decision.ts), in the order trained.json stores them apart. */
const TOPIC_RULE_LABELS = ['identity', 'intimate', 'taken', 'slight', 'takenAlong', 'closedPlace', 'lever'] as const;

/** The lists of the writer's own words (`lexicon.selfReferences`, `lexicon.admissions`), in the order trained.json stores them apart. */
const WRITER_WORD_LABELS = ['self', 'admission'] as const;

function topicRuleCounts(scores: Float64Array): Pick<LocaleEvidence, 'identityTerms' | 'intimateTerms' | 'takenTerms' | 'slightTerms' | 'isolatingTerms' | 'leverTerms'> {
  return { identityTerms: scores[0], intimateTerms: scores[1], takenTerms: scores[2], slightTerms: scores[3], isolatingTerms: scores[5] > 0 ? scores[4] : 0, leverTerms: scores[6] };
}

/** One lexicon's stored terms cut back into the lists it was made of, `lengths` terms each. */
function storedByList(stored: readonly string[], lengths: readonly number[]): string[][] {
  let from = 0;
  return lengths.map((length) => stored.slice(from, (from += length)));
}

/** A locale's networks and regressions as content/nlu/trained.json stores them. */
export type TrainedLocaleModels = TrainedModels['locales'][Locale];
export const CUE_INTENTS: readonly Intent[] = INTENTS_WITH_CUES;
/** The intents the intent models tell apart, in the order of their scores. */
export const INTENT_MODEL_LABELS: readonly Intent[] = [...CUE_INTENTS, 'guidance'];
/** The utterances of <locale>.json are short and written for the lexicon; real messages teach more. */
const UTTERANCE_WEIGHT = 0.5;

/** The kinds of harm the danger rules find in a text, a feature of the regressions. */
export type HarmFinder = (text: string) => ReadonlySet<HarmKind>;

interface LocaleModels {
  readonly intentModel: TrainedModel;
  readonly topicModel: TrainedModel;
  readonly intentRegression: SoftmaxModel;
  readonly topicRegression: SoftmaxModel;
  readonly perspectiveRegression: SoftmaxModel;
}

interface CueReaders {
  readonly analyser: LocaleAnalyser;
  readonly topicTerms: Lexicon;
  readonly perspectiveCues: Lexicon;
  /** `lexicon.selfReferences` and `lexicon.admissions` as one lexicon of two labels, matched in one pass over the writer's own words. */
  readonly writerWords: Lexicon;
  /** `lexicon.identities`, `intimate`, `taken`, `slights`, `isolating` (its leads and places) and `levers` as one lexicon of seven labels: the topic rules' words, matched in one pass. */
  readonly topicRuleTerms: Lexicon;
  readonly intentCues: Lexicon;
  readonly intentUnless: Lexicon;
  readonly intentFrames: Lexicon;
  readonly intentOffers: Lexicon;
  readonly askOpeners: readonly (readonly string[])[];
  readonly askFillers: ReadonlySet<string>;
  readonly askWishes: Lexicon;
  readonly whoWords: WhoWords;
}

interface TextFeatures {
  /** For topic: the whole text. */
  readonly all: string[];
  /** For intent: the whole text, and apart from it the words and cues of the sentences that ask. */
  readonly intent: string[];
  /** For perspective: the writer's own words (quoted speech left out). */
  readonly own: string[];
}

export class LocaleClassifier {
  private constructor(
    private readonly readers: CueReaders,
    private readonly models: LocaleModels,
    /** The lexicons' words and their stems, in pairs, as trained.json stores them. */
    private readonly lexiconStems: readonly string[],
    /** How many terms each list of `readers.topicRuleTerms` holds, to store them apart. */
    private readonly topicRuleListLengths: readonly number[],
    /** How many terms each list of `readers.writerWords` holds, to store them apart. */
    private readonly writerWordListLengths: readonly number[],
  ) {}

  /**
   * With `trained` (models trained from the same files earlier) the models are loaded, else trained
   * here; training reads the kinds of harm in each example through `harmOf`.
   */
  static create(
    container: NlpjsContainer,
    locale: Locale,
    training: NluTraining,
    examples: readonly NluExample[] = [],
    trained?: TrainedLocaleModels,
    harmOf: HarmFinder = () => new Set(),
    correct?: WordCorrection,
  ): LocaleClassifier {
    const analyser = new LocaleAnalyser(container, locale);
    const { lexicon } = training;
    const compiled = trained?.lexicons;
    const { topics: negatedTopics, words: negationWords, unless: goesOn } = lexicon.topicNegations;
    const topicNegations = { labels: new Set<string>(negatedTopics), words: new Set(negationWords), unless: new Set(goesOn) };
    const topicTerms = new Lexicon(TOPICS, lexicon.topics, analyser, compiled?.topics, topicNegations);
    const perspectiveCues = new Lexicon(PERSPECTIVES, lexicon.perspectives, analyser, compiled?.perspectives);
    const writerWords = new Lexicon(
      WRITER_WORD_LABELS,
      { self: lexicon.selfReferences, admission: lexicon.admissions },
      analyser,
      compiled && [...compiled.selfReferences, ...compiled.admissions],
    );
    const topicRuleTerms = new Lexicon(
      TOPIC_RULE_LABELS,
      { identity: lexicon.identities, intimate: lexicon.intimate, taken: lexicon.taken, slight: lexicon.slights, takenAlong: lexicon.isolating.leads, closedPlace: lexicon.isolating.places, lever: lexicon.levers },
      analyser,
      compiled && [...compiled.identities, ...compiled.intimate, ...compiled.taken, ...compiled.slights, ...compiled.isolating, ...compiled.levers],
    );
    /** One of each intent's lists (cues, unless, frames, offers), by intent, as a Lexicon wants them. */
    const intentLists = (list: 'cues' | 'unless' | 'frames' | 'offers') =>
      Object.fromEntries(CUE_INTENTS.map((intent) => [intent, lexicon.intents[intent as keyof typeof lexicon.intents][list]]));
    const intentCues = new Lexicon(CUE_INTENTS, intentLists('cues'), analyser, compiled?.intentCues);
    const intentUnless = new Lexicon(CUE_INTENTS, intentLists('unless'), analyser, compiled?.intentUnless);
    const intentFrames = new Lexicon(CUE_INTENTS, intentLists('frames'), analyser, compiled?.intentFrames);
    const intentOffers = new Lexicon(CUE_INTENTS, intentLists('offers'), analyser, compiled?.intentOffers);
    const askOpeners = lexicon.asks.openers.map((opener) => analyser.words(opener));
    const askFillers = new Set(lexicon.asks.fillers.flatMap((filler) => analyser.words(filler)));
    const askWishes = new Lexicon(['wish', 'whatToDo'], { wish: lexicon.asks.wishes, whatToDo: lexicon.asks.whatToDo }, analyser, compiled?.asks);
    // The stems of the lexicons' words stay known after training, so the messages that use those words
    // are not stemmed again; loaded lexicons bring them along instead of stemming their words.
    if (compiled) analyser.learnStems(compiled.wordStems);
    const lexiconStems = compiled?.wordStems ?? analyser.stemsSoFar();

    const whoWords = new WhoWords(
      { ...lexicon.pronouns, people: lexicon.people, writerActs: lexicon.writerActs, writerRole: lexicon.writerRole, aimedAtWriter: lexicon.aimedAtWriter },
      (word) => analyser.stem(word),
    );
    const readers: CueReaders = { analyser, topicTerms, perspectiveCues, writerWords, topicRuleTerms, intentCues, intentUnless, intentFrames, intentOffers, askOpeners, askFillers, askWishes, whoWords };
    const models: LocaleModels = trained
      ? {
          intentModel: TrainedModel.fromJSON(trained.intent),
          topicModel: TrainedModel.fromJSON(trained.topic),
          intentRegression: SoftmaxModel.fromJSON(trained.intentRegression),
          topicRegression: SoftmaxModel.fromJSON(trained.topicRegression),
          perspectiveRegression: SoftmaxModel.fromJSON(trained.perspectiveRegression),
        }
      : trainModels(readers, training, examples, harmOf);
    analyser.finishTraining();
    if (correct) analyser.readThroughTypos(correct);
    return new LocaleClassifier(
      readers,
      models,
      lexiconStems,
      [lexicon.identities.length, lexicon.intimate.length, lexicon.taken.length, lexicon.slights.length, lexicon.isolating.leads.length + lexicon.isolating.places.length, lexicon.levers.length],
      [lexicon.selfReferences.length, lexicon.admissions.length],
    );
  }

  /** The models as content/nlu/trained.json stores them. */
  trainedModels(): TrainedLocaleModels {
    const { intentModel, topicModel, intentRegression, topicRegression, perspectiveRegression } = this.models;
    const { topicTerms, perspectiveCues, writerWords, topicRuleTerms, intentCues, intentUnless, intentFrames, intentOffers, askWishes } = this.readers;
    const [identities, intimate, taken, slights, isolating, levers] = storedByList(topicRuleTerms.storedTerms(), this.topicRuleListLengths);
    const [selfReferences, admissions] = storedByList(writerWords.storedTerms(), this.writerWordListLengths);
    return {
      lexicons: {
        topics: topicTerms.storedTerms(),
        perspectives: perspectiveCues.storedTerms(),
        selfReferences,
        identities,
        intimate,
        taken,
        slights,
        isolating,
        levers,
        admissions,
        intentCues: intentCues.storedTerms(),
        intentUnless: intentUnless.storedTerms(),
        intentFrames: intentFrames.storedTerms(),
        intentOffers: intentOffers.storedTerms(),
        asks: askWishes.storedTerms(),
        wordStems: [...this.lexiconStems],
      },
      intent: intentModel.toJSON(),
      topic: topicModel.toJSON(),
      intentRegression: intentRegression.toJSON(),
      topicRegression: topicRegression.toJSON(),
      perspectiveRegression: perspectiveRegression.toJSON(),
    };
  }

  /** The features that pushed each regression towards its answer, for `ask --explain`. */
  strongestFeatures(text: string, harmNamed: ReadonlySet<HarmKind>, labels: { intent: string; topic: string; perspective: string }, count: number) {
    const features = featuresFrom(readCues(this.readers, text), harmNamed);
    return {
      intent: this.models.intentRegression.strongestFor(features.intent, labels.intent, count),
      topic: this.models.topicRegression.strongestFor(features.all, labels.topic, count),
      perspective: this.models.perspectiveRegression.strongestFor(features.own, labels.perspective, count),
    };
  }

  /** The typing errors the models read through in a text ("knfie → knife"), for `ask --explain`. */
  typosIn(text: string): string[] {
    return this.readers.analyser.typosIn(text);
  }

  matchedTerms(text: string): string[] {
    const analysed = this.readers.analyser.analyse(text);
    const { topicTerms, perspectiveCues, intentCues, intentUnless, intentFrames } = this.readers;
    return [topicTerms, perspectiveCues, intentCues, intentUnless, intentFrames].flatMap((lexicon, index) =>
      lexicon.matchedTerms(analysed).map((term) => `${['topic', 'perspective', 'intent', 'unless', 'frame'][index]}:${term}`),
    );
  }

  /** `harmNamed`: the kinds of harm the danger rules found in the text, a feature of the regressions. */
  evidence(text: string, harmNamed: ReadonlySet<HarmKind> = new Set()): LocaleEvidence {
    const reading = readCues(this.readers, text);
    const { analysed, topicTerms, perspectiveCues, intentCues, located, askCues, frames } = reading;
    const features = featuresFrom(reading, harmNamed);
    const intentModel = this.models.intentModel.scores(analysed);
    return {
      locale: this.readers.analyser.locale,
      topicModel: this.models.topicModel.scores(analysed),
      topicTerms,
      ...topicRuleCounts(this.readers.topicRuleTerms.score(analysed)),
      perspectiveCues,
      intentModel,
      intentCues,
      askKind: located.kind,
      askIntentCues: askCues,
      askWhatToDo: located.whatToDo,
      askOffers: reading.askOffers,
      intentFrames: frames,
      intentRegression: this.models.intentRegression.probabilities(features.intent),
      topicRegression: this.models.topicRegression.probabilities(features.all),
      perspectiveRegression: this.models.perspectiveRegression.probabilities(features.own),
      namesOthers: reading.whoWords.namesOthers(reading.ownWords),
      tellsOfOthers: reading.whoWords.tellsMostlyOfOthers(reading.ownWords),
      aimAtWriter: reading.whoWords.aimAtWriter(reading.ownWords, reading.ownClauseStarts),
      managerToldOf: reading.whoWords.managerToldOf(reading.ownWords),
      recognition: sum(topicTerms) + sum(perspectiveCues) + sum(intentCues) + max(intentModel),
    };
  }
}

function trainModels(readers: CueReaders, training: NluTraining, examples: readonly NluExample[], harmOf: HarmFinder): LocaleModels {
  const { analyser, topicTerms } = readers;
  const labelled = (groups: Readonly<Record<string, readonly string[]>>) =>
    Object.entries(groups).flatMap(([label, utterances]) => utterances.map((utterance) => ({ utterance, label })));
  const intentExamples = labelled(training.intents);

  // Utterances that name no topic teach the topic model what "no topic" looks like.
  const noTopicExamples = intentExamples
    .filter(({ utterance }) => topicTerms.score(analyser.analyse(utterance)).every((score) => score === 0))
    .map(({ utterance }) => ({ utterance, label: NO_TOPIC }));
  const intentModel = TrainedModel.train(analyser, INTENT_MODEL_LABELS, intentExamples);
  // Labelled tune messages (content/nlu/examples.json) teach the models wordings the utterances lack.
  // A label left out (undefined) is one this model does not learn from that message; a null topic is "no topic".
  const topicExamples = examples.flatMap(({ text, topic }) => (topic ? [{ utterance: text, label: topic }] : []));
  const topicModel = TrainedModel.train(analyser, TOPIC_MODEL_LABELS, [...labelled(training.topics), ...noTopicExamples, ...topicExamples]);

  // Most texts teach two or three regressions; each is read once.
  const featureCache = new Map<string, TextFeatures>();
  const featuresOf = (text: string) => {
    let features = featureCache.get(text);
    if (features === undefined) {
      features = featuresFrom(readCues(readers, text), harmOf(text));
      featureCache.set(text, features);
    }
    return features;
  };
  const regressionExamples = (
    utterances: readonly { utterance: string; label: string }[],
    messages: readonly { text: string; label: string | null }[],
    pick: (features: TextFeatures) => string[],
  ): SoftmaxExample[] => [
    ...utterances.map(({ utterance, label }) => ({ features: pick(featuresOf(utterance)), label, weight: UTTERANCE_WEIGHT })),
    ...messages.flatMap(({ text, label }) => (label === null ? [] : [{ features: pick(featuresOf(text)), label }])),
  ];
  const intentRegression = SoftmaxModel.train(
    INTENT_MODEL_LABELS,
    regressionExamples(intentExamples, examples.flatMap(({ text, intent }) => (intent === undefined ? [] : [{ text, label: intent }])), ({ intent }) => intent),
  );
  const topicRegression = SoftmaxModel.train(
    TOPIC_MODEL_LABELS,
    regressionExamples(
      [...labelled(training.topics), ...noTopicExamples],
      examples.flatMap(({ text, topic }) => (topic === undefined ? [] : [{ text, label: topic ?? NO_TOPIC }])),
      ({ all }) => all,
    ),
  );
  const perspectiveRegression = SoftmaxModel.train(
    PERSPECTIVES,
    regressionExamples(labelled(training.perspectives), examples.flatMap(({ text, perspective }) => (perspective === undefined ? [] : [{ text, label: perspective }])), ({ own }) => own),
  );
  return { intentModel, topicModel, intentRegression, topicRegression, perspectiveRegression };
}

interface CueReading {
  readonly analysed: AnalysedText;
  readonly ownWords: AnalysedText;
  /** Where a clause opens in `ownWords` after punctuation, which the words do not keep. */
  readonly ownClauseStarts: ReadonlySet<number>;
  readonly topicTerms: Float64Array;
  readonly perspectiveCues: Float64Array;
  readonly intentCues: Float64Array;
  readonly unless: Float64Array;
  readonly located: LocatedAsk;
  /** Intent cues in the asking sentences (their own `unless` phrases applied), and in the other sentences. */
  readonly askCues: Float64Array;
  readonly storyCues: Float64Array;
  readonly frames: Float64Array;
  readonly askOffers: Float64Array;
  readonly selfReferences: number;
  /** The writer owns up to what they did (`lexicon.admissions`). */
  readonly admits: boolean;
  readonly whoWords: WhoWords;
}

function writerWordCounts(scores: Float64Array): Pick<CueReading, 'selfReferences' | 'admits'> {
  return { selfReferences: scores[0], admits: scores[1] > 0 };
}

/** Intent cues of a text with those its `unless` phrases cancel set to 0. */
function intentCuesOf(readers: CueReaders, text: AnalysedText): { cues: Float64Array; unless: Float64Array } {
  const cues = readers.intentCues.score(text);
  const unless = readers.intentUnless.score(text);
  for (let i = 0; i < cues.length; i += 1) if (unless[i] > 0) cues[i] = 0;
  return { cues, unless };
}

function readCues(readers: CueReaders, text: string): CueReading {
  const analysed = readers.analyser.analyse(text);
  // Whose "I" a quote holds is the speaker's ("he said 'I'll kill you'"), not the writer's.
  const unquoted = withoutQuotedSpeech(text);
  const ownWords = unquoted === text ? analysed : readers.analyser.analyse(unquoted);
  const { cues: intentCues, unless } = intentCuesOf(readers, analysed);
  const located = locateAsk(text, { analyser: readers.analyser, openers: readers.askOpeners, fillers: readers.askFillers, wishes: readers.askWishes });
  const askCues = located.kind === 'none' ? new Float64Array(CUE_INTENTS.length) : located.kind === 'whole' ? intentCues : intentCuesOf(readers, located.ask).cues;
  const storyCues = located.kind === 'part' ? intentCuesOf(readers, located.story).cues : located.kind === 'none' ? intentCues : new Float64Array(CUE_INTENTS.length);
  return {
    analysed,
    ownWords,
    ownClauseStarts: readers.analyser.clauseStarts(unquoted),
    topicTerms: readers.topicTerms.score(analysed),
    perspectiveCues: readers.perspectiveCues.score(ownWords),
    intentCues,
    unless,
    located,
    askCues,
    storyCues,
    frames: readers.intentFrames.score(analysed),
    askOffers: located.kind === 'none' ? new Float64Array(CUE_INTENTS.length) : readers.intentOffers.score(located.kind === 'whole' ? analysed : located.ask),
    ...writerWordCounts(readers.writerWords.score(ownWords)),
    whoWords: readers.whoWords,
  };
}

function featuresFrom(reading: CueReading, harmNamed: ReadonlySet<HarmKind>): TextFeatures {
  const cues = cueFeatures({
    topicTerms: reading.topicTerms,
    topicLabels: TOPICS,
    perspectiveCues: reading.perspectiveCues,
    perspectiveLabels: PERSPECTIVES,
    intentCues: reading.intentCues,
    intentUnless: reading.unless,
    intentLabels: CUE_INTENTS,
    selfReferences: reading.selfReferences,
    harmNamed,
  });
  const all = wordFeatures(reading.analysed, new Set(cues));
  const intent = askFeatures(
    { kind: reading.located.kind, askFirst: reading.located.askFirst, whatToDo: reading.located.whatToDo, ask: reading.located.ask, askCues: reading.askCues, storyCues: reading.storyCues, frames: reading.frames, intentLabels: CUE_INTENTS },
    new Set(all),
  );
  // Who the message is about tells the perspective; intent and topic do without it.
  const own = reading.whoWords.features(reading.ownWords, wordFeatures(reading.ownWords, new Set(cues)));
  if (reading.admits) {
    own.add('y:admits');
    // Owning up beside a deed of one's own says more than either alone.
    if (own.has('y:i-did')) own.add('y:admits+i-did');
  }
  return { all: [...all], intent: [...intent], own: [...own] };
}
