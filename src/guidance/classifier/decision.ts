import { PERSPECTIVES, TOPICS, type Intent, type Topic } from '../vocabulary';
import type { HarmKind } from './dangerKinds';
import type { Classification } from './classification';
import { harmTopic, type DangerAssessment } from './danger';
import { CUE_INTENTS, INTENT_MODEL_LABELS, type LocaleEvidence } from './localeEvidence';
import type { AimAtWriter } from './messageFeatures';
import { argmax, max } from './scoreVectors';

// Decisions: intent, topic and perspective from one locale's evidence.

/**
 * Topic score = the perceptron's probability + the regression's + TOPIC_TERM_WEIGHT per matched
 * lexicon word + the kinds of harm named. The regression already weighs lexicon hits as features,
 * so the lexicon's own weight is lower than when it stood beside the perceptron alone (0.6); 0.3 to
 * 0.6 came out even on the checking sets, and at 0.45 a matched term still outweighs a small lead
 * of the regression for another topic ("de opleider schold hem uit": aggression, not abuse of power).
 */
const TOPIC_TERM_WEIGHT = 0.45;
const TOPIC_REGRESSION_WEIGHT = 1;
/** Below this the topic model alone is "not sure". */
const MIN_TOPIC_SCORE = 0.5;
/**
 * A message whose words name no topic term and no harm still names a topic when the regression
 * puts a topic first with at least this probability ("someone wrote 'you're next' on my locker").
 */
const MIN_REGRESSION_TOPIC = 0.5;
/** ...unless the network finds the message names no situation ("my manager behaves strangely towards me": ask); the same for a likely topic. */
const MAX_NO_TOPIC_FOR_REGRESSION = 0.3;
const INTENTS_WITH_SITUATION: readonly Intent[] = ['guidance', 'report', 'talk'];
const MAX_LIKELY_TOPICS = 3;
/** Weight of perspective cues that makes a message a situation on its own (a two-word phrase). */
const MIN_SITUATION_CUE = 2;
const MIN_LIKELY_TOPIC_SCORE = 0.05;
const MIN_LIKELY_REGRESSION = 0.2;
const NO_TOPIC_SHARE = 0.5;
const INTENT_CUE_WEIGHT = 1;
/** The intent model's pick for a short message without cues or a situation must be at least this sure. */
const MIN_INTENT_SCORE = 0.5;
/**
 * The cue rules decide the intent unless the regression is nearly certain: on the tune sets it
 * learned their writers' habits, which new writers share less often than the wording the cues name.
 * 0.8 and 0.9 came out even on the checking sets, and again with the ask located (0.95 and never: worse).
 */
const SURE_INTENT = 0.9;

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

/** Force that serves a sexual touch: pinning, holding or cornering someone to grope them. */
const FORCE: ReadonlySet<HarmKind> = new Set<HarmKind>(['violence', 'confinement', 'following']);
const SEXUAL = TOPICS.indexOf('sexual-harassment');

/**
 * Unwanted sexual touching is sexual harassment even when force or cornering is involved (issue 11):
 * when the message also names sexual terms, force counts for aggression only FORCE_WITH_SEXUAL_TERMS
 * of its weight, and the sexual terms and the models decide.
 */
const FORCE_WITH_SEXUAL_TERMS = 0.5;

function harmTopicEvidence(harmNamed: ReadonlySet<HarmKind>, sexualTerms: boolean): Float64Array {
  const evidence = new Float64Array(TOPICS.length);
  for (const harm of harmNamed) {
    const weight = HARM_TOPIC_WEIGHTS[harm];
    if (!weight) continue;
    const strength = sexualTerms && FORCE.has(harm) ? FORCE_WITH_SEXUAL_TERMS * weight[1] : weight[1];
    evidence[TOPICS.indexOf(weight[0])] = Math.max(evidence[TOPICS.indexOf(weight[0])], strength);
  }
  return evidence;
}

const BULLYING = TOPICS.indexOf('bullying');
const AGGRESSION = TOPICS.indexOf('aggression');
/** The perspective each rule beside the regression gives. */
const RULED_PERSPECTIVE = { 'rule:ownSelfHarm': 'target', 'rule:othersSelfHarm': 'witness', 'rule:aimedAtWriter': 'target', 'rule:managerToldOf': 'manager' } as const;
const DISCRIMINATION = TOPICS.indexOf('discrimination');

/**
 * Mockery of an identity is discrimination even when it looks like bullying (issue 11): names, laughter,
 * imitation or exclusion aimed at someone's origin, religion, orientation, age, disability or pregnancy.
 * When the words say bullying, or aggression that no harm word makes physical (abuse shouted at someone),
 * and also name a kind of identity (`lexicon.identities`), the topic is discrimination. A blow, a weapon or
 * a threat stays aggression whatever identity it names.
 */
function aimedAtIdentity(topic: number, identityTerms: number, harmNamed: boolean): number {
  if (identityTerms === 0) return topic;
  return topic === BULLYING || (topic === AGGRESSION && !harmNamed) ? DISCRIMINATION : topic;
}

/**
 * Unwanted sexual touching is sexual harassment even when force or cornering is involved (issue 11): pinned
 * against a wall and kissed, a hand forced into clothes. When the words say aggression and also name what
 * makes a touch sexual (`lexicon.intimate`: intimate body parts, kissing, underwear, undressing, sex; a hand in,
 * under or up clothes, clothes pulled at, torn or pulled down, a hand forced to a lap; following with remarks about
 * a body or love messages), the topic is sexual harassment. It comes before the identity rule: sexual force against someone
 * an identity names (a disabled toilet, an elderly woman) is sexual harassment, not discrimination. The same for abuse of
 * power: a superior who locks the door and lets her go only for a kiss is sexual harassment, as every readable set labels it
 * (the labelling guide: held or locked in is aggression unless a superior uses it for a career decision or it is sexual).
 * A weapon keeps aggression whatever the words touch: a gun on a lap, a knife under a coat.
 */
function sexualWhateverTheForce(topic: number, intimateTerms: number, harmNamed: ReadonlySet<HarmKind>): number {
  if (intimateTerms === 0 || (topic !== AGGRESSION && topic !== ABUSE_OF_POWER)) return topic;
  return topic === AGGRESSION && harmNamed.has('weapon') ? topic : SEXUAL;
}

/** A weapon or a threat keeps a message aggression wherever it takes someone. */
const HARM_THAT_STAYS_AGGRESSION: readonly HarmKind[] = ['weapon', 'improvisedWeapon', 'strangling', 'threat', 'killThreat'];

/**
 * Sexual violence happening now is often told without a sexual word, by force that isolates someone (issue 11): a drunk
 * guest pulling a young nurse into the linen room, a resident half carrying a student who can barely stand towards the
 * on-call rooms, "neemt een meisje mee naar de toiletten". When the words say aggression and also name someone taken along
 * (`lexicon.isolating.leads`) into a closed place (`lexicon.isolating.places`), without a weapon or a threat, the topic is
 * sexual harassment. Pushing or locking someone in stays aggression: shut in a cupboard, the door held from outside.
 */
function takenAside(topic: number, isolatingTerms: number, harmNamed: ReadonlySet<HarmKind>): number {
  if (topic !== AGGRESSION || isolatingTerms === 0) return topic;
  return HARM_THAT_STAYS_AGGRESSION.some((harm) => harmNamed.has(harm)) ? topic : SEXUAL;
}

const OTHER_INTEGRITY = TOPICS.indexOf('other-integrity');
const ABUSE_OF_POWER = TOPICS.indexOf('abuse-of-power');

/**
 * Theft is other integrity even when its verb also grabs: Dutch "pakken" takes money as readily as it grabs an arm.
 * When the words say aggression, no kind of harm is named, and they name what a theft takes or where from
 * (`lexicon.taken`: money from a till or a wallet, supplies into one's own car, lost property), the topic is other integrity.
 */
function takenNotGrabbed(topic: number, takenTerms: number, harmNamed: boolean): number {
  return topic === AGGRESSION && takenTerms > 0 && !harmNamed ? OTHER_INTEGRITY : topic;
}

const RESEARCH_INTEGRITY = TOPICS.indexOf('research-integrity');
/** Harm that keeps aggression whoever holds a lever: a blow, a grip, a weapon. */
const PHYSICAL_HARM: readonly HarmKind[] = ['violence', 'strangling', 'weapon', 'improvisedWeapon'];

/**
 * A career lever a superior holds, named as the price of a demand, is abuse of power even when the demand is about research
 * (issue 11: "a supervisor who threatens to block a contract extension" is abuse of power): a promotor who will not sign the
 * extension unless his name goes first, "wil je nou een vast contract of niet" about a grant on the boss's name, a passing grade
 * only for an article with him as first author, "that will be the end of your time here". Authorship, a paper or a grant puts
 * such messages under research integrity by their words; when those words say research integrity and also name such a lever
 * (`lexicon.levers`: a contract not renewed, an extension, a grade, a reference, being written off, projects kept for favourites),
 * the topic is abuse of power. Losing a contract for refusing to fabricate data is not named: "without losing my contract" stays.
 * The same for aggression that no blow, grip or weapon makes physical: held or locked in, or threatened, by a superior for a career
 * decision is abuse of power (the labelling guide: "held or locked in is aggression unless a superior uses it for a career
 * decision"): "opgesloten tot ik een slechte beoordeling tekende", standing in the doorway saying "you'll never get a residency
 * spot", "anders zorgt hij dat ze hier nooit meer werkt". A blow stays aggression whoever holds a lever: a PhD student with
 * clenched fists over his own contract.
 */
function leverHeld(topic: number, leverTerms: number, harmNamed: ReadonlySet<HarmKind>): number {
  if (leverTerms === 0) return topic;
  if (topic === RESEARCH_INTEGRITY) return ABUSE_OF_POWER;
  return topic === AGGRESSION && !PHYSICAL_HARM.some((harm) => harmNamed.has(harm)) ? ABUSE_OF_POWER : topic;
}

/**
 * Sexual violence happening now is often told by the clothes or the hands alone, with no topic word and no harm the danger
 * rules name ("iemand trekt aan mijn broek", "hij trekt aan mn kleren en ik wil nie", "aan me gaat zitten"). A situation that
 * names no topic but what makes a touch sexual (`lexicon.intimate`) is sexual harassment.
 */
function touchedSexually(intimateTerms: number): Topic | null {
  return intimateTerms > 0 ? 'sexual-harassment' : null;
}

/**
 * Bullying is often told without its name or any topic word: not invited, a name taken off a list, belongings in the bin,
 * called useless, everyone laughing at a drawing of the writer (issue 11: a target told indirectly). A situation that
 * names no topic but such a slight (`lexicon.slights`) is bullying.
 */
function slighted(slightTerms: number): Topic | null {
  return slightTerms > 0 ? 'bullying' : null;
}

/**
 * Self-harm or despair told by a writer who names nobody else ("I've saved up enough pills", "ik zie het
 * niet meer zitten") is the writer's own: it happens to them. The regression, which learns from sets that
 * leave such messages without a perspective, reads their "me" and "my" as often as a witness's. A writer
 * the regression finds owning a deed stays the accused ("told my remarks were racist, I want to end it").
 */
function ownSelfHarm(danger: DangerAssessment, namesOthers: boolean): boolean {
  return danger.level !== 'none' && (danger.harm === 'selfHarm' || danger.harm === 'despair') && !namesOthers;
}

/**
 * Self-harm or despair told mostly of "he" or "she" ("my flatmate says he's ending it tonight, he's got a rope", "een student
 * zit op de vensterbank, hij zegt niemand mag dichtbij komen") is someone else's: the writer saw it or was told, a witness.
 * The regression reads the writer's "me" and "my" in such messages as the target about one time in six, since most sets give
 * self-harm no perspective. Only its target is corrected: a manager or an accused the regression reads stays. A threat told to the
 * writer with the writer as its object ("telling me he'll slit my throat", `aim.said`) is no one's self-harm, though the danger
 * rules read its words as one: the regression's target stays.
 */
function othersSelfHarm(danger: DangerAssessment, tellsOfOthers: boolean, aim: AimAtWriter): boolean {
  return danger.level !== 'none' && (danger.harm === 'selfHarm' || danger.harm === 'despair') && tellsOfOthers && !aim.said;
}

/** A threat is told to someone; it names the writer's perspective only when told to the writer. */
const THREATS_TOLD: readonly HarmKind[] = ['threat', 'killThreat'];
/** Harm that can be pointed at someone: a weapon held out, a blow aimed, a threat shouted. */
const HARM_AIMED: readonly HarmKind[] = ['weapon', 'improvisedWeapon', 'violence', 'strangling', 'threat', 'killThreat'];

/**
 * A threat told to the writer or a weapon pointed at them makes the writer the target (issue 11: "a threat to hurt someone is
 * aggression"; the target is whom it is aimed at): "a woman told me she'd make me suffer and left in a taxi", "he's waving a knife
 * at us", "een collega zei lachend tegen mij: 'ik steek je neer'". The regression reads the many nouns for people in such
 * stories (a patient's son, a visitor) as a witness's, and a writer who backs away ("I've backed up against the fume hood") as one
 * who did something. Only a witness or an accused it reads is corrected, never a manager, never self-harm ("told me he'd end it":
 * someone else's), and only when the writer's own words aim it at the writer (`aimAtWriter`). A threat reported of the writer with
 * nobody named as told ("the porter is yelling that he'll break my jaw", "brult dat hij me een klap verkoopt", `aim.reported`) is
 * aimed at the writer by any harm that can be pointed: what he says he will do to "me" is the threat, whatever its verb.
 */
function aimedAtWriter(danger: DangerAssessment, aim: AimAtWriter): boolean {
  if (danger.harmNamed.has('selfHarm') || danger.harmNamed.has('despair')) return false;
  const named = (kinds: readonly HarmKind[]) => kinds.some((harm) => danger.harmNamed.has(harm));
  return (aim.said && named(THREATS_TOLD)) || ((aim.reported || aim.at) && named(HARM_AIMED));
}

/** The list behind each topic rule (decision.ts), as `ask --explain` names the one that decided. */
export type TopicRule = 'intimate' | 'identities' | 'isolating' | 'taken' | 'levers';

/**
 * The topic the scores put first, corrected by the topic rules in their order: what makes force sexual before identities,
 * then isolating force, theft and a career lever. `rule` names the last rule that changed it, null when none did.
 */
function ruledTopic(scored: number, evidence: LocaleEvidence, harmNamed: ReadonlySet<HarmKind>, harmEvidenceNamed: boolean): { topic: number; rule: TopicRule | null } {
  const steps: readonly [TopicRule, (topic: number) => number][] = [
    ['intimate', (topic) => sexualWhateverTheForce(topic, evidence.intimateTerms, harmNamed)],
    ['identities', (topic) => aimedAtIdentity(topic, evidence.identityTerms, harmEvidenceNamed)],
    ['isolating', (topic) => takenAside(topic, evidence.isolatingTerms, harmNamed)],
    ['taken', (topic) => takenNotGrabbed(topic, evidence.takenTerms, harmEvidenceNamed)],
    ['levers', (topic) => leverHeld(topic, evidence.leverTerms, harmNamed)],
  ];
  let topic = scored;
  let rule: TopicRule | null = null;
  for (const [name, apply] of steps) {
    const ruled = apply(topic);
    if (ruled !== topic) rule = name;
    topic = ruled;
  }
  return { topic, rule };
}

/** Which topic rule turned the topic the scores put first into another, for `ask --explain`; null when none did or no topic is named. */
export function topicRuleOf(decidedBy: DecidedBy): TopicRule | null {
  const rule = decidedBy.topic.startsWith('rule:') ? decidedBy.topic.slice('rule:'.length) : null;
  return rule === null || rule === 'harm' || rule === 'slights' ? null : (rule as TopicRule);
}

/** Per topic: network + regression + matched terms + the kinds of harm named; and the harm's part alone. */
function scoredTopics(evidence: LocaleEvidence, danger: DangerAssessment): { scores: Float64Array; harmEvidence: Float64Array } {
  const topicScores = new Float64Array(TOPICS.length);
  for (let i = 0; i < TOPICS.length; i += 1) {
    topicScores[i] = evidence.topicModel[i] + TOPIC_REGRESSION_WEIGHT * evidence.topicRegression[i] + TOPIC_TERM_WEIGHT * evidence.topicTerms[i];
  }
  // Words of harm name the topic whatever their time or frame: a blow last year is still aggression.
  const harmEvidence = harmTopicEvidence(danger.harmNamed, evidence.topicTerms[SEXUAL] > 0);
  for (let i = 0; i < TOPICS.length; i += 1) topicScores[i] += harmEvidence[i];
  return { scores: topicScores, harmEvidence };
}

/**
 * What decided each label, for `ask --explain`: the regression, the intent cues, the combined topic scores, a rule that
 * overruled them (a topic rule by its list, `harm`: the harm the danger rules found, `slights`; `ownSelfHarm` for the
 * perspective), or nothing (`none`: no label). Explaining a rule's answer by the regression's features would send whoever
 * tunes the classifier to retrain a model when a rule decided.
 */
/**
 * The topic of a situation told without a topic word: the harm the danger rules name, what makes a touch sexual, a slight;
 * each with the rule that gave it.
 */
function situationTopic(danger: DangerAssessment, evidence: LocaleEvidence): { readonly topic: Topic | null; readonly by: DecidedBy['topic'] } {
  const byHarm = harmTopic(danger.harm);
  if (byHarm) return { topic: byHarm, by: 'rule:harm' };
  const bySexualTouch = touchedSexually(evidence.intimateTerms);
  if (bySexualTouch) return { topic: bySexualTouch, by: 'rule:intimate' };
  const bySlight = slighted(evidence.slightTerms);
  return bySlight ? { topic: bySlight, by: 'rule:slights' } : { topic: null, by: 'none' };
}

export interface DecidedBy {
  readonly intent: 'regression' | 'cues' | 'situation' | 'network' | 'default';
  readonly topic: 'none' | 'scores' | `rule:${TopicRule | 'harm' | 'slights'}`;
  readonly perspective: 'none' | 'regression' | 'rule:ownSelfHarm' | 'rule:othersSelfHarm' | 'rule:aimedAtWriter' | 'rule:managerToldOf';
}

export type Decision = Omit<Classification, 'locale' | 'urgent' | 'danger'> & { readonly decidedBy: DecidedBy };

/** Danger words name a situation, and may imply its topic ("a knife": aggression). */
export function decide(evidence: LocaleEvidence, danger: DangerAssessment): Decision {
  const urgent = danger.level !== 'none';
  const { scores: topicScores, harmEvidence } = scoredTopics(evidence, danger);
  const { topic: bestTopic, rule: topicRule } = ruledTopic(argmax(topicScores), evidence, danger.harmNamed, max(harmEvidence) > 0);
  const modelTopic = argmax(evidence.topicModel);
  const regressionTopic = argmax(evidence.topicRegression);
  const namesTopic =
    max(evidence.topicTerms) > 0 ||
    max(harmEvidence) > 0 ||
    (modelTopic < TOPICS.length && evidence.topicModel[modelTopic] >= MIN_TOPIC_SCORE) ||
    (regressionTopic < TOPICS.length && evidence.topicRegression[regressionTopic] >= MIN_REGRESSION_TOPIC && evidence.topicModel[TOPICS.length] < MAX_NO_TOPIC_FOR_REGRESSION);
  const hasPerspectiveCue = max(evidence.perspectiveCues) > 0;
  // A pronoun ("me", "her") hints at a perspective but is no situation; "ik zag" or "my team" is.
  const hasPerspectivePhrase = max(evidence.perspectiveCues) >= MIN_SITUATION_CUE;

  const { intent, by: intentBy } = chooseIntent(evidence, namesTopic || hasPerspectivePhrase || urgent);
  const describesSituation = INTENTS_WITH_SITUATION.includes(intent);
  // A knife or a threat to kill names the situation even when no topic word does. A question about
  // training or the code of conduct keeps the topic it names ("the e-learning about aggression").
  const { topic, by: topicBy } = namesTopic
    ? { topic: TOPICS[bestTopic], by: topicRule ? (`rule:${topicRule}` as const) : ('scores' as const) }
    : describesSituation
      ? situationTopic(danger, evidence)
      : { topic: null, by: 'none' as const };

  // Whoever writes about a situation has a perspective on it, whatever they ask for ("as her manager, is there a training?").
  const regressionPerspective = PERSPECTIVES[argmax(evidence.perspectiveRegression)];
  const givesPerspective = topic !== null || hasPerspectivePhrase || (describesSituation && (hasPerspectiveCue || urgent));
  const writersOwn = regressionPerspective !== 'accused' && ownSelfHarm(danger, evidence.namesOthers);
  const perspectiveBy: DecidedBy['perspective'] = !givesPerspective
    ? 'none'
    : writersOwn
      ? regressionPerspective === 'target'
        ? 'regression'
        : 'rule:ownSelfHarm'
      : regressionPerspective === 'target' && othersSelfHarm(danger, evidence.tellsOfOthers, evidence.aimAtWriter)
        ? 'rule:othersSelfHarm'
        : (regressionPerspective === 'witness' || regressionPerspective === 'accused') && aimedAtWriter(danger, evidence.aimAtWriter)
          ? 'rule:aimedAtWriter'
          : (regressionPerspective === 'witness' || (regressionPerspective === 'target' && danger.level !== 'now')) && evidence.managerToldOf
            ? 'rule:managerToldOf'
            : 'regression';
  const perspective = perspectiveBy === 'none' ? null : perspectiveBy === 'regression' ? regressionPerspective : RULED_PERSPECTIVE[perspectiveBy];

  // A topic the network rates under half its "no topic" score is no likely topic ("er gebeurt iets
  // vervelends in mijn team"), unless the regression rates it above its own "no topic" and the network
  // is not sure the message names no situation ("something is going on with my supervisor": abuse of
  // power is worth a button).
  const likelyFloor = Math.max(MIN_LIKELY_TOPIC_SCORE, NO_TOPIC_SHARE * evidence.topicModel[TOPICS.length]);
  const regressionNoTopic = evidence.topicRegression[TOPICS.length];
  const likelyTopics = TOPICS.map((candidate, index) => ({ candidate, index, score: topicScores[index] }))
    .filter(
      ({ index, score }) =>
        score - TOPIC_REGRESSION_WEIGHT * evidence.topicRegression[index] > likelyFloor ||
        (evidence.topicModel[TOPICS.length] < MAX_NO_TOPIC_FOR_REGRESSION &&
          evidence.topicRegression[index] > regressionNoTopic &&
          evidence.topicRegression[index] >= MIN_LIKELY_REGRESSION),
    )
    .sort((a, b) => b.score - a.score)
    .slice(0, MAX_LIKELY_TOPICS)
    .map(({ candidate }) => candidate);
  if (topic !== null && !likelyTopics.includes(topic)) likelyTopics.unshift(topic);
  return {
    intent,
    topic,
    perspective,
    likelyTopics: likelyTopics.slice(0, MAX_LIKELY_TOPICS),
    decidedBy: { intent: intentBy, topic: topicBy, perspective: perspectiveBy },
  };
}

/**
 * The cues that decide: where the message asks (askLocation.ts), the cues in its asking sentences, and
 * when those name no intent, the frames (a drill: training) unless the ask is what to do (a drill that
 * went wrong: guidance); the story's cues ("she already reported it") ask for nothing. Without an asking sentence, every cue and frame of the message.
 */
function decidingCues(evidence: LocaleEvidence): Float64Array {
  if (evidence.askKind !== 'none' && max(evidence.askIntentCues) > 0) return evidence.askIntentCues;
  if (evidence.askKind !== 'none') return evidence.askWhatToDo ? new Float64Array(evidence.intentFrames.length) : evidence.intentFrames;
  const cues = Float64Array.from(evidence.intentCues);
  for (let i = 0; i < cues.length; i += 1) cues[i] += evidence.intentFrames[i];
  return cues;
}

/**
 * Intents an ask names with words that rarely mean anything else ("should this be reported", "can I
 * talk to someone"): a regression sure of guidance does not overrule them, since its certainty comes
 * from the story's words (a long story mostly asks for guidance in the tune sets). Nor does it overrule
 * an ask that names what the programme offers (`offers`: "the code of conduct", "a training", "a team
 * session"). The other cues are weaker ("protocol", "allowed", "rules"), and there the regression knows
 * better (a clinical question about the protocol asks for guidance).
 */
const ASKS_THE_STORY_CANNOT_OVERRULE: readonly Intent[] = ['report', 'talk'];

/**
 * A situation asks for guidance unless a cue names another intent; greetings never outweigh a
 * situation. The regression decides first when it is nearly certain, except for a greeting, and
 * except for guidance against a firm ask: for a report or a talk, or naming an offer.
 */
function chooseIntent(evidence: LocaleEvidence, describesSituation: boolean): { readonly intent: Intent; readonly by: DecidedBy['intent'] } {
  const regressionPick = argmax(evidence.intentRegression);
  const pickIsGreeting = INTENT_MODEL_LABELS[regressionPick] === 'help' && describesSituation;
  const cues = decidingCues(evidence);
  const firmAsk =
    evidence.askKind !== 'none' &&
    (ASKS_THE_STORY_CANNOT_OVERRULE.some((intent) => evidence.askIntentCues[CUE_INTENTS.indexOf(intent)] > 0) ||
      CUE_INTENTS.some((_, i) => evidence.askOffers[i] > 0 && evidence.askIntentCues[i] > 0));
  const storyOverAsk = firmAsk && INTENT_MODEL_LABELS[regressionPick] === 'guidance';
  if (evidence.intentRegression[regressionPick] >= SURE_INTENT && !pickIsGreeting && !storyOverAsk) return { intent: INTENT_MODEL_LABELS[regressionPick], by: 'regression' };
  const helpIndex = CUE_INTENTS.indexOf('help');
  let best = -1;
  let bestScore = 0;
  for (let i = 0; i < CUE_INTENTS.length; i += 1) {
    if (cues[i] === 0 || (i === helpIndex && describesSituation)) continue;
    const score = INTENT_CUE_WEIGHT * cues[i] + evidence.intentModel[i];
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  if (best >= 0) return { intent: CUE_INTENTS[best], by: 'cues' };
  if (describesSituation) return { intent: 'guidance', by: 'situation' };
  const top = argmax(evidence.intentModel);
  if (evidence.intentModel[top] >= MIN_INTENT_SCORE) return { intent: INTENT_MODEL_LABELS[top], by: 'network' };
  return { intent: max(evidence.intentModel) > 0 ? 'guidance' : 'help', by: 'default' };
}
