/**
 * Typing errors read through. People type in a hurry on phones: a letter dropped ("knfe"), doubled, swapped with its
 * neighbour ("knfie") or a key next to it ("kmife"). The danger cues match whole tokens and the models whole words and
 * five-letter beginnings, so one such error hid the word that mattered (docs/EVALUATION.md). A word that is neither a
 * word the classifier knows nor a real word of the language is read as the known word one edit away (Damerau: a letter
 * dropped, added, replaced, or two neighbours swapped), the most common one when there are several.
 *
 * - Known words (`targets`): the words of four letters or more of the training texts, lexicons and danger cues of the
 *   language, most common first, a word of the tune messages only when it occurs at least twice (a writer's one typo
 *   teaches no word); their words of three letters ("pts", "vpk", "idk") are known too, so they stay as typed, but no
 *   typo is read as one. Stored in content/nlu/trained.json by `npm run nlu:build`. The known words of the other language
 *   stay as typed as well: messages mix the two ("what" in a Dutch message is no "chat").
 * - Real words (`realWords`): the words of the language's dictionary one edit from a known word
 *   (content/nlu/real-words.json, scripts/realWords.ts): "kil" (chilly) is never read as "kill".
 * - Linear: a SymSpell deletion index (each known word under itself and each of its one-letter deletions) finds the
 *   candidates of a word by looking up the word and its own deletions, so a word costs its length in lookups.
 */

/** A typo of a word shorter than this is too often another word ("kill", "stab", "dood" and "pijn" are this long). */
export const MIN_TARGET_LETTERS = 4;
/** A dropped letter makes a four-letter word three ("kil"); a shorter word of our own texts ("pts", "vpk", "idk") is known, so it stays. */
export const MIN_TYPO_LETTERS = MIN_TARGET_LETTERS - 1;
/** Words this long of our own texts are known (never corrected), though no typo is read as one. */
const MIN_KNOWN_LETTERS = MIN_TYPO_LETTERS;

const PLAIN_LETTERS = /^[a-z]+$/;

/** A word as the classifier's tokens write it (lower case, no diacritics), or null when it holds anything but letters. */
export function plainWord(word: string): string | null {
  const plain = word.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  return PLAIN_LETTERS.test(plain) ? plain : null;
}

/** Whether two words are at most one Damerau edit apart (a letter dropped, added, replaced, or two neighbours swapped). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const [la, lb] = [a.length, b.length];
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i += 1;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** A word split by a space is read whole only when the whole is this long ("kill ing", "some one"): "be at" is no "beat". */
export const MIN_JOINED_LETTERS = 7;
/** Each half of a split word has at least this many letters ("zelf moord", "kill ing"); "no one" stays two words. */
const MIN_JOINED_PART_LETTERS = 3;
/** Two typing errors in one word are read only in a word this long ("strnagilng"): in a shorter word two errors make too many other words. */
export const MIN_TWO_ERROR_LETTERS = 8;
/** Two errors are looked for in words up to this long: the lookups grow with the square of the length. */
const MAX_TWO_ERROR_LETTERS = 20;

/** Whether two words are at most two Damerau edits apart (optimal string alignment, a band of two around the diagonal). */
export function withinTwoEdits(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 2) return false;
  const width = b.length + 1;
  let before = new Array<number>(width).fill(0);
  let previous = Array.from({ length: width }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = new Array<number>(width).fill(3);
    current[0] = i;
    let rowMin = current[0];
    for (let j = Math.max(1, i - 2); j <= Math.min(b.length, i + 2); j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1);
      current[j] = Math.min(value, 3);
      rowMin = Math.min(rowMin, current[j]);
    }
    if (rowMin > 2) return false;
    [before, previous] = [previous, current];
  }
  return previous[b.length] <= 2;
}

/** Subjects after which a Dutch verb takes -t (dtSlip); "het" and "die" are left out, since they are also articles. */
const DT_SUBJECTS: ReadonlySet<string> = new Set(['hij', 'zij', 'ze', 'ie', 'er', 'wie']);

export class TypoCorrector {
  private readonly rank = new Map<string, number>();
  /** A deletion and the known words it comes from: one index for most, a list for the few deletions several words share (fewer allocations at start-up). */
  private readonly deletions = new Map<string, number | number[]>();
  private readonly real: Set<string>;

  /**
   * `targets` most common first. `otherKnown`: the known words of the other language, left as typed too, since messages mix
   * the two ("what" in a Dutch message is no "chat", "een" in an English one no "been").
   */
  private readonly harmWords: ReadonlySet<string>;

  /**
   * `harmWords`: the words of the danger cues' kinds of harm; two known words are read as one only when they make one of
   * these ("zelf moord", "steek wapen"), since two words of the language side by side are usually meant apart ("van morgen").
   */
  constructor(private readonly targets: readonly string[], realWords: Iterable<string>, otherKnown: Iterable<string> = [], harmWords: Iterable<string> = []) {
    this.harmWords = new Set(harmWords);
    this.real = new Set(realWords);
    for (const word of otherKnown) this.real.add(word);
    targets.forEach((word, index) => {
      if (this.rank.has(word)) return;
      this.rank.set(word, index);
      if (word.length < MIN_TARGET_LETTERS) return;
      for (let i = 0; i < word.length; i += 1) {
        const deleted = word.slice(0, i) + word.slice(i + 1);
        const found = this.deletions.get(deleted);
        if (found === undefined) this.deletions.set(deleted, index);
        else if (typeof found === 'number') {
          if (found !== index) this.deletions.set(deleted, [found, index]);
        } else if (found[found.length - 1] !== index) found.push(index);
      }
    });
  }

  /** The known word a typed word stands for, or null when it is known, real, too short or one edit from no known word. */
  correct(typed: string): string | null {
    if (typed.length < MIN_TYPO_LETTERS || typed.length > 40 || this.rank.has(typed) || this.real.has(typed) || !PLAIN_LETTERS.test(typed)) return null;
    let best = Number.POSITIVE_INFINITY;
    const consider = (index: number) => {
      if (index < best && withinOneEdit(typed, this.targets[index])) best = index;
    };
    const considerAll = (found: number | number[] | undefined) => {
      if (typeof found === 'number') consider(found);
      else if (found !== undefined) for (const index of found) consider(index);
    };
    // A letter dropped from a known word.
    considerAll(this.deletions.get(typed));
    for (let i = 0; i < typed.length; i += 1) {
      const deleted = typed.slice(0, i) + typed.slice(i + 1);
      // A letter added to a known word.
      const known = this.rank.get(deleted);
      if (known !== undefined && deleted.length >= MIN_TARGET_LETTERS) consider(known);
      // A letter replaced, or two swapped: both lose a letter at (about) the same place.
      considerAll(this.deletions.get(deleted));
    }
    if (Number.isFinite(best)) return this.targets[best];
    return typed.length >= MIN_TWO_ERROR_LETTERS && typed.length <= MAX_TWO_ERROR_LETTERS ? this.twoErrors(typed) : null;
  }

  /**
   * The word of harm two typing errors away ("ffighitng", "stabbbng"), found through the same index: the typed word with one
   * or two letters dropped is looked up as a known word and as a known word's deletion, and each candidate is checked.
   * Only words of harm (the danger cues' harm kinds) with the same first letter: read towards any known word, a one-error
   * typo of a word we do not know became another word ("luncches" read as "punches"). Two letters dropped from the known
   * word itself are not looked for (that would need a second index).
   */
  private twoErrors(typed: string): string | null {
    let best = Number.POSITIVE_INFINITY;
    const consider = (index: number) => {
      const target = this.targets[index];
      if (index < best && target[0] === typed[0] && this.harmWords.has(target) && withinTwoEdits(typed, target)) best = index;
    };
    const lookUp = (deleted: string) => {
      const known = this.rank.get(deleted);
      if (known !== undefined) consider(known);
      const found = this.deletions.get(deleted);
      if (typeof found === 'number') consider(found);
      else if (found !== undefined) for (const index of found) consider(index);
    };
    for (let i = 0; i < typed.length; i += 1) {
      const once = typed.slice(0, i) + typed.slice(i + 1);
      lookUp(once);
      for (let j = i; j < once.length; j += 1) lookUp(once.slice(0, j) + once.slice(j + 1));
    }
    return Number.isFinite(best) ? this.targets[best] : null;
  }

  /**
   * A word split by a space ("zelf moord", "kill ing", "steek wapen"), read whole when the whole is a known word of at
   * least MIN_JOINED_LETTERS letters and each half has at least MIN_JOINED_PART_LETTERS.
   */
  join(left: string, right: string): string | null {
    if (left.length < MIN_JOINED_PART_LETTERS || right.length < MIN_JOINED_PART_LETTERS || left.length + right.length > 40) return null;
    if (!PLAIN_LETTERS.test(left) || !PLAIN_LETTERS.test(right)) return null;
    const whole = left + right;
    if (whole.length < MIN_JOINED_LETTERS || !this.rank.has(whole)) return null;
    const bothWords = this.isWord(left) && this.isWord(right);
    return !bothWords || this.harmWords.has(whole) ? whole : null;
  }

  /** A known word of either language, or a real word of this one. */
  private isWord(word: string): boolean {
    return this.rank.has(word) || this.real.has(word);
  }

  /**
   * A Dutch d/t slip that makes another real word: the stem of a verb in -dt written after "hij", "zij", "ze", "ie", "er"
   * or "wie" ("hij houd me vast", "er word geslagen"), read as the known form in -dt. A word the correction reads is the
   * subject's verb only there: "het bloed" is blood, not bleeding, so "het" and "die", also articles, are left out.
   */
  dtSlip(subject: string, verb: string): string | null {
    if (!DT_SUBJECTS.has(subject) || verb.length < 3 || !verb.endsWith('d') || !PLAIN_LETTERS.test(verb)) return null;
    const written = `${verb}t`;
    return this.rank.has(written) ? written : null;
  }
}

/**
 * Reads through typing errors in words: each word that is a typo of a known word becomes that word, and the change is noted
 * ("knfie → knife"); `join`, when given, reads two neighbouring words as the known word they make together ("zelf moord").
 */
export type WordCorrection = ((word: string) => string | null) & {
  readonly join?: (left: string, right: string) => string | null;
  /** A d/t slip read after its subject ("hij houd" → "houdt"): see TypoCorrector.dtSlip. */
  readonly dtSlip?: (subject: string, verb: string) => string | null;
};

export function correctionNote(typed: string, read: string): string {
  return `${typed} → ${read}`;
}

/**
 * The known words of one language, most common first: every run of MIN_KNOWN_LETTERS letters or more in the given texts, a word
 * that only the training texts hold when they hold it at least twice. Words of the lexicons and the danger cues always count.
 */
export function spellingTargets(trainingTexts: Iterable<string>, vocabularyTexts: Iterable<string>): string[] {
  const counts = new Map<string, number>();
  const count = (text: string, weight: number) => {
    for (const run of text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().match(/[a-z]+/g) ?? []) {
      if (run.length >= MIN_KNOWN_LETTERS) counts.set(run, (counts.get(run) ?? 0) + weight);
    }
  };
  for (const text of vocabularyTexts) count(text, 2);
  for (const text of trainingTexts) count(text, 1);
  return [...counts]
    .filter(([, n]) => n >= 2)
    .sort(([a, na], [b, nb]) => nb - na || (a < b ? -1 : a > b ? 1 : 0))
    .map(([word]) => word);
}
