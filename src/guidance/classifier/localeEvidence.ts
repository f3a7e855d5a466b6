import { INTENTS_WITH_CUES, type NluExample, type NluTraining, type TrainedModels } from '../../content/contentSchema';
import { PERSPECTIVES, TOPICS, type Intent, type Locale } from '../vocabulary';
import { Lexicon } from './lexicon';
import { TrainedModel } from './perceptron';
import { max, sum } from './scoreVectors';
import { LocaleAnalyser, withoutQuotedSpeech, type NlpjsContainer } from './textAnalysis';

// One locale: analyser, lexicons and models, turned into the evidence the decisions weigh.

/** The topic model's extra class for messages that name no situation ("hoe meld ik iets"). */
export const NO_TOPIC = 'no-topic';

export interface LocaleEvidence {
  readonly locale: Locale;
  readonly topicModel: Float64Array;
  readonly topicTerms: Float64Array;
  readonly perspectiveModel: Float64Array;
  readonly perspectiveCues: Float64Array;
  /** How many words refer to the writer ("ik", "I", "me"), outside quoted speech. */
  readonly selfReferences: number;
  readonly intentModel: Float64Array;
  readonly intentCues: Float64Array;
  /** How much of the text this locale's vocabulary recognised; decides between locales. */
  readonly recognition: number;
}

const TOPIC_MODEL_LABELS: readonly string[] = [...TOPICS, NO_TOPIC];

/** A locale's three networks as content/nlu/trained.json stores them. */
export type TrainedLocaleModels = TrainedModels['locales'][Locale];
export const CUE_INTENTS: readonly Intent[] = INTENTS_WITH_CUES;

export class LocaleClassifier {
  private constructor(
    readonly analyser: LocaleAnalyser,
    private readonly topicTerms: Lexicon,
    private readonly perspectiveCues: Lexicon,
    private readonly selfReferences: Lexicon,
    private readonly intentCues: Lexicon,
    private readonly intentUnless: Lexicon,
    readonly intentModel: TrainedModel,
    readonly topicModel: TrainedModel,
    readonly perspectiveModel: TrainedModel,
  ) {}

  /** With `trained` (networks trained from the same files earlier) the networks are loaded, else trained here. */
  static create(
    container: NlpjsContainer,
    locale: Locale,
    training: NluTraining,
    examples: readonly NluExample[] = [],
    trained?: TrainedLocaleModels,
  ): LocaleClassifier {
    const analyser = new LocaleAnalyser(container, locale);
    const { lexicon } = training;
    const topicTerms = new Lexicon(TOPICS, lexicon.topics, analyser);
    const perspectiveCues = new Lexicon(PERSPECTIVES, lexicon.perspectives, analyser);
    const selfReferences = new Lexicon(['self'], { self: lexicon.selfReferences }, analyser);
    const cueLists = Object.fromEntries(CUE_INTENTS.map((intent) => [intent, lexicon.intents[intent as keyof typeof lexicon.intents].cues]));
    const unlessLists = Object.fromEntries(CUE_INTENTS.map((intent) => [intent, lexicon.intents[intent as keyof typeof lexicon.intents].unless]));
    const intentCues = new Lexicon(CUE_INTENTS, cueLists, analyser);
    const intentUnless = new Lexicon(CUE_INTENTS, unlessLists, analyser);

    const { intentModel, topicModel, perspectiveModel } = trained
      ? {
          intentModel: TrainedModel.fromJSON(trained.intent),
          topicModel: TrainedModel.fromJSON(trained.topic),
          perspectiveModel: TrainedModel.fromJSON(trained.perspective),
        }
      : trainNetworks(analyser, training, topicTerms, examples);
    analyser.finishTraining();
    return new LocaleClassifier(
      analyser,
      topicTerms,
      perspectiveCues,
      selfReferences,
      intentCues,
      intentUnless,
      intentModel,
      topicModel,
      perspectiveModel,
    );
  }

  /** The three networks as content/nlu/trained.json stores them. */
  trainedModels(): TrainedLocaleModels {
    return { intent: this.intentModel.toJSON(), topic: this.topicModel.toJSON(), perspective: this.perspectiveModel.toJSON() };
  }

  matchedTerms(text: string): string[] {
    const analysed = this.analyser.analyse(text);
    return [this.topicTerms, this.perspectiveCues, this.intentCues, this.intentUnless].flatMap((lexicon, index) =>
      lexicon.matchedTerms(analysed).map((term) => `${['topic', 'perspective', 'intent', 'unless'][index]}:${term}`),
    );
  }

  evidence(text: string): LocaleEvidence {
    const analysed = this.analyser.analyse(text);
    const topicTerms = this.topicTerms.score(analysed);
    // Whose "I" a quote holds is the speaker's ("he said 'I'll kill you'"), not the writer's.
    const unquoted = withoutQuotedSpeech(text);
    const ownWords = unquoted === text ? analysed : this.analyser.analyse(unquoted);
    const perspectiveCues = this.perspectiveCues.score(ownWords);
    const intentCues = this.intentCues.score(analysed);
    const unless = this.intentUnless.score(analysed);
    for (let i = 0; i < intentCues.length; i += 1) if (unless[i] > 0) intentCues[i] = 0;
    const intentModel = this.intentModel.scores(analysed);
    return {
      locale: this.analyser.locale,
      topicModel: this.topicModel.scores(analysed),
      topicTerms,
      perspectiveModel: this.perspectiveModel.scores(ownWords),
      perspectiveCues,
      selfReferences: this.selfReferences.score(ownWords)[0],
      intentModel,
      intentCues,
      recognition: sum(topicTerms) + sum(perspectiveCues) + sum(intentCues) + max(intentModel),
    };
  }
}

function trainNetworks(
  analyser: LocaleAnalyser,
  training: NluTraining,
  topicTerms: Lexicon,
  examples: readonly NluExample[],
): { intentModel: TrainedModel; topicModel: TrainedModel; perspectiveModel: TrainedModel } {
  const labelled = (groups: Readonly<Record<string, readonly string[]>>) =>
    Object.entries(groups).flatMap(([label, utterances]) => utterances.map((utterance) => ({ utterance, label })));
  const intentExamples = labelled(training.intents);

  // Utterances that name no topic teach the topic model what "no topic" looks like.
  const noTopicExamples = intentExamples
    .filter(({ utterance }) => topicTerms.score(analyser.analyse(utterance)).every((score) => score === 0))
    .map(({ utterance }) => ({ utterance, label: NO_TOPIC }));
  const intentModel = TrainedModel.train(analyser, [...CUE_INTENTS, 'guidance'], intentExamples);
  // Labelled tune messages (content/nlu/examples.json) teach the models wordings the utterances lack.
  const topicExamples = examples.flatMap(({ text, topic }) => (topic ? [{ utterance: text, label: topic }] : []));
  const perspectiveExamples = examples.flatMap(({ text, perspective }) => (perspective ? [{ utterance: text, label: perspective }] : []));
  const topicModel = TrainedModel.train(analyser, TOPIC_MODEL_LABELS, [...labelled(training.topics), ...noTopicExamples, ...topicExamples]);
  const perspectiveModel = TrainedModel.train(analyser, PERSPECTIVES, [...labelled(training.perspectives), ...perspectiveExamples]);
  return { intentModel, topicModel, perspectiveModel };
}
