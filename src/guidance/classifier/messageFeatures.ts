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

export interface WhoWordLists {
  readonly possessive: readonly string[];
  readonly object: readonly string[];
  readonly group: readonly string[];
  readonly others: readonly string[];
  readonly people: readonly string[];
}

/** How far after "my" a noun for a person still counts ("my new colleague", "mijn oud-collega"). */
const POSSESSED_REACH = 2;

/**
 * Who a message is about, from single words (content/nlu/<locale>.json, `lexicon.pronouns` and
 * `lexicon.people`): whether the writer owns what was hurt ("my arm", "mn telefoon": `y:my-thing`)
 * or speaks of someone of theirs ("my colleague", "mijn collega": `y:my-person`), is the object
 * ("hit me", "tegen ons": `y:me`), writes as one of a group ("we are hiding": `y:we`), or names
 * others as the object ("grabbed her", "sloeg hem": `y:others`). A possessive written as two
 * tokens ("m'n" becomes "m", "n") counts as one.
 */
export class WhoWords {
  private readonly possessive: ReadonlySet<string>;
  private readonly object: ReadonlySet<string>;
  private readonly group: ReadonlySet<string>;
  private readonly others: ReadonlySet<string>;
  private readonly personStems: ReadonlySet<string>;
  private readonly personEndings: readonly string[];

  constructor(lists: WhoWordLists, stem: (word: string) => string) {
    this.possessive = new Set(lists.possessive);
    this.object = new Set(lists.object);
    this.group = new Set(lists.group);
    this.others = new Set(lists.others);
    this.personStems = new Set(lists.people.filter((word) => !word.startsWith('*')).map(stem));
    this.personEndings = lists.people.filter((word) => word.startsWith('*')).map((word) => word.slice(1));
  }

  features(text: AnalysedText, into: Set<string>): Set<string> {
    const { words, stems } = text;
    for (let i = 0; i < words.length; i += 1) {
      const word = words[i];
      const splitPossessive = word === 'm' && words[i + 1] === 'n';
      if (this.possessive.has(word) || splitPossessive) {
        const from = i + (splitPossessive ? 2 : 1);
        let person = false;
        for (let j = from; j < Math.min(words.length, from + POSSESSED_REACH); j += 1) {
          if (this.isPerson(words[j], stems[j])) person = true;
        }
        if (from < words.length) into.add(person ? 'y:my-person' : 'y:my-thing');
      } else if (this.object.has(word)) into.add('y:me');
      else if (this.group.has(word)) into.add('y:we');
      else if (this.others.has(word)) into.add('y:others');
    }
    // Together they say more than apart: only the writer, only others, or both.
    const self = into.has('y:me') || into.has('y:my-thing');
    const others = into.has('y:others') || into.has('y:my-person');
    if (self || others) into.add(self && others ? 'y:self+others' : self ? 'y:self-only' : 'y:others-only');
    return into;
  }

  private isPerson(word: string, stem: string): boolean {
    return this.personStems.has(stem) || this.personEndings.some((ending) => word.length > ending.length && word.endsWith(ending));
  }
}
