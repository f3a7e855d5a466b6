import { pushTo } from './lexicon';
import { SENTENCE_END, SENTENCE_START } from './sentenceTokens';
/**
 * Cue terms matched on token sequences, not regular expressions over raw text, so no input can
 * make matching backtrack: a term is a short sequence of slots tried from each token, and the
 * only repetition, a gap, skips at most MAX_GAP_TOKENS tokens.
 *
 * Term syntax (content/nlu/danger.json): slots separated by spaces; in a slot `a|b` is either
 * alternative, `stab*` a prefix, `*ing` a suffix, `in_front_of` a sequence of tokens; `..` skips
 * 0 to MAX_GAP_TOKENS tokens. `:start:` is the token every sentence begins with.
 */

export const MAX_GAP_TOKENS = 3;
/** Prefix and suffix wildcards are indexed on this many letters, so a wildcard needs at least that many. */
const AFFIX_KEY = 2;

type Part =
  | { readonly kind: 'word'; readonly text: string }
  | { readonly kind: 'prefix'; readonly text: string }
  | { readonly kind: 'suffix'; readonly text: string };

/** One alternative of a slot: usually one token, or a sequence ("in_front_of"). */
type Alternative = readonly Part[];

type Slot = { readonly kind: 'gap' } | { readonly kind: 'any'; readonly alternatives: readonly Alternative[] };

export interface CompiledCue<K extends string> {
  readonly kind: K;
  readonly source: string;
  readonly slots: readonly Slot[];
}

export interface CueMatch<K extends string> {
  readonly cue: CompiledCue<K>;
  readonly start: number;
  /** Index after the last token the cue covers. */
  readonly end: number;
}

function compilePart(text: string): Part {
  if (text.length > 1 && text.endsWith('*')) return { kind: 'prefix', text: text.slice(0, -1) };
  if (text.length > 1 && text.startsWith('*')) return { kind: 'suffix', text: text.slice(1) };
  return { kind: 'word', text };
}

function compileAlternative(text: string): Alternative {
  return text.split('_').map(compilePart);
}

function plain(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[’‘]/g, "'").toLowerCase();
}

export function compileCue<K extends string>(kind: K, source: string): CompiledCue<K> {
  const slots: Slot[] = plain(source)
    .trim()
    .split(/\s+/)
    .map((chunk) => (chunk === '..' ? { kind: 'gap' } : { kind: 'any', alternatives: chunk.split('|').map(compileAlternative) }));
  const first = slots[0];
  if (!first || first.kind === 'gap' || slots[slots.length - 1].kind === 'gap') throw new Error(`cue "${source}" must start and end with a word`);
  for (const slot of slots) {
    if (slot.kind === 'any' && slot.alternatives.some((alternative) => alternative.some((part) => part.kind !== 'word' && part.text.length < AFFIX_KEY))) {
      throw new Error(`cue "${source}": a wildcard needs at least ${AFFIX_KEY} letters`);
    }
  }
  return { kind, source, slots };
}

function matchesPart(part: Part, token: string): boolean {
  return part.kind === 'word' ? token === part.text : part.kind === 'prefix' ? token.startsWith(part.text) : token.endsWith(part.text);
}

/** How many tokens the alternative covers from `index`, or -1. */
function alternativeEnd(alternative: Alternative, tokens: readonly string[], index: number): number {
  if (index + alternative.length > tokens.length) return -1;
  for (let i = 0; i < alternative.length; i += 1) if (!matchesPart(alternative[i], tokens[index + i])) return -1;
  return index + alternative.length;
}

/**
 * The index after the last token the slots cover from `index`, or -1; gaps try the shortest skip
 * first. The search is bounded by the cue's own size (slots, alternatives, MAX_GAP_TOKENS), never by the text.
 */
function matchFrom(slots: readonly Slot[], slotIndex: number, tokens: readonly string[], index: number): number {
  if (slotIndex === slots.length) return index;
  const slot = slots[slotIndex];
  if (slot.kind === 'gap') {
    for (let skip = 0; skip <= MAX_GAP_TOKENS && index + skip < tokens.length; skip += 1) {
      const end = matchFrom(slots, slotIndex + 1, tokens, index + skip);
      if (end >= 0) return end;
    }
    return -1;
  }
  for (const alternative of slot.alternatives) {
    const next = alternativeEnd(alternative, tokens, index);
    if (next < 0) continue;
    const end = matchFrom(slots, slotIndex + 1, tokens, next);
    if (end >= 0) return end;
  }
  return -1;
}

/**
 * A slot whose every alternative begins with a plain word: a cue with such a slot can match only
 * a sentence that holds one of those words. Of a cue's slots, the one with the longest shortest
 * word is its anchor (longer words are rarer: "strangling" rules out more sentences than "he");
 * the sentence's first and last tokens are in every sentence and rule out none.
 */
function anchorWords(cue: { readonly slots: readonly Slot[] }): readonly string[] | null {
  let best: readonly string[] | null = null;
  let bestLength = 0;
  for (const slot of cue.slots) {
    if (slot.kind !== 'any' || slot.alternatives.some(([part]) => part.kind !== 'word' || part.text === SENTENCE_START || part.text === SENTENCE_END)) continue;
    const words = slot.alternatives.map(([part]) => part.text);
    const shortest = Math.min(...words.map((word) => word.length));
    if (shortest >= bestLength) {
      best = words;
      bestLength = shortest;
    }
  }
  return best;
}

/** Where one cue matches from token `start`: the index after its last token, or -1. What the indexes below only speed up. */
export function cueEndFrom<K extends string>(cue: CompiledCue<K>, tokens: readonly string[], start: number): number {
  return matchFrom(cue.slots, 0, tokens, start);
}

/** A cue as the matcher indexes it: its number, and that of its anchor (-1: it has none and is always tried). */
interface IndexedCue<K extends string> {
  readonly cue: CompiledCue<K>;
  readonly id: number;
  readonly anchor: number;
}

/**
 * All cues, indexed by what their first slot needs, so each token looks up only the cues that can
 * start there; and by their anchor words, so a cue whose anchor the sentence lacks is not tried at all
 * (most cues start with a common word: "he", "ik", "is").
 */
export class CueMatcher<K extends string> {
  private readonly byWord = new Map<string, IndexedCue<K>[]>();
  private readonly byPrefix = new Map<string, IndexedCue<K>[]>();
  private readonly bySuffix = new Map<string, IndexedCue<K>[]>();
  /** Per anchor word, the anchors (numbers) it satisfies. */
  private readonly byAnchor = new Map<string, number[]>();
  /** Per anchor, the call of `matches` whose sentence holds one of its words. */
  private readonly anchoredIn: Uint32Array;
  /** Per cue, the call and start token it was last tried at: a cue in two first-slot lists ("wurgsporen|*pogingen") is tried once. */
  private readonly triedInCall: Uint32Array;
  private readonly triedAtStart: Int32Array;
  private call = 0;

  constructor(cues: readonly CompiledCue<K>[]) {
    let anchors = 0;
    cues.forEach((cue, id) => {
      const words = anchorWords(cue);
      const indexed: IndexedCue<K> = { cue, id, anchor: words === null ? -1 : anchors++ };
      for (const word of new Set(words)) pushTo(this.byAnchor, word, indexed.anchor);
      const first = cue.slots[0] as Slot & { kind: 'any' };
      for (const [part] of first.alternatives) {
        const list = part.kind === 'word' ? this.byWord : part.kind === 'prefix' ? this.byPrefix : this.bySuffix;
        const key = part.kind === 'word' ? part.text : part.kind === 'prefix' ? part.text.slice(0, AFFIX_KEY) : part.text.slice(-AFFIX_KEY);
        if (!list.get(key)?.some((other) => other.cue === cue)) pushTo(list, key, indexed);
      }
    });
    this.anchoredIn = new Uint32Array(anchors);
    this.triedInCall = new Uint32Array(cues.length);
    this.triedAtStart = new Int32Array(cues.length);
  }

  /** Every cue that matches, with where; at most one match per cue and start token. */
  matches(tokens: readonly string[]): CueMatch<K>[] {
    this.call += 1;
    // Marks of a call this many calls ago would read as this call's: start the count again from clean marks.
    if (this.call === 0xffffffff) {
      this.call = 1;
      this.anchoredIn.fill(0);
      this.triedInCall.fill(0);
    }
    for (const token of tokens) {
      const anchors = this.byAnchor.get(token);
      if (anchors) for (const anchor of anchors) this.anchoredIn[anchor] = this.call;
    }
    const found: CueMatch<K>[] = [];
    for (let start = 0; start < tokens.length; start += 1) {
      const token = tokens[start];
      this.tryCues(this.byWord.get(token), tokens, start, found);
      this.tryCues(this.byPrefix.get(token.slice(0, AFFIX_KEY)), tokens, start, found);
      this.tryCues(this.bySuffix.get(token.slice(-AFFIX_KEY)), tokens, start, found);
    }
    return found;
  }

  private tryCues(cues: readonly IndexedCue<K>[] | undefined, tokens: readonly string[], start: number, found: CueMatch<K>[]): void {
    if (!cues) return;
    for (const { cue, id, anchor } of cues) {
      if (anchor >= 0 && this.anchoredIn[anchor] !== this.call) continue;
      if (this.triedInCall[id] === this.call && this.triedAtStart[id] === start) continue;
      this.triedInCall[id] = this.call;
      this.triedAtStart[id] = start;
      const end = cueEndFrom(cue, tokens, start);
      if (end >= 0) found.push({ cue, start, end });
    }
  }
}
