import { PERSPECTIVES, TOPICS, type Intent, type Perspective, type Topic } from '../vocabulary';
import type { HarmKind } from './dangerKinds';
import type { Classification } from './classification';
import { harmTopic, type DangerAssessment } from './danger';
import { CUE_INTENTS, type LocaleEvidence } from './localeEvidence';
import { argmax, max } from './scoreVectors';

// Decisions: intent, topic and perspective from one locale's evidence.

/** Weight of one matched lexicon word relative to the model's probability (0..1); tuned on the dev set. */
const TOPIC_TERM_WEIGHT = 0.6;
const PERSPECTIVE_CUE_WEIGHT = 1;
const PERSPECTIVE_MODEL_WEIGHT = 0.3;
/** Most people who write about a situation saw it happen (PRODUCT.md); without cues that is the best guess. */
const WITNESS_PRIOR = 0.25;
/** ...unless the writer speaks only of themselves ("I can't take the bullying any more"): then it happened to them. */
const SELF_PRIOR = 0.35;
const INTENT_CUE_WEIGHT = 1;
/** Below this the topic model alone is "not sure". */
const MIN_TOPIC_SCORE = 0.5;
/** The intent model's pick for a short message without cues or a situation must be at least this sure. */
const MIN_INTENT_SCORE = 0.5;
const INTENTS_WITH_SITUATION: readonly Intent[] = ['guidance', 'report', 'talk'];
const MAX_LIKELY_TOPICS = 3;
/** Cue words an accused or manager statement needs to decide the perspective on its own. */
const ROLE_STATEMENT = 2;
/** Weight of perspective cues that makes a message a situation on its own (a two-word phrase). */
const MIN_SITUATION_CUE = 2;
const MIN_LIKELY_TOPIC_SCORE = 0.05;
const NO_TOPIC_SHARE = 0.5;

/** Evidence per topic from the kinds of harm a message names; sexual assault outweighs the violence it involves. */
const HARM_TOPIC_WEIGHTS: Readonly<Partial<Record<HarmKind, readonly [Topic, number]>>> = {
  sexualAssault: ['sexual-harassment', 2],
  violence: ['aggression', 1.2],
  strangling: ['aggression', 1.2],
  weapon: ['aggression', 1.2],
  improvisedWeapon: ['aggression', 0.8],
  threat: ['aggression', 1],
  killThreat: ['aggression', 1.2],
  confinement: ['aggression', 0.6],
  following: ['aggression', 0.6],
};

function harmTopicEvidence(harmNamed: ReadonlySet<HarmKind>): Float64Array {
  const evidence = new Float64Array(TOPICS.length);
  for (const harm of harmNamed) {
    const weight = HARM_TOPIC_WEIGHTS[harm];
    if (weight) evidence[TOPICS.indexOf(weight[0])] = Math.max(evidence[TOPICS.indexOf(weight[0])], weight[1]);
  }
  return evidence;
}

/** Danger words name a situation, and may imply its topic ("a knife": aggression). */
export function decide(evidence: LocaleEvidence, danger: DangerAssessment): Omit<Classification, 'locale' | 'urgent' | 'danger'> {
  const urgent = danger.level !== 'none';
  const topicScores = new Float64Array(TOPICS.length);
  for (let i = 0; i < TOPICS.length; i += 1) {
    topicScores[i] = evidence.topicModel[i] + TOPIC_TERM_WEIGHT * evidence.topicTerms[i];
  }
  // Words of harm name the topic whatever their time or frame: a blow last year is still aggression.
  const harmEvidence = harmTopicEvidence(danger.harmNamed);
  for (let i = 0; i < TOPICS.length; i += 1) topicScores[i] += harmEvidence[i];
  const bestTopic = argmax(topicScores);
  const modelTopic = argmax(evidence.topicModel);
  const namesTopic =
    max(evidence.topicTerms) > 0 || max(harmEvidence) > 0 || (modelTopic < TOPICS.length && evidence.topicModel[modelTopic] >= MIN_TOPIC_SCORE);
  const hasPerspectiveCue = max(evidence.perspectiveCues) > 0;
  // A pronoun ("me", "her") hints at a perspective but is no situation; "ik zag" or "my team" is.
  const hasPerspectivePhrase = max(evidence.perspectiveCues) >= MIN_SITUATION_CUE;

  const intent = chooseIntent(evidence, namesTopic || hasPerspectivePhrase || urgent);
  const describesSituation = INTENTS_WITH_SITUATION.includes(intent);
  // A knife or a threat to kill names the situation even when no topic word does. A question about
  // training or the code of conduct keeps the topic it names ("the e-learning about aggression").
  const topic = namesTopic ? TOPICS[bestTopic] : describesSituation ? harmTopic(danger.harm) : null;

  // Whoever writes about a situation has a perspective on it, whatever they ask for ("as her manager, is there a training?").
  const perspective = topic !== null || hasPerspectivePhrase || (describesSituation && (hasPerspectiveCue || urgent)) ? choosePerspective(evidence) : null;

  // A topic the model rates under half its "no topic" score is no likely topic ("er gebeurt iets vervelends").
  const likelyFloor = Math.max(MIN_LIKELY_TOPIC_SCORE, NO_TOPIC_SHARE * evidence.topicModel[TOPICS.length]);
  const likelyTopics = TOPICS.map((candidate, index) => ({ candidate, score: topicScores[index] }))
    .filter(({ score }) => score > likelyFloor)
    .sort((a, b) => b.score - a.score)
    .slice(0, MAX_LIKELY_TOPICS)
    .map(({ candidate }) => candidate);
  if (topic !== null && !likelyTopics.includes(topic)) likelyTopics.unshift(topic);
  return { intent, topic, perspective, likelyTopics: likelyTopics.slice(0, MAX_LIKELY_TOPICS) };
}

/**
 * An explicit statement of being accused ("a complaint about me", "my joke") or of a manager's
 * role ("as her manager", "one of my nurses") decides, in that order, even when the message also
 * tells what happened to someone; otherwise cues, the model and the witness prior weigh up.
 */
function choosePerspective(evidence: LocaleEvidence): Perspective {
  const cues = evidence.perspectiveCues;
  const accused = PERSPECTIVES.indexOf('accused');
  const manager = PERSPECTIVES.indexOf('manager');
  if (cues[accused] >= ROLE_STATEMENT) return 'accused';
  if (cues[manager] >= ROLE_STATEMENT) return 'manager';
  const witness = PERSPECTIVES.indexOf('witness');
  const scores = new Float64Array(PERSPECTIVES.length);
  for (let i = 0; i < PERSPECTIVES.length; i += 1) {
    scores[i] = PERSPECTIVE_MODEL_WEIGHT * evidence.perspectiveModel[i] + PERSPECTIVE_CUE_WEIGHT * cues[i];
  }
  if (evidence.selfReferences > 0 && cues[witness] === 0) scores[PERSPECTIVES.indexOf('target')] += SELF_PRIOR;
  else scores[witness] += WITNESS_PRIOR;
  return PERSPECTIVES[argmax(scores)];
}

/** A situation asks for guidance unless a cue names another intent; greetings never outweigh a situation. */
function chooseIntent(evidence: LocaleEvidence, describesSituation: boolean): Intent {
  const helpIndex = CUE_INTENTS.indexOf('help');
  let best = -1;
  let bestScore = 0;
  for (let i = 0; i < CUE_INTENTS.length; i += 1) {
    if (evidence.intentCues[i] === 0 || (i === helpIndex && describesSituation)) continue;
    const score = INTENT_CUE_WEIGHT * evidence.intentCues[i] + evidence.intentModel[i];
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  if (best >= 0) return CUE_INTENTS[best];
  if (describesSituation) return 'guidance';
  const labels = [...CUE_INTENTS, 'guidance'] as const;
  const top = argmax(evidence.intentModel);
  if (evidence.intentModel[top] >= MIN_INTENT_SCORE) return labels[top];
  return max(evidence.intentModel) > 0 ? 'guidance' : 'help';
}
