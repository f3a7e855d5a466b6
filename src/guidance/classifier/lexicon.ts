import type { AnalysedText, LocaleAnalyser } from './textAnalysis';

// ---------------------------------------------------------------------------------------------
// Lexicons: terms per label, matched on stems (plain words) or normalized words (wildcards).

type TermPart =
  | { readonly kind: 'stem'; readonly stem: string }
  | { readonly kind: 'exact' | 'prefix' | 'suffix' | 'contains'; readonly text: string }
  | { readonly kind: 'gap' };

interface CompiledTerm {
  readonly source: string;
  readonly id: number;
  readonly label: number;
  readonly parts: readonly TermPart[];
  /** Longer phrases are more specific: a term weighs as many words as it has. */
  readonly weight: number;
}

const MAX_GAP_WORDS = 4;
/** How many words before a term a negation denies it ("geen wapen", "did not hit", "is not a weapon"). */
const NEGATION_REACH = 2;

/** Words that deny the deed a term of `labels` names, and words that, right after one, say it goes on instead ("did not stop hitting"). */
export interface Negations {
  readonly labels: ReadonlySet<string>;
  readonly words: ReadonlySet<string>;
  readonly unless: ReadonlySet<string>;
}

export class Lexicon {
  private readonly byFirstStem = new Map<string, CompiledTerm[]>();
  private readonly byFirstWord = new Map<string, CompiledTerm[]>();
  private readonly byFirstPrefix = new Map<string, CompiledTerm[]>();
  private readonly byFirstSuffix = new Map<string, CompiledTerm[]>();
  private readonly containsFirst: CompiledTerm[] = [];
  private readonly all: CompiledTerm[] = [];
  private shortestAffix = Infinity;
  /** No longer prefix or suffix is looked up: a word's lookups are bounded by the lexicon, not by the word. */
  private longestAffix = 0;
  /** Per length, whether some term starts with a prefix (suffix) that long: only those are cut from a word and looked up. */
  private readonly prefixLength: boolean[] = [];
  private readonly suffixLength: boolean[] = [];
  /** Per term, the call in which it last matched, so a term counts once per message without a per-call set. */
  private readonly lastMatch: Uint32Array;
  private call = 0;
  /** Scratch space for `score`, reused because classification is synchronous. */
  private readonly coveredUntil: Int32Array;
  private readonly bestWeight: Float64Array;
  private readonly bestEnd: Int32Array;
  private readonly bestTerm: Int32Array;

  private readonly negations: Negations | undefined;
  /** Per label, 1 when a negation before its terms denies them. */
  private readonly negatable: Uint8Array;

  /** Per term of `termsByLabel`, label by label, its parts as content/nlu/trained.json stores them. */
  private readonly stored: readonly string[];

  /**
   * With `stored` (the terms compiled from the same files by `npm run nlu:build`) no term is
   * analysed again: stemming a few thousand terms per locale was a tenth of a second of every start-up.
   */
  constructor(
    readonly labels: readonly string[],
    termsByLabel: Readonly<Record<string, readonly string[]>>,
    analyser: LocaleAnalyser,
    stored?: readonly string[],
    /** When given, a term of its labels with a negation just before it does not count ("er was geen wapen"). */
    negations?: Negations,
  ) {
    this.negations = negations;
    this.negatable = new Uint8Array(labels.length).map((_, index) => (negations?.labels.has(labels[index]) ? 1 : 0));
    const compiled: string[] = [];
    labels.forEach((label, labelIndex) => {
      for (const source of termsByLabel[label] ?? []) {
        const storedParts = stored?.[compiled.length];
        const parts = storedParts === undefined ? compileTerm(source, analyser) : partsFromStorage(storedParts);
        compiled.push(storedParts ?? partsForStorage(parts));
        if (parts.length === 0) continue;
        const term: CompiledTerm = { source, id: this.all.length, label: labelIndex, parts, weight: parts.filter((p) => p.kind !== 'gap').length };
        this.all.push(term);
        const first = parts[0];
        if (first.kind === 'stem') pushTo(this.byFirstStem, first.stem, term);
        else if (first.kind === 'exact') pushTo(this.byFirstWord, first.text, term);
        else if (first.kind === 'prefix') pushTo(this.byFirstPrefix, first.text, term);
        else if (first.kind === 'suffix') pushTo(this.byFirstSuffix, first.text, term);
        else this.containsFirst.push(term);
        if (first.kind === 'prefix' || first.kind === 'suffix') {
          this.shortestAffix = Math.min(this.shortestAffix, first.text.length);
          this.longestAffix = Math.max(this.longestAffix, first.text.length);
          (first.kind === 'prefix' ? this.prefixLength : this.suffixLength)[first.text.length] = true;
        }
      }
    });
    if (stored && stored.length !== compiled.length) throw new Error('content/nlu/trained.json: a lexicon has the wrong number of terms; run npm run nlu:build');
    this.stored = stored ?? compiled;
    this.lastMatch = new Uint32Array(this.all.length);
    this.coveredUntil = new Int32Array(labels.length);
    this.bestWeight = new Float64Array(labels.length);
    this.bestEnd = new Int32Array(labels.length);
    this.bestTerm = new Int32Array(labels.length);
  }

  /**
   * Per label, how many words of the text its terms cover (same order as `labels`). At each
   * position only the longest matching term of a label counts, and a term counts once, so
   * "I heard from" scores as one phrase, not also as "I heard" and "heard".
   */
  score(text: AnalysedText): Float64Array {
    const scores = new Float64Array(this.labels.length);
    this.call = (this.call + 1) >>> 0 || 1;
    this.coveredUntil.fill(0);
    const { words, stems } = text;
    for (let start = 0; start < words.length; start += 1) {
      const negated = this.negatedAt(words, start);
      this.bestWeight.fill(0);
      const word = words[start];
      this.tryTerms(this.byFirstStem.get(stems[start]), text, start);
      this.tryTerms(this.byFirstWord.get(word), text, start);
      // Every prefix and suffix of the word is one map lookup, so no wildcard term is scanned needlessly.
      const longest = Math.min(word.length, this.longestAffix);
      for (let length = this.shortestAffix; length <= longest; length += 1) {
        if (this.prefixLength[length]) this.tryTerms(this.byFirstPrefix.get(word.slice(0, length)), text, start);
        if (this.suffixLength[length]) this.tryTerms(this.byFirstSuffix.get(word.slice(word.length - length)), text, start);
      }
      this.tryTerms(this.containsFirst, text, start);
      for (let label = 0; label < this.labels.length; label += 1) {
        if (this.bestWeight[label] === 0 || start < this.coveredUntil[label] || (negated && this.negatable[label] === 1)) continue;
        scores[label] += this.bestWeight[label];
        this.coveredUntil[label] = this.bestEnd[label];
        this.lastMatch[this.bestTerm[label]] = this.call;
      }
    }
    return scores;
  }

  /** The compiled terms as content/nlu/trained.json stores them. */
  storedTerms(): string[] {
    return [...this.stored];
  }

  /** The matched terms with their labels, for tuning. */
  matchedTerms(text: AnalysedText): string[] {
    return this.all
      .filter((term) =>
        text.words.some((_, start) => !(this.negatable[term.label] === 1 && this.negatedAt(text.words, start)) && matchEnd(term.parts, 0, text, start) >= 0),
      )
      .map((term) => `${this.labels[term.label]}:${term.source}`);
  }

  /** Whether a negation among the words just before `start` denies what starts there. */
  private negatedAt(words: readonly string[], start: number): boolean {
    if (this.negations === undefined) return false;
    for (let back = 1; back <= NEGATION_REACH && start - back >= 0; back += 1) {
      if (this.negations.words.has(words[start - back])) return !this.negations.unless.has(words[start - back + 1]);
    }
    return false;
  }

  private tryTerms(terms: readonly CompiledTerm[] | undefined, text: AnalysedText, start: number): void {
    if (terms === undefined) return;
    for (let i = 0; i < terms.length; i += 1) {
      const term = terms[i];
      if (this.lastMatch[term.id] === this.call || term.weight <= this.bestWeight[term.label]) continue;
      const end = matchEnd(term.parts, 0, text, start);
      if (end >= 0) {
        this.bestWeight[term.label] = term.weight;
        this.bestEnd[term.label] = end;
        this.bestTerm[term.label] = term.id;
      }
    }
  }
}

export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function compileTerm(source: string, analyser: LocaleAnalyser): TermPart[] {
  const parts: TermPart[] = [];
  for (const chunk of source.trim().split(/\s+/)) {
    if (chunk === '..') {
      parts.push({ kind: 'gap' });
      continue;
    }
    const exact = chunk.startsWith('=');
    const leading = chunk.startsWith('*');
    const trailing = chunk.length > 1 && chunk.endsWith('*');
    const words = analyser.words(chunk.replace(/^[*=]|\*$/g, ''));
    words.forEach((word, index) => {
      const wildcardBefore = leading && index === 0;
      const wildcardAfter = trailing && index === words.length - 1;
      if (exact) parts.push({ kind: 'exact', text: word });
      else if (wildcardBefore && wildcardAfter) parts.push({ kind: 'contains', text: word });
      else if (wildcardBefore) parts.push({ kind: 'suffix', text: word });
      else if (wildcardAfter) parts.push({ kind: 'prefix', text: word });
      else parts.push({ kind: 'stem', stem: analyser.stem(word) });
    });
  }
  return parts;
}

// Stored, a term is its parts separated by spaces, each a kind and its text: `s:stem`, `e:word`
// (exact), `p:prefix`, `x:suffix`, `c:contains`, `g:` (a gap). Words hold no spaces.
const STORED_KIND = { stem: 's', exact: 'e', prefix: 'p', suffix: 'x', contains: 'c', gap: 'g' } as const;

function partsForStorage(parts: readonly TermPart[]): string {
  return parts.map((part) => `${STORED_KIND[part.kind]}:${part.kind === 'gap' ? '' : part.kind === 'stem' ? part.stem : part.text}`).join(' ');
}

function partsFromStorage(stored: string): TermPart[] {
  if (stored === '') return [];
  return stored.split(' ').map((part): TermPart => {
    const text = part.slice(2);
    switch (part[0]) {
      case 's':
        return { kind: 'stem', stem: text };
      case 'e':
        return { kind: 'exact', text };
      case 'p':
        return { kind: 'prefix', text };
      case 'x':
        return { kind: 'suffix', text };
      case 'c':
        return { kind: 'contains', text };
      case 'g':
        return { kind: 'gap' };
      default:
        throw new Error('content/nlu/trained.json: a lexicon term has a part of no known kind; run npm run nlu:build');
    }
  });
}

function matchesPart(part: TermPart, text: AnalysedText, index: number): boolean {
  switch (part.kind) {
    case 'stem':
      return text.stems[index] === part.stem;
    case 'exact':
      return text.words[index] === part.text;
    case 'prefix':
      return text.words[index].startsWith(part.text);
    case 'suffix':
      return text.words[index].endsWith(part.text);
    case 'contains':
      return text.words[index].includes(part.text);
    case 'gap':
      return true;
  }
}

/** The index after the last word a term covers when it matches at `wordIndex`, or -1. */
function matchEnd(parts: readonly TermPart[], partIndex: number, text: AnalysedText, wordIndex: number): number {
  if (partIndex === parts.length) return wordIndex;
  const part = parts[partIndex];
  if (part.kind === 'gap') {
    for (let skip = 0; skip <= MAX_GAP_WORDS && wordIndex + skip <= text.words.length; skip += 1) {
      const end = matchEnd(parts, partIndex + 1, text, wordIndex + skip);
      if (end >= 0) return end;
    }
    return -1;
  }
  if (wordIndex >= text.words.length || !matchesPart(part, text, wordIndex)) return -1;
  return matchEnd(parts, partIndex + 1, text, wordIndex + 1);
}
