import type { Locale } from '../vocabulary';
import { MAX_TOKEN_CHARS } from './sentenceTokens';
import type { WordCorrection } from './spelling';

/**
 * Two Teams messages differ from training sentences in ways the tokenizer does not undo:
 * curly apostrophes (iOS, Word) and hyphenated compounds ("e-learning", "p-waarde").
 */
function prepareText(text: string): string {
  return text.replace(/[’‘`´]/g, "'").replace(/(\p{L})-(?=\p{L})/gu, '$1 ');
}

/**
 * Text outside quotation marks. A quote opens after a space or the start and closes before a space,
 * punctuation or the end, so apostrophes in "I'm" or "'s nachts" are not taken for quotes.
 */
export function withoutQuotedSpeech(text: string): string {
  if (!/['"‘’“”]/.test(text)) return text;
  return text
    .replace(/(^|[\s(:])["“][^"“”]{1,300}["”](?=[\s.,!?;:)]|$)/gu, '$1 ')
    .replace(/(^|[\s(:])['‘][^'‘’]{2,300}['’](?=[\s.,!?;:)]|$)/gu, '$1 ');
}

/** What ends a clause in chat: a comma, a colon or semicolon, a sentence's end, a new line. */
const CLAUSE_BREAK = /[,;:.!?…\n]+/;

// ---------------------------------------------------------------------------------------------
// nlp.js internals the classifier uses directly. src/types/nlpjs.d.ts covers the public API;
// these narrow shapes are checked by the "same features as nlp.js" unit test.

export interface NlpjsContainer {
  use(plugin: unknown): void;
  get(name: string): unknown;
}
interface NlpjsNormalizer {
  normalize(text: string): string;
}
interface NlpjsTokenizer {
  innerTokenize(text: string): string[];
  cache?: unknown;
}
interface NlpjsStemmer {
  stemWord(word: string): string;
  cache: Record<string, string>;
}

// ---------------------------------------------------------------------------------------------
// Text analysis: words and stems exactly as the nlp.js models see them.

export interface AnalysedText {
  /** Normalized words (lower case, no diacritics), for wildcard terms. */
  readonly words: readonly string[];
  /** The stem of each word (same index), for plain terms and the models. */
  readonly stems: readonly string[];
}

export class LocaleAnalyser {
  private readonly normalizer: NlpjsNormalizer;
  private readonly tokenizer: NlpjsTokenizer;
  private readonly stemmer: NlpjsStemmer;
  /** Stems of the words in the training data and lexicons; other words are stemmed without caching. */
  private readonly knownStems = new Map<string, string>();
  /** While training, every text is ours (content files), so nlp.js may cache its words. */
  private training = true;
  /** After training, a typo of a known word is read as that word (spelling.ts). */
  private correct: WordCorrection | undefined;

  constructor(container: NlpjsContainer, readonly locale: Locale) {
    this.normalizer = container.get(`normalizer-${locale}`) as NlpjsNormalizer;
    this.tokenizer = container.get(`tokenizer-${locale}`) as NlpjsTokenizer;
    this.stemmer = container.get(`stemmer-${locale}`) as NlpjsStemmer;
  }

  /** Words longer than MAX_TOKEN_CHARS are cut: no word is longer, and stemming and affix lookups stay bounded. */
  words(text: string): string[] {
    const words = this.tokenizer.innerTokenize(this.normalizer.normalize(prepareText(text)));
    for (let i = 0; i < words.length; i += 1) if (words[i].length > MAX_TOKEN_CHARS) words[i] = words[i].slice(0, MAX_TOKEN_CHARS);
    if (this.correct !== undefined && !this.training) {
      for (let i = 0; i < words.length; i += 1) words[i] = this.correct(words[i]) ?? words[i];
    }
    return words;
  }

  /**
   * The indices in `words(text)` of the words that open a clause after a comma, a colon or a sentence's end: the words carry no
   * punctuation. None where the pieces' words do not add up to the whole's (a token across a full stop, "3.5"): read as one clause.
   */
  clauseStarts(text: string): ReadonlySet<number> {
    const tokens = (piece: string) => this.tokenizer.innerTokenize(this.normalizer.normalize(prepareText(piece))).filter((token) => token.length > 0);
    const starts = new Set<number>();
    let count = 0;
    for (const piece of text.split(CLAUSE_BREAK)) {
      if (count > 0) starts.add(count);
      count += tokens(piece).length;
    }
    return count === tokens(text).length ? starts : new Set();
  }

  /** The typing errors a text's words hold, as "typed → read", in order. */
  typosIn(text: string): string[] {
    if (this.correct === undefined) return [];
    const words = this.tokenizer.innerTokenize(this.normalizer.normalize(prepareText(text)));
    return words.flatMap((word) => {
      const read = this.correct?.(word.slice(0, MAX_TOKEN_CHARS)) ?? null;
      return read === null ? [] : [`${word} → ${read}`];
    });
  }

  /** From now on, words are read through typing errors (only a user's words: the vocabulary is known already). */
  readThroughTypos(correct: WordCorrection): void {
    this.correct = correct;
  }

  analyse(text: string): AnalysedText {
    const words = this.words(text);
    const stems = new Array<string>(words.length);
    for (let i = 0; i < words.length; i += 1) stems[i] = this.stem(words[i]);
    return { words, stems };
  }

  stem(word: string): string {
    const known = this.knownStems.get(word);
    if (known !== undefined) return known;
    const stem = this.stemmer.stemWord(word).trim();
    // The stemmer memoizes every word it sees, forever; a user's words are not ours to keep.
    if (!this.training) delete this.stemmer.cache[`.${word}`];
    return stem;
  }

  /** The words stemmed so far while training (our content's words, never a user's) and their stems, in pairs. */
  stemsSoFar(): string[] {
    return Object.entries(this.stemmer.cache).flatMap(([key, stem]) => (key.startsWith('.') && typeof stem === 'string' ? [key.slice(1), stem.trim()] : []));
  }

  /** Stems worked out earlier (`stemsSoFar`, stored in content/nlu/trained.json), kept like those of the vocabulary. */
  learnStems(wordsAndStems: readonly string[]): void {
    for (let i = 0; i + 1 < wordsAndStems.length; i += 2) this.knownStems.set(wordsAndStems[i], wordsAndStems[i + 1]);
  }

  /**
   * Ends training: keeps the stems of the vocabulary seen so far (training data, lexicons) and
   * empties nlp.js's caches, which held the training texts; none of that is needed later.
   */
  finishTraining(): void {
    for (const [key, stem] of Object.entries(this.stemmer.cache)) {
      if (key.startsWith('.') && typeof stem === 'string') this.knownStems.set(key.slice(1), stem.trim());
    }
    this.tokenizer.cache = undefined;
    this.stemmer.cache = {};
    this.training = false;
  }
}
