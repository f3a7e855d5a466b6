/**
 * Danger reasoning works on sentences of plain tokens, made in one linear pass: lower case,
 * no diacritics, contractions spelled out ("won't" -> "will not", "m'n" -> "mijn"), so cue
 * terms are written once per meaning. Sentences matter because time words ("yesterday", "nu")
 * settle the time of the sentence they are in, wherever in that sentence they stand.
 */

import { MAX_ANALYSED_CHARS } from '../../shared/messageLength';
import { correctionNote, type WordCorrection } from './spelling';

/** The classifier cuts text as read to this before any cue or model sees it (analysedText); longer text from another caller is cut here too. */

/** No word in either language is longer; a longer run of letters is cut, so matching a token costs a bounded time. */
export const MAX_TOKEN_CHARS = 40;

export interface Sentence {
  readonly tokens: readonly string[];
  /** The sentence ends with two or more "!" or with "?!": an alarm, not a question. */
  readonly exclaimed: boolean;
}

export interface TokenisedText {
  readonly sentences: readonly Sentence[];
  readonly tokenCount: number;
  /** The text was longer than MAX_ANALYSED_CHARS and only its start was analysed. */
  readonly truncated: boolean;
  /** Typing errors read through, as "typed → read" (spelling.ts), when a correction was given. */
  readonly corrections?: readonly string[];
}

const CONTRACTIONS: Readonly<Record<string, readonly string[]>> = {
  "won't": ['will', 'not'],
  wont: ['will', 'not'],
  "can't": ['can', 'not'],
  cant: ['can', 'not'],
  cannot: ['can', 'not'],
  dont: ['do', 'not'],
  doesnt: ['does', 'not'],
  didnt: ['did', 'not'],
  isnt: ['is', 'not'],
  // Chat spelling without apostrophes.
  havent: ['have', 'not'],
  hasnt: ['has', 'not'],
  arent: ['are', 'not'],
  werent: ['were', 'not'],
  couldnt: ['could', 'not'],
  wouldnt: ['would', 'not'],
  shouldnt: ['should', 'not'],
  hes: ['he', 'is'],
  shes: ['she', 'is'],
  theyre: ['they', 'are'],
  theres: ['there', 'is'],
  atm: ['at', 'the', 'moment'],
  nie: ['niet'],
  nx: ['niks'],
  ff: ['even'],
  wasnt: ['was', 'not'],
  im: ['i', 'am'],
  "i'm": ['i', 'am'],
  ive: ['i', 'have'],
  "i've": ['i', 'have'],
  "i'll": ['i', 'will'],
  "i'd": ['i', 'would'],
  "m'n": ['mijn'],
  mn: ['mijn'],
  "z'n": ['zijn'],
  zn: ['zijn'],
  "'t": ['het'],
  rn: ['right', 'now'],
};

const SUFFIXES: readonly (readonly [string, string])[] = [
  ["n't", 'not'],
  ["'ll", 'will'],
  ["'re", 'are'],
  ["'ve", 'have'],
  ["'s", 's'],
  ["'d", 'would'],
  ["'m", 'am'],
];

function pushWord(quoted: string, into: string[]): void {
  // A word that opens a quote ("'you're dead'") is read without its quote; "'t" and "'s" (Dutch) stay whole.
  const word = quoted.startsWith("'") && quoted.length > 2 && !CONTRACTIONS[quoted] ? quoted.slice(1) : quoted;
  const known = CONTRACTIONS[word];
  if (known) {
    into.push(...known);
    return;
  }
  for (const [suffix, meaning] of word.includes("'") ? SUFFIXES : []) {
    if (word.length > suffix.length && word.endsWith(suffix)) {
      const head = word.slice(0, -suffix.length);
      into.push(head === 'wo' ? 'will' : head === 'ca' ? 'can' : head, meaning);
      return;
    }
  }
  into.push(word.startsWith("'") ? word.slice(1) : word);
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Lower-case ASCII letters and digits without a regular expression, the rest of Unicode with one. */
function isWordChar(char: string): boolean {
  const code = char.charCodeAt(0);
  if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) return true;
  return code >= 128 && LETTER_OR_DIGIT.test(char);
}

/** The first token of every sentence, so a cue can say "at the start" (":start: help"). */
export const SENTENCE_START = ':start:';
/** The last token of every sentence, so a cue can say "and nothing after" ("wil niet meer :end:" is no "wil niet meer werken"). */
export const SENTENCE_END = ':end:';

/** Laughing, winking, eye-rolling, upside-down and skull faces: a message that carries one is not meant literally. */
const JOKE_EMOJI = /[\u{1F602}\u{1F923}\u{1F644}\u{1F606}\u{1F605}\u{1F61C}\u{1F61D}\u{1F609}\u{1F643}\u{1F480}]/u;

/**
 * Splits text into sentences of tokens. Every loop advances one character or one token, and
 * no regular expression runs over more than one character, so time is linear in the text.
 */
export function tokeniseSentences(text: string, correct?: WordCorrection): TokenisedText {
  const truncated = text.length > MAX_ANALYSED_CHARS;
  const plain = (truncated ? text.slice(0, MAX_ANALYSED_CHARS) : text)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘`´]/g, "'")
    .toLowerCase();
  const sentences: Sentence[] = [];
  let tokens: string[] = [SENTENCE_START];
  let tokenCount = 0;
  let word = '';
  let bangs = 0;
  // A full stop right after a word ends the sentence only if no letter follows at once: "nu.nl", "d.w.z." stay in their sentence.
  let dotAfterWord = false;
  const corrections: string[] = [];
  const endWord = () => {
    if (word === '' || word === "'") {
      word = '';
      return;
    }
    let typed = word.length > MAX_TOKEN_CHARS ? word.slice(0, MAX_TOKEN_CHARS) : word.replace(/'+$/, '');
    // A chat spelling the contractions know ("havent", "theyre") is no typo.
    const read = correct !== undefined && CONTRACTIONS[typed] === undefined ? correct(typed) : null;
    if (read !== null) {
      corrections.push(correctionNote(typed, read));
      typed = read;
    }
    pushWord(typed, tokens);
    word = '';
  };
  const endSentence = (exclaimed: boolean) => {
    endWord();
    if (tokens.length > 1) {
      tokenCount += tokens.length - 1;
      tokens.push(SENTENCE_END);
      sentences.push({ tokens, exclaimed });
    }
    tokens = [SENTENCE_START];
  };
  for (const char of plain) {
    if (dotAfterWord) {
      dotAfterWord = false;
      if (!isWordChar(char)) endSentence(false);
    }
    if (isWordChar(char) || (char === "'" && word !== '')) {
      if (word.length <= MAX_TOKEN_CHARS) word += char;
      bangs = 0;
      continue;
    }
    if (char === "'" && word === '') {
      word = "'";
      continue;
    }
    const afterWord = word !== '' && word !== "'";
    endWord();
    if (char === '!') {
      bangs += 1;
      continue;
    }
    if (bangs > 0) {
      endSentence(bangs >= 2);
      bangs = 0;
    }
    if (char === '.' && afterWord) dotAfterWord = true;
    else if (char === '.' || char === '?' || char === ';' || char === '\n') endSentence(false);
    else if (JOKE_EMOJI.test(char)) tokens.push(':joke:');
  }
  endSentence(bangs >= 2);
  return { sentences, tokenCount, truncated, ...(correct !== undefined && { corrections }) };
}

/** One stretch of a text's tokens: the sentences it overlaps, cut to it, and which sentences those are. */
export interface TokenWindow {
  readonly text: TokenisedText;
  /** Indices into the text's sentences of the sentences this window overlaps. */
  readonly sentenceIndices: readonly number[];
}

/**
 * Stretches of `size` words, every `stride` words, over the sentences: the part of a long message that tells the danger,
 * read apart from the story around it. A text of at most `size` words is one window, itself. Linear in the words (each
 * word lies in at most size / stride windows).
 */
export function tokenWindows(text: TokenisedText, size: number, stride: number): TokenWindow[] {
  const words: { sentence: number; token: number }[] = [];
  text.sentences.forEach(({ tokens }, sentence) => {
    for (let token = 1; token < tokens.length - 1; token += 1) words.push({ sentence, token });
  });
  if (words.length <= size) return [{ text, sentenceIndices: text.sentences.map((_, index) => index) }];
  const windows: TokenWindow[] = [];
  for (let first = 0; ; first += stride) {
    const last = Math.min(words.length, first + size) - 1;
    const sentences: Sentence[] = [];
    const sentenceIndices: number[] = [];
    for (let sentence = words[first].sentence; sentence <= words[last].sentence; sentence += 1) {
      const { tokens, exclaimed } = text.sentences[sentence];
      const from = sentence === words[first].sentence ? words[first].token : 1;
      const to = sentence === words[last].sentence ? words[last].token : tokens.length - 2;
      const whole = to === tokens.length - 2;
      sentences.push({
        tokens: [...(from === 1 ? [SENTENCE_START] : []), ...tokens.slice(from, to + 1), ...(whole ? [SENTENCE_END] : [])],
        exclaimed: exclaimed && whole,
      });
      sentenceIndices.push(sentence);
    }
    windows.push({ text: { sentences, tokenCount: last - first + 1, truncated: text.truncated }, sentenceIndices });
    if (last === words.length - 1) break;
  }
  return windows;
}
