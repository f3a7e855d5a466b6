import type { HarmKind } from './dangerKinds';
import type { AnalysedText } from './textAnalysis';

/*
 * The named features the intent, topic and perspective models read (softmaxModel.ts). Words alone
 * miss what the error kinds turn on, so the features also carry:
 * - pairs of neighbouring stems: "my arm" (the writer is the target), "I copied" (the accused),
 *   "moet ik melden" (asks whether to report: guidance, not a request to report);
 * - word beginnings and endings, for Dutch compounds ("groepsapp", "wurggreep") and spellings the
 *   examples lack;
 * - which lexicon labels matched (content/nlu/<locale>.json) and the kinds of harm the danger rules
 *   found, so the model weighs the domain knowledge of the rules against the words around it.
 * Every feature is a short string ("s:copi", "b:i_copi", "t:research-integrity", "h:violence"),
 * so `ask --explain` can show the ones that decided.
 */

const AFFIX_LETTERS = 5;
/** Shorter words are whole stems already; their beginnings add nothing. */
const MIN_AFFIX_WORD = 7;

export interface CueHits {
  readonly topicTerms: ArrayLike<number>;
  readonly topicLabels: readonly string[];
  readonly perspectiveCues: ArrayLike<number>;
  readonly perspectiveLabels: readonly string[];
  readonly intentCues: ArrayLike<number>;
  readonly intentUnless: ArrayLike<number>;
  readonly intentLabels: readonly string[];
  readonly selfReferences: number;
  readonly harmNamed: ReadonlySet<HarmKind>;
}

/** Stems, pairs of stems and word beginnings and endings of one text, each once. */
export function wordFeatures(text: AnalysedText, into: Set<string> = new Set()): Set<string> {
  const { words, stems } = text;
  for (let i = 0; i < stems.length; i += 1) {
    const stem = stems[i];
    if (!stem) continue;
    into.add(`s:${stem}`);
    into.add(`b:${i === 0 ? '^' : stems[i - 1]}_${stem}`);
    const word = words[i];
    if (word.length >= MIN_AFFIX_WORD) {
      into.add(`p:${word.slice(0, AFFIX_LETTERS)}`);
      into.add(`e:${word.slice(word.length - AFFIX_LETTERS)}`);
    }
  }
  if (stems.length > 0 && stems.length <= 6) into.add('n:short');
  return into;
}

/** Which lexicon labels and kinds of harm a text names; a label named twice or more is its own feature. */
export function cueFeatures(hits: CueHits, into: Set<string> = new Set()): Set<string> {
  const add = (prefix: string, scores: ArrayLike<number>, labels: readonly string[]) => {
    for (let i = 0; i < labels.length; i += 1) {
      if (scores[i] > 0) into.add(`${prefix}:${labels[i]}`);
      if (scores[i] >= 2) into.add(`${prefix}2:${labels[i]}`);
    }
  };
  add('t', hits.topicTerms, hits.topicLabels);
  add('c', hits.perspectiveCues, hits.perspectiveLabels);
  add('i', hits.intentCues, hits.intentLabels);
  add('u', hits.intentUnless, hits.intentLabels);
  into.add(hits.selfReferences === 0 ? 'm:none' : hits.selfReferences === 1 ? 'm:one' : 'm:many');
  for (const harm of hits.harmNamed) into.add(`h:${harm}`);
  return into;
}
