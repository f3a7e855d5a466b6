import type { DangerCues } from '../../content/contentSchema';
import type { DangerLevel, Locale, Topic } from '../vocabulary';
import { CueMatcher, compileCue, type CueMatch } from './cueMatcher';
import { CUE_KINDS, HARM_KINDS, type CueKind, type HarmKind } from './dangerKinds';
import { ANY_LANGUAGE_THRESHOLDS, DANGER_THRESHOLDS, DangerModel, DOUBT_PROBABILITY, modelFeatures, NOW_PROBABILITY, STORY_PROBABILITY, type DangerExamples, type DangerModelVerdict, type DangerThresholds } from './dangerModel';
import { fieldClasses, fieldFeatures, tellsOfTheField } from './selfHarmField';
import { tokeniseSentences, tokenWindows, type Sentence, type TokenisedText } from './sentenceTokens';
import type { WordCorrection } from './spelling';

/*
 * Danger is reasoned from kinds of wording, not from whole phrases. content/nlu/danger.json lists,
 * per kind, the short token sequences that express it in either language; this file decides:
 *
 * 1. Harm: what could hurt someone (violence, strangling, a weapon, an object wielded as one,
 *    confinement, being followed, a threat, self-harm, sexual assault, injury). Each harm cue is
 *    dropped when a negation stands just before it ("nobody is hurt", "niet suïcidaal") or when a
 *    figurative or clinical cue covers it ("this rota is killing me", "wurgsporen").
 * 2. Time, per sentence, wherever its words stand: a past time ("last week", "vorig jaar") settles
 *    the past; a present time, presence ("he's still here", "staat voor mijn neus"), the progressive
 *    ("is hitting", "staat te slaan", "wordt geslagen") or an alarm ("help", "!!") settles now.
 *    A sentence without its own time takes the present of another sentence in the message.
 * 3. Frame, for the whole message: hypothetical ("what if", "stel dat"), training or news,
 *    a joke, a danger that is over ("security took him away"), a report about it.
 *
 * `now`: harm in the present, or self-harm intent or a threat to kill (which need no time word),
 * outside any frame. `unclear`: harm whose time the text leaves open, or whose past form leaves it
 * open whether it still goes on. `none`: no harm, or harm in the past or in a frame.
 */

const HARM = new Set<CueKind>(HARM_KINDS);
/** Frames that make harm words no present danger, strongest first. */
const FRAMES = ['resolved', 'departed', 'hypothetical', 'procedure', 'training', 'news', 'post', 'reported'] as const;
/** Frames that ask rather than tell: they yield to the sentence's own "right now". */
const QUESTION_FRAMES = new Set<CueKind>(['hypothetical', 'procedure']);
const TOLD_IN_PAST_GRAMMAR = 'told in past grammar';
/** A story in past grammar this short ("een patiënt sloeg mijn collega") does not tell whether it is over: it stays `unclear`; a message this short without harm words is asked about only when the model is surer. */
const STORY_MIN_TOKENS = 10;
const SHORT_UNCLEAR_PROBABILITY = 0.4;
const RANK: Readonly<Record<DangerLevel, number>> = { now: 2, unclear: 1, none: 0 };
/** Tokens before a harm cue in which a negation cancels it ("nobody is hurt", "not suicidal"). */
const NEGATION_REACH = 2;
/** Extra tokens a negation reaches when a clause follows it ("not that", "niet dat"): the clause's subject and object. */
const CLAUSE_REACH = 4;
const CLAUSE_OPENERS = new Set(['that', 'dat']);
const SAYING = new Set(['say', 'says', 'said', 'tell', 'told', 'zei', 'zegt', 'zeggen', 'gezegd', 'zeiden']);
/** Words after a negation that turn it into "it goes on". */
const KEEPS_GOING = new Set(['stop', 'stopping', 'quit', 'stoppen', 'stopt', 'ophouden', 'houdt', 'op']);
const COORDINATORS = new Set(['or', 'nor', 'of', 'noch']);
/** Before "een keer" these make it "once more", not "once". */
const ONE_MORE = new Set(['nog']);
/** Dutch puts the negation after the verb and its object ("hij volgt me niet meer", "sloeg haar niet"): right after a harm cue or after an object pronoun it negates it. */
const AFTER_NEGATION = new Set(['niet']);
const OBJECT_PRONOUNS = new Set(['me', 'mij', 'haar', 'hem', 'ze', 'hen', 'hun', 'ons', 'jou', 'je', 'u', 'iemand', 'niemand']);
/** "niet alleen", "niet normaal", "niet los": after a harm cue these say more, not less. */
const NOT_NEGATING_NEXT = new Set(['alleen', 'enkel', 'slechts', 'normaal', 'los', 'zomaar', 'eens', 'te', 'op', 'stoppen', 'ophouden']);
const NEGATABLE_CONTEXT = new Set<CueKind>(['alarm', 'now', 'looseNow', 'joke', 'training', 'means', 'resolve', 'resolved', 'departed', 'farewell', 'method', 'plan', 'decidedCalm']);
/**
 * Frames that a more specific cue covers: a means kept "for when it gets too much" (a resolve) is no hypothetical question,
 * and "then it is over" after a way to die (a resolve) is no danger that is over; "the man who was discharged this morning"
 * (a description of who he is) and "begging them to let him out" (a plea) do not say the danger is over.
 */
const COVERED_FRAMES: ReadonlyMap<CueKind, readonly CueKind[]> = new Map<CueKind, readonly CueKind[]>([
  ['resolve', ['hypothetical', 'resolved']],
  ['description', ['resolved']],
  ['alarm', ['resolved']],
]);
/** The writer in a sentence: a wish to die told of oneself beside a question ("am I allowed on the roof? I don't plan on coming back down") is no hypothetical. */
const FIRST_PERSON = new Set(['i', 'me', 'my', 'myself', 'ik', 'mij', 'mijn', 'mezelf', 'mijzelf']);
/**
 * Harm whose intent is itself the danger (self-harm, a threat to kill): it needs a time word less,
 * and it is `now` by its intent (issue 11). The model never lowers self-harm; a threat to kill it may
 * lower to the danger question, because the words of one are as often a joke, a quote or a report
 * ("pretends to strangle the coffee machine", "as iemand dreigt me af te maken").
 */
const INTENT_HARM = new Set<HarmKind>(['selfHarm', 'killThreat']);
/**
 * The kinds by which self-harm is told sideways (dangerKinds.ts): a farewell or arrangement, a means or place named, not
 * being there any more, a plan or a question of amount, the calm of a decision, a means at hand, a resolve, despair. One
 * alone is an ordinary thing to say at work; two of them in one message ("my neighbour will take the cat" and "there are
 * enough tablets now") get at least the danger question, also when no sentence names the act.
 */
const SELF_HARM_FIELD: readonly CueKind[] = ['farewell', 'method', 'absence', 'gone', 'plan', 'decidedCalm', 'means', 'resolve', 'despair'];
/**
 * A means at hand is a method named more firmly, and not being there told outright ("gone") is absence: each the same kind,
 * counted once ("hebben de opiaten" is no second kind beside "opiaten").
 */
const FIELD_KIND_OF: Partial<Record<CueKind, CueKind>> = { means: 'method', gone: 'absence' };
/** Frames in which the field is no intention: a drill, news from elsewhere, a joke, a clinical matter (an overdose protocol, a patient's medicines). */
const FIELD_FRAMES: readonly CueKind[] = ['training', 'news', 'joke', 'clinical'];
/** Harm told by writing it down: a farewell note, a last message. */
const WRITTEN_INTENT = new Set<HarmKind>(['selfHarm', 'despair']);
/** Harm that still needs the emergency route hours later. */
const RECENT_IS_NOW = new Set<HarmKind>(['sexualAssault', 'selfHarm']);
/** A threat to hurt or to kill: made earlier, it is a danger again while the one who made it is still there. */
const THREATS = new Set<HarmKind>(['threat', 'killThreat']);
/** Harm that a joke does not explain away when the message says it is going on now ("locked in 'for fun'"). */
const JOKE_PROOF = new Set<HarmKind>(['confinement', 'sexualAssault', 'following', 'strangling']);

export interface DangerAssessment {
  readonly level: DangerLevel;
  /** The harm that decided the level, for a topic when the message names none ("a man with a knife"). */
  readonly harm: HarmKind | null;
  /** Every kind of harm the message names, whatever its time or frame ("last year he hit me": violence), for the topic. */
  readonly harmNamed: ReadonlySet<HarmKind>;
  /** Why: the rule that decided and the cues (kind: words) it used, for `ask --explain`. */
  readonly reasons: readonly string[];
  /** How many tokens were analysed: bounded by the text length limit, whatever the input. */
  readonly tokensAnalysed: number;
  /** `unclear` only because the harm is told in past grammar without a time word ("a patient grabbed her"). */
  readonly pastStory?: boolean;
  /** The trained model's probability of present danger, when it judged (dangerModel.ts). */
  readonly modelProbability?: number;
  /** The self-harm field model's probability, when it judged a message the others left `none` (selfHarmField.ts). */
  readonly fieldProbability?: number;
  /** Typing errors read through before the cues and models saw the words ("knfie → knife", spelling.ts). */
  readonly corrections?: readonly string[];
}

interface SentenceReading {
  readonly harm: readonly CueMatch<CueKind>[];
  readonly context: ReadonlySet<CueKind>;
  readonly cues: readonly CueMatch<CueKind>[];
  readonly exclaimed: boolean;
  readonly firstPerson: boolean;
}

export function harmTopic(harm: HarmKind | null): Topic | null {
  if (harm === null || harm === 'selfHarm' || harm === 'despair' || harm === 'injury') return null;
  return harm === 'sexualAssault' ? 'sexual-harassment' : 'aggression';
}

function covers(outer: CueMatch<CueKind>, inner: CueMatch<CueKind>): boolean {
  return outer.start <= inner.start && outer.end >= inner.end;
}

function hasLiteral(cue: CueMatch<CueKind>['cue'], token: string): boolean {
  return cue.slots.some((slot) => slot.kind === 'any' && slot.alternatives.some((alternative) => alternative.some((part) => part.kind === 'word' && part.text === token)));
}

function overlaps(a: CueMatch<CueKind>, b: CueMatch<CueKind>): boolean {
  return a.start < b.end && b.start < a.end;
}

function readSentence(matcher: CueMatcher<CueKind>, sentence: Sentence): SentenceReading {
  const cues = matcher.matches(sentence.tokens);
  // "won't stop hitting her", "houdt niet op": a negated stop says the harm goes on.
  const negations = cues.filter(({ cue, end }) => cue.kind === 'negation' && !KEEPS_GOING.has(sentence.tokens[end] ?? ''));
  const { tokens } = sentence;
  // "he did not say that he would kill her", "zei niet dat ...": a negated saying reaches over the clause it introduces
  // ("I don't think I will be here" is no negation of its clause).
  const negatesClause = (negation: CueMatch<CueKind>) =>
    (SAYING.has(tokens[negation.start - 1] ?? '') && CLAUSE_OPENERS.has(tokens[negation.end] ?? '')) ||
    (SAYING.has(tokens[negation.end] ?? '') && CLAUSE_OPENERS.has(tokens[negation.end + 1] ?? ''));
  const negated = (match: CueMatch<CueKind>) =>
    negations.some((negation) => {
      const reach = negatesClause(negation) ? NEGATION_REACH + CLAUSE_REACH : NEGATION_REACH;
      if (negation.end <= match.start) return match.start - negation.end < reach;
      if (negation.start >= match.end) return negatedAfter(negation, match);
      // A negation in a cue's gap, not one of its own words, negates it: "wil niet dood" is no "wil dood".
      return covers(match, negation) && negation.start > match.start && !hasLiteral(match.cue, sentence.tokens[negation.start]);
    });
  const negatedAfter = (negation: CueMatch<CueKind>, match: CueMatch<CueKind>) =>
    HARM.has(match.cue.kind) &&
    (negation.start === match.end || (negation.start === match.end + 1 && OBJECT_PRONOUNS.has(tokens[match.end]))) &&
    AFTER_NEGATION.has(tokens[negation.start]) &&
    !NOT_NEGATING_NEXT.has(tokens[negation.start + 1] ?? '');
  // "a farewell card", "de opiaten tellen voor de overdracht": the field of self-harm is not told in a figurative or clinical phrase.
  const fieldCancels = cues.filter(({ cue }) => cue.kind === 'figurative' || cue.kind === 'clinical');
  const context = new Set<CueKind>();
  // "not urgent", "niet nu": a negated alarm or time word does not settle the present; "no joke", "geen oefening" is no frame.
  const coveringCues = cues.filter(({ cue }) => COVERED_FRAMES.has(cue.kind));
  for (const cue of cues) {
    if (HARM.has(cue.cue.kind) || (NEGATABLE_CONTEXT.has(cue.cue.kind) && negated(cue))) continue;
    if (SELF_HARM_FIELD.includes(cue.cue.kind) && fieldCancels.some((cancel) => overlaps(cancel, cue))) continue;
    // "nog een keer" is one more time, the condition of a threat ("als je nog een keer aan haar komt"), not a time in the past ("een keer").
    if (cue.cue.kind === 'past' && ONE_MORE.has(tokens[cue.start - 1] ?? '')) continue;
    if (coveringCues.some((outer) => COVERED_FRAMES.get(outer.cue.kind)?.includes(cue.cue.kind) && covers(outer, cue))) continue;
    context.add(cue.cue.kind);
  }
  const cancels = cues.filter(({ cue }) => cue.kind === 'figurative' || cue.kind === 'clinical');
  const harm: CueMatch<CueKind>[] = [];
  let lastNegatedEnd = -1;
  for (const match of cues) {
    if (!HARM.has(match.cue.kind) || cancels.some((cancel) => overlaps(cancel, match))) continue;
    // Locking a patient's room or secluding a patient is care, not confinement ("kamer van een suïcidale pt op slot").
    if (match.cue.kind === 'confinement' && cancels.some(({ cue }) => cue.kind === 'clinical')) continue;
    // A negation reaches over "or"/"of" to the next harm word: "nobody was locked in or held", "niemand gevolgd of gestalkt".
    const coordinated = lastNegatedEnd >= 0 && match.start - lastNegatedEnd === 1 && COORDINATORS.has(sentence.tokens[lastNegatedEnd]);
    if (negated(match) || coordinated) {
      lastNegatedEnd = Math.max(lastNegatedEnd, match.start + 1);
      continue;
    }
    harm.push(match);
  }
  // A pair of scissors is a weapon only in a hand that wields it.
  const wielded = context.has('wielding') || harm.some(({ cue }) => cue.kind === 'violence' || cue.kind === 'threat' || cue.kind === 'killThreat');
  const kept = wielded ? harm : harm.filter(({ cue }) => cue.kind !== 'improvisedWeapon');
  // Bleeding or lying on the floor is a medical matter unless some harm caused it or it is happening now.
  const now = context.has('now') || context.has('alarm') || context.has('progressive');
  const caused = now || kept.some(({ cue }) => cue.kind !== 'injury');
  // A sentence that is only "now" or "nu" ("knife. ward 7. now.") settles the present like "right now".
  const onlyNow = context.has('looseNow') && tokens.length <= 3;
  return { harm: caused ? kept : [], context, cues, exclaimed: sentence.exclaimed || onlyNow, firstPerson: tokens.some((token) => FIRST_PERSON.has(token)) };
}

const describe = (match: CueMatch<CueKind>, tokens: readonly string[]) => `${match.cue.kind}: ${tokens.slice(match.start, match.end).join(' ')}`;

/** `told`: past grammar without a time word ("he grabbed her"): a story whose end the text leaves open. */
type Time = 'now' | 'past' | 'open' | 'told' | 'present';

const NOW_WORDS: readonly CueKind[] = ['now', 'presence', 'alarm'];
/** Every word of the present, firm or grammatical: with the model's word evidence they settle `now`. */
const PRESENT_KINDS: readonly CueKind[] = [...NOW_WORDS, 'progressive', 'ongoing', 'looseNow'];

/** A bare "now" or a duration settles the present only in a sentence that names no past time ("last month he hit me, what can I do now?"). */
function hasNowWords(reading: SentenceReading): boolean {
  return hasFirmNowWords(reading) || (reading.context.has('looseNow') && !reading.context.has('past') && !datedLastNight(reading));
}

/** "Vannacht", "last night" with past grammar ("is vannacht gebeten"): the harm is dated, a bare "now" asks what to do now. */
function datedLastNight(reading: SentenceReading): boolean {
  return reading.context.has('recent') && (reading.context.has('pastForm') || reading.context.has('perfect'));
}

function onlyLooseNow(reading: SentenceReading): boolean {
  return !hasFirmNowWords(reading) && !reading.context.has('progressive') && !reading.context.has('ongoing');
}

/** Words that settle the present for the whole message; a bare "now" speaks only for its own sentence ("Now there is a complaint against me"). */
function hasFirmNowWords(reading: SentenceReading): boolean {
  return NOW_WORDS.some((kind) => reading.context.has(kind)) || reading.exclaimed;
}

/**
 * The time of one harm cue: its sentence's own time words first, then its own verb form, then
 * the present that another sentence of the message settles ("I'm locked in. He took the key.").
 */
function timeOf(reading: SentenceReading, message: MessageTime, harm: HarmKind): Time {
  const { context } = reading;
  const presentWords = hasNowWords(reading) || context.has('progressive');
  // "Last month" in a sentence that also says "is locked in" or "is not answering" dates something else.
  if (context.has('past') && !presentWords) return 'past';
  // "Last night" with past grammar ("is vannacht bespuugd") dates the harm; only self-harm and sexual assault stay urgent then (RECENT_IS_NOW).
  if (datedLastNight(reading) && !presentWords && !context.has('ongoing')) return 'past';
  if (presentWords || context.has('ongoing')) return 'now';
  // Past grammar takes the past time of another sentence ("He grabbed me. That was on Tuesday.").
  if (context.has('pastForm') && message.isPast && !message.isNow) return 'past';
  // A threat that has been made ("he has threatened me") is over unless the message says the person is still there.
  if (message.isNow || (context.has('perfect') && !message.isPast && harm !== 'threat')) return 'now';
  if (context.has('pastForm')) return 'told';
  // A verb of harm without past grammar tells the present ("hij wurgt haar", "is following me").
  const verbal = reading.harm.some(({ cue }) => cue.kind !== 'weapon' && cue.kind !== 'improvisedWeapon' && cue.kind !== 'injury');
  return verbal ? 'present' : 'open';
}

interface MessageTime {
  /** A sentence settles the present ("I'm in the sluice room", "help"). */
  readonly isNow: boolean;
  /** A sentence settles the past ("that was last Tuesday"). */
  readonly isPast: boolean;
}

/** The language of the message (not the one the person chose) picks the operating point; without one, the lower cuts hold. */
export type DangerAssessor = (text: string, locale?: Locale) => DangerAssessment;

/** The danger model trained on labelled messages, with the cue kinds these rules find in each as features. */
export function trainDangerModel(cues: DangerCues, examples: DangerExamples): DangerModel {
  const matcher = dangerCueMatcher(cues);
  const featuresOf = (text: string) => {
    const tokenised = tokeniseSentences(text);
    return modelFeatures({ tokens: tokenised, cueKinds: assessByRules(matcher, tokenised).kinds });
  };
  return DangerModel.train([
    ...examples.now.map((text) => ({ features: featuresOf(text), urgent: true })),
    ...examples.none.map((text) => ({ features: featuresOf(text), urgent: false })),
  ]);
}

/**
 * The field model (selfHarmField.ts): trained on the labelled messages that tell of the field at all, urgent against calm,
 * over the classes of their words and the rules' frames, never their words.
 */
export function trainFieldModel(cues: DangerCues, examples: DangerExamples): DangerModel {
  const matcher = dangerCueMatcher(cues);
  const labelled = [...examples.now.map((text) => ({ text, urgent: true })), ...examples.none.map((text) => ({ text, urgent: false }))];
  return DangerModel.train(
    labelled.flatMap(({ text, urgent }) => {
      const tokenised = tokeniseSentences(text);
      const classes = fieldClasses(tokenised);
      return tellsOfTheField(classes) ? [{ features: fieldFeatures(classes, assessByRules(matcher, tokenised).kinds), urgent }] : [];
    }),
  );
}

function dangerCueMatcher(cues: DangerCues): CueMatcher<CueKind> {
  return new CueMatcher<CueKind>(CUE_KINDS.flatMap((kind) => [...(cues[kind]?.nl ?? []), ...(cues[kind]?.en ?? [])].map((source) => compileCue(kind, source))));
}

/**
 * The rules, then the trained model (dangerModel.ts): it raises a `none` it finds likely urgent to
 * `unclear` (to `now` when it is very sure and the rules saw words of the present), lowers a `now`
 * it finds very unlikely to `unclear`, and lowers to `none` only a story told in past grammar that it
 * finds calm. Without a model (unit tests of the rules alone) only the rules decide; with examples
 * instead of a model, one is trained here.
 */
export function compileDangerCues(
  cues: DangerCues,
  model?: DangerModel | DangerExamples,
  fieldModel?: DangerModel,
  operatingPoints: Readonly<Record<Locale, DangerThresholds>> = DANGER_THRESHOLDS,
  spelling?: (locale: Locale | undefined) => WordCorrection,
): DangerAssessor {
  const matcher = dangerCueMatcher(cues);
  const trained = model === undefined || model instanceof DangerModel ? (model ?? null) : trainDangerModel(cues, model);

  return (text, locale) => {
    const tokenised = tokeniseSentences(text, spelling?.(locale));
    const { kinds, sentenceKinds, ...read } = assessByRules(matcher, tokenised);
    const assessment = tokenised.corrections?.length ? { ...read, corrections: tokenised.corrections } : read;
    if (trained === null) return assessment;
    const thresholds = locale === undefined ? ANY_LANGUAGE_THRESHOLDS : operatingPoints[locale];
    const whole = judgeWithModel(assessment, kinds, trained.judge(modelFeatures({ tokens: tokenised, cueKinds: kinds })), thresholds);
    const judged = whole.level === 'none' ? askForStrongestWindow(whole, judgeStrongestWindow(trained, tokenised, sentenceKinds), thresholds) : whole;
    return fieldModel === undefined || judged.level !== 'none' ? judged : raiseByField(judged, tokenised, kinds, fieldModel, thresholds);
  };
}

/**
 * A window is about as long as a short message (most tune messages have 15 to 40 words) and starts every ten words, so the
 * sentence that matters lies whole in one. Over the readable sets the danger model does not learn, with each message as
 * written, 40 words found 6 more urgent messages for 10 more calm ones asked; 30 words found 1 more for 27 more calm ones
 * asked, 50 words 4 fewer for 6 fewer (docs/EVALUATION.md).
 */
const WINDOW_WORDS = 40;
const WINDOW_STRIDE = 10;

/**
 * The danger model's verdict on the stretch of the message that tells the most danger. Its weights are summed over the
 * words present, so a long ordinary story around one sentence that matters drowns it: long messages are read in windows
 * of a short message's length, each with the cue kinds of its own sentences, and the strongest decides.
 */
function judgeStrongestWindow(model: DangerModel, tokenised: TokenisedText, sentenceKinds: readonly ReadonlySet<CueKind>[]): DangerModelVerdict | null {
  const windows = tokenWindows(tokenised, WINDOW_WORDS, WINDOW_STRIDE);
  if (windows.length <= 1) return null;
  let strongest: DangerModelVerdict | null = null;
  for (const { text, sentenceIndices } of windows) {
    const windowKinds = new Set<CueKind>(sentenceIndices.flatMap((index) => [...sentenceKinds[index]]));
    const verdict = model.judge(modelFeatures({ tokens: text, cueKinds: windowKinds }));
    if (strongest === null || verdict.probability > strongest.probability) strongest = verdict;
  }
  return strongest as DangerModelVerdict;
}

/**
 * Self-harm told sideways that neither the rules nor the danger model caught: the field model (selfHarmField.ts), which reads
 * the classes of the words rather than the words, asks the danger question when it is sure enough. It never gives `now`.
 */
function raiseByField(assessment: DangerAssessment, tokenised: TokenisedText, kinds: ReadonlySet<CueKind>, fieldModel: DangerModel, thresholds: DangerThresholds): DangerAssessment {
  const classes = fieldClasses(tokenised);
  if (!tellsOfTheField(classes)) return assessment;
  const verdict = fieldModel.judge(fieldFeatures(classes, kinds));
  if (verdict.probability < thresholds.field) return { ...assessment, fieldProbability: verdict.probability };
  return {
    ...assessment,
    level: 'unclear',
    harm: 'selfHarm',
    fieldProbability: verdict.probability,
    reasons: [`self-harm field model: ${verdict.probability.toFixed(2)} (${verdict.strongest.join(', ')})`, ...assessment.reasons],
  };
}

/** The danger model's say on the rules' level (see compileDangerCues). */
function judgeWithModel(assessment: DangerAssessment, kinds: ReadonlySet<CueKind>, verdict: DangerModelVerdict, thresholds: DangerThresholds): DangerAssessment {
  if (assessment.level === 'unclear') {
    // A story in past grammar that the model finds calm is over ("a patient grabbed my wrist during the wash").
    if (assessment.pastStory && assessment.tokensAnalysed >= STORY_MIN_TOKENS && verdict.probability < STORY_PROBABILITY) {
      return { ...assessment, level: 'none', harm: null, modelProbability: verdict.probability, reasons: [`model: ${verdict.probability.toFixed(2)}, a story in past grammar`, ...assessment.reasons] };
    }
    // Despair or self-harm told sideways that the model is very sure of, with words of the present, is a wish to die: `now`, as a `none` would be.
    if ((assessment.harm === 'despair' || assessment.harm === 'selfHarm') && verdict.probability >= NOW_PROBABILITY && hasPresentWords(kinds)) {
      return { ...assessment, level: 'now', modelProbability: verdict.probability, reasons: [`model: ${verdict.probability.toFixed(2)} on despair with present time (${verdict.strongest.join(', ')})`, ...assessment.reasons] };
    }
    return { ...assessment, modelProbability: verdict.probability, reasons: [`model: ${verdict.probability.toFixed(2)}`, ...assessment.reasons] };
  }
  return { ...decideWithModel(assessment, kinds, verdict, thresholds), modelProbability: verdict.probability };
}

/**
 * A long message the model finds calm as a whole may still tell the danger in one stretch (a long ordinary story with one
 * sentence that matters): the strongest window asks the danger question from the same cut. It never gives `now`: the
 * emergency card stays with the whole message's evidence, so no calm long story is alarmed by a stretch read out of it.
 */
function askForStrongestWindow(assessment: DangerAssessment, window: DangerModelVerdict | null, thresholds: DangerThresholds): DangerAssessment {
  if (assessment.level !== 'none' || window === null || window.probability < thresholds.unclear) return assessment;
  return {
    ...assessment,
    level: 'unclear',
    modelProbability: window.probability,
    reasons: [`model, strongest stretch of a long message: ${window.probability.toFixed(2)} (${window.strongest.join(', ')})`, ...assessment.reasons],
  };
}

function hasPresentWords(kinds: ReadonlySet<CueKind>): boolean {
  return PRESENT_KINDS.some((kind) => kinds.has(kind)) && !kinds.has('past');
}

function decideWithModel(assessment: DangerAssessment, kinds: ReadonlySet<CueKind>, verdict: DangerModelVerdict, thresholds: DangerThresholds): DangerAssessment {
  if (assessment.level === 'now') {
    // Rules that fire on words the model has seen mostly in calm messages ask first instead of alarming; a call for
    // help ("help", "!!", "bel 112") is the writer's own alarm and is not doubted ("loopt met een mes over de afdeling!!").
    if (verdict.probability >= DOUBT_PROBABILITY || assessment.harm === 'selfHarm' || kinds.has('alarm')) return assessment;
    return { ...assessment, level: 'unclear', reasons: [`model doubts: ${verdict.probability.toFixed(2)}`, ...assessment.reasons] };
  }
  // A few words the rules find calm give the model little to go on ("are you still there?"): it asks from one half then.
  if (verdict.probability < (assessment.tokensAnalysed < STORY_MIN_TOKENS ? SHORT_UNCLEAR_PROBABILITY : thresholds.unclear)) return assessment;
  // The rules saw the present ("right now", "help", "he's still here", "is swinging at", "gaat nog door") but no harm
  // word they know; the model knows the rest. Its own features leave the grammar out, so the two are independent evidence.
  if (verdict.probability >= NOW_PROBABILITY && hasPresentWords(kinds)) {
    return { ...assessment, level: 'now', reasons: [`model: ${verdict.probability.toFixed(2)} with present time (${verdict.strongest.join(', ')})`, ...assessment.reasons] };
  }
  return {
    ...assessment,
    level: 'unclear',
    reasons: [`model: ${verdict.probability.toFixed(2)} (${verdict.strongest.join(', ')})`, ...assessment.reasons],
  };
}

type RulesAssessment = DangerAssessment & { readonly kinds: ReadonlySet<CueKind>; readonly sentenceKinds: readonly ReadonlySet<CueKind>[] };

function assessByRules(matcher: CueMatcher<CueKind>, tokenised: TokenisedText): RulesAssessment {
  const readings = tokenised.sentences.map((sentence, index) => ({ sentence, index, reading: readSentence(matcher, sentence) }));
  const sentenceKinds = readings.map(({ reading }) => new Set<CueKind>([...reading.context, ...reading.harm.map(({ cue }) => cue.kind), ...(reading.exclaimed ? (['alarm'] as const) : [])]));
  const message = new Set<CueKind>();
  for (const { reading } of readings) for (const kind of reading.context) message.add(kind);
  // "!!" is a call for help like "help": the model learns it as one.
  if (readings.some(({ reading }) => reading.exclaimed)) message.add('alarm');
  for (const { reading } of readings) for (const { cue } of reading.harm) message.add(cue.kind);
  const kinds = message;
  const tokensAnalysed = tokenised.tokenCount;
  const harmful = readings.filter(({ reading }) => reading.harm.length > 0);
  const harmNamed = new Set<HarmKind>(readings.flatMap(({ reading }) => reading.harm.map(({ cue }) => cue.kind as HarmKind)));
  const messageTime: MessageTime = {
    isNow: readings.some(({ reading }) => hasFirmNowWords(reading) && !reading.context.has('past')),
    isPast: readings.some(({ reading }) => reading.context.has('past') && !reading.context.has('now')),
  };
  // A question about procedure yields to its own "right now"; other frames hold in their sentence.
  // Only a time word overrides it: "should I call security if I ever get attacked" stays a question.
  const frameOf = (reading: SentenceReading) =>
    FRAMES.find((kind) => reading.context.has(kind) && !(QUESTION_FRAMES.has(kind) && reading.context.has('now') && !reading.context.has('past')));
  const messageFrame = FRAMES.find((kind) => message.has(kind));
  const allCues = () => readings.flatMap(({ sentence, reading }) => reading.cues.map((cue) => describe(cue, sentence.tokens)));
  // A means at hand with a resolve or despair is self-harm intent though no sentence names the act
  // ("ik kan zo bij de opiaten ... klaar ermee", "she says she'll do it tonight, she has the pills"); so is
  // despair or farewell behaviour with a resolve ("gave me her passwords ... she will do it tonight").
  const meansWithIntent = (message.has('means') && (message.has('resolve') || harmNamed.has('despair'))) || (message.has('resolve') && harmNamed.has('despair'));
  // A past time does not end an intent told with a future ("where I'll go on Sunday and how I'll do it").
  const overBefore = messageTime.isPast && !messageTime.isNow && !message.has('future');
  // A question before a wish to die the writer tells of themselves is its cover, not its frame ("Formal question: ...
  // I have made my arrangements"); a question after the story still frames it ("... Which form do I use?").
  const coveredBy = (index: number, reading: SentenceReading) =>
    messageFrame !== undefined &&
    QUESTION_FRAMES.has(messageFrame) &&
    reading.firstPerson &&
    !frameOf(reading) &&
    !readings.some((later) => later.index > index && QUESTION_FRAMES.has(frameOf(later.reading) ?? 'negation'));
  const resolveAfterCover = readings.some(({ index, reading }) => reading.context.has('resolve') && coveredBy(index, reading));
  // "I am fine, really calm" beside a plan told with a resolve ("I just need to do it before I change my mind") is the calm of a decision, not a recovery.
  const calmOfADecision = messageFrame === 'resolved' && message.has('resolve') && !message.has('past') && !message.has('pastForm');
  if (meansWithIntent && (messageFrame === undefined || messageFrame === 'reported' || resolveAfterCover || calmOfADecision) && !message.has('joke') && !overBefore) {
    harmNamed.add('selfHarm');
    return { level: 'now', harm: 'selfHarm', harmNamed, reasons: ['selfHarm: a means at hand with intent', ...allCues()], tokensAnalysed, kinds, sentenceKinds };
  }
  const field = [...new Set(SELF_HARM_FIELD.filter((kind) => message.has(kind)).map((kind) => FIELD_KIND_OF[kind] ?? kind))];
  // Not being there told outright needs no second kind ("easier for everyone if I disappeared"). A farewell this morning does
  // not end an absence told of now ("nobody knows where he is now"), nor one told outright ("last night I planned my funeral").
  const framed = FIELD_FRAMES.some((kind) => message.has(kind));
  const over = (message.has('resolved') && !calmOfADecision) || (overBefore && !message.has('looseNow') && !message.has('gone'));
  const fieldIntent = (field.length >= 2 || message.has('gone')) && !framed && !over;
  const fieldReason = `selfHarm told sideways: ${field.join(' + ')}`;
  if (harmful.length === 0) {
    // The field is inferred, not named: harmNamed (the topic's and perspective's evidence) keeps what the words name.
    if (fieldIntent) {
      return { level: 'unclear', harm: 'selfHarm', harmNamed, reasons: [fieldReason, ...allCues()], tokensAnalysed, kinds, sentenceKinds };
    }
    return { level: 'none', harm: null, harmNamed, reasons: ['no harm words'], tokensAnalysed, kinds, sentenceKinds };
  }

  const cueList = harmful.flatMap(({ sentence, reading }) => reading.cues.map((cue) => describe(cue, sentence.tokens)));

  // Someone is still there, in a sentence that names no past time ("he's sitting two metres away", "hij staat nog bij de balie").
  const someonePresent =
    readings.some(({ reading }) => reading.context.has('presence') && !reading.context.has('past') && !reading.context.has('negation')) &&
    messageFrame !== 'departed' &&
    messageFrame !== 'resolved';
  const someoneHurt = harmful.some(({ reading }) => reading.harm.some(({ cue }) => cue.kind === 'injury'));
  let best: { level: DangerLevel; harm: HarmKind; rule: string } | null = null;
  // Unclear only because every harm is told in past grammar: the model may settle it as a story (`pastStory`).
  let onlyTold = true;
  const consider = (level: DangerLevel, harm: HarmKind, rule: string) => {
    if (level === 'unclear' && !rule.endsWith(TOLD_IN_PAST_GRAMMAR)) onlyTold = false;
    if (best === null || RANK[level] > RANK[best.level]) best = { level, harm, rule };
  };
  for (const { reading, index } of harmful) {
    const coverQuestion = coveredBy(index, reading);
    // A frame in the sentence itself always holds ("what if someone is attacked"); a frame
    // elsewhere in the message does not outweigh the sentence's own "right now" or "ever since".
    const ownPresent = hasNowWords(reading) || reading.context.has('ongoing');
    // A question about what to do, asked beside harm told in present grammar ("he is kicking the door. Is it allowed to lock
    // it?", "ze vechten nog. Bel ik de beveiliging?"), asks what to do now.
    const askedAboutNow = messageFrame === 'procedure' && reading.context.has('progressive') && !reading.context.has('past');
    for (const match of reading.harm) {
      const harm = match.cue.kind as HarmKind;
      const ownFrame = frameOf(reading);
      const framed = ownFrame ?? (ownPresent || askedAboutNow || (WRITTEN_INTENT.has(harm) && coverQuestion) ? undefined : messageFrame);
      // A note, a message or a post is how a farewell or a wish to die is told: for them it is no report about the past nor news;
      // someone who went away with one is alone with it ("she left the ward ten minutes ago").
      // Exercises with a patient are no drill when the writer is still with him ("pakt tijdens de oefeningen mijn borst vast ... ik zit nog met hem in de oefenzaal").
      const drillOverruled = framed === 'training' && JOKE_PROOF.has(harm) && messageTime.isNow;
      // "Security says he left, but I just saw him by the lifts": a departure told elsewhere yields to a present the message settles.
      // "Mijn collega is weg" beside a present the sentence itself settles ("ik sta aan zijn bed") is someone else's departure.
      const departureOverruled = framed === 'departed' && (ownFrame === undefined ? messageTime.isNow : hasFirmNowWords(reading) && !reading.context.has('past'));
      const frame = ((framed === 'reported' || framed === 'departed' || framed === 'post') && WRITTEN_INTENT.has(harm)) || drillOverruled || departureOverruled ? undefined : framed;
      const time = timeOf(reading, messageTime, harm);
      if (THREATS.has(harm) && time === 'past' && (frame === undefined || frame === 'reported') && someonePresent && !message.has('joke')) {
        // A threat made this morning by someone who sits two metres away may be carried out now: the danger question, not a calm card.
        consider('unclear', harm, `${harm} made earlier, someone still present`);
        continue;
      }
      // A report yields to a present the sentence itself settles, not to a bare "now" ("file a report about someone who now works here").
      if (frame === 'resolved' || frame === 'departed' || (frame && !(frame === 'reported' && time === 'now' && !onlyLooseNow(reading)))) {
        consider('none', harm, `${harm} in a ${frame} frame`);
      } else if (message.has('joke') && !(JOKE_PROOF.has(harm) && (hasNowWords(reading) || messageTime.isNow))) {
        consider('none', harm, `${harm} in a joke`);
      } else if (message.has('recent') && RECENT_IS_NOW.has(harm)) {
        // Hours after a rape or an overdose, help is still urgent ("vannacht verkracht", "took pills last night").
        consider('now', harm, `${harm}, recent`);
      } else if (time === 'past') {
        // A wish to die told in a past sentence may still hold ("she said yesterday she will end it
        // tonight"); one told in past grammar ("last year I had suicidal thoughts") is over.
        const selfHarm = harm === 'selfHarm';
        const stillMeant = selfHarm && (message.has('future') || message.has('recent'));
        const level = stillMeant ? 'now' : selfHarm && !reading.context.has('pastForm') ? 'unclear' : 'none';
        consider(level, harm, `${harm} in the past${stillMeant ? ', intent for the future' : ''}`);
      } else if (time === 'now' || time === 'present') {
        consider(harm === 'despair' ? 'unclear' : 'now', harm, `${harm}, ${time}`);
      } else if (harm === 'despair') {
        consider('unclear', harm, 'despair without a stated intent');
      } else if (INTENT_HARM.has(harm)) {
        consider('now', harm, `${harm}: the intent is the danger`);
      } else if (someoneHurt && harm !== 'injury') {
        // Someone lies hurt after it ("collapsed after he hit her"): help is needed now.
        consider('now', harm, `${harm}, someone is hurt`);
      } else if (time === 'told') {
        consider('unclear', harm, `${harm}, ${TOLD_IN_PAST_GRAMMAR}`);
      } else {
        consider('unclear', harm, `${harm}, time left open`);
      }
    }
  }
  if (fieldIntent && (best === null || (best as { level: DangerLevel }).level === 'none')) {
    best = { level: 'unclear', harm: 'selfHarm', rule: fieldReason };
    onlyTold = false;
  }
  const decided = best as { level: DangerLevel; harm: HarmKind; rule: string } | null;
  if (decided === null) return { level: 'none', harm: null, harmNamed, reasons: cueList, tokensAnalysed, kinds, sentenceKinds };
  const pastStory = decided.level === 'unclear' && onlyTold;
  return { level: decided.level, harm: decided.level === 'none' ? null : decided.harm, harmNamed, reasons: [decided.rule, ...cueList], tokensAnalysed, kinds, sentenceKinds, pastStory };
}
