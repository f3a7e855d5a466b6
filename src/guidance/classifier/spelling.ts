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
 * - A word of harm (`isHarmWord`: a harm cue of one word) is read only when it is a likelier slip than every calm known
 *   word one edit away (`slipCost`: a far key is less likely than a letter dropped, added, swapped or a key next to it):
 *   "cheking" is a likelier slip of "checking" than of "choking", "gestoen" of "gestolen" as of "gestoken", "wicking" (a
 *   real word the dictionary's affix flags lack) of "picking" as of "kicking"; reading the commoner word turned calm
 *   messages into danger. Left as typed, the danger model still reads the rest of the message.
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

export class TypoCorrector {
  private readonly rank = new Map<string, number>();
  /** A deletion and the known words it comes from: one index for most, a list for the few deletions several words share (fewer allocations at start-up). */
  private readonly deletions = new Map<string, number | number[]>();
  private readonly real: Set<string>;

  /**
   * `targets` most common first. `otherKnown`: the known words of the other language, left as typed too, since messages mix
   * the two ("what" in a Dutch message is no "chat", "een" in an English one no "been").
   */
  constructor(
    private readonly targets: readonly string[],
    realWords: Iterable<string>,
    otherKnown: Iterable<string> = [],
    private readonly isHarmWord: (word: string) => boolean = () => false,
  ) {
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
    // The likeliest slip that makes the typed word out of a calm known word: a harm reading must be likelier still.
    let calmSlip = Number.POSITIVE_INFINITY;
    const consider = (index: number) => {
      if (index === best || !withinOneEdit(typed, this.targets[index])) return;
      if (!this.isHarmWord(this.targets[index])) calmSlip = Math.min(calmSlip, slipCost(typed, this.targets[index]));
      if (index < best) best = index;
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
    if (!Number.isFinite(best)) return null;
    const read = this.targets[best];
    return this.isHarmWord(read) && calmSlip <= slipCost(typed, read) ? null : read;
  }
}

/**
 * Whether a word is a word of harm: a word of a harm cue of one word (danger.json's `a|b`, `stab*` and `*ing` parts),
 * so that a typo as near a calm word as a harmful one is not read as the harmful one.
 */
export function harmWordTest(cueSources: Iterable<string>): (word: string) => boolean {
  const words = new Set<string>();
  const prefixes: string[] = [];
  const suffixes: string[] = [];
  for (const source of cueSources) {
    // Only a cue of one word names harm by itself; the other words of a longer cue ("tegen .. muur", "my colleague") are everyday words.
    if (source.includes(' ')) continue;
    for (const part of source.split('|')) {
      if (part.endsWith('*')) prefixes.push(part.slice(0, -1));
      else if (part.startsWith('*')) suffixes.push(part.slice(1));
      else if (PLAIN_LETTERS.test(part)) words.add(part);
    }
  }
  return (word) => words.has(word) || prefixes.some((prefix) => word.startsWith(prefix)) || suffixes.some((suffix) => word.endsWith(suffix));
}

const QWERTY_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const KEY_AT = new Map([...QWERTY_ROWS.entries()].flatMap(([row, keys]) => [...keys].map((key, column) => [key, [row, column]] as const)));

/** Whether two keys touch on a QWERTY phone keyboard, whose rows are offset by about half a key (also what scripts/misspell.ts types). */
export function keysTouch(a: string, b: string): boolean {
  const [at, bt] = [KEY_AT.get(a), KEY_AT.get(b)];
  if (!at || !bt) return false;
  const [rows, columns] = [bt[0] - at[0], bt[1] - at[1]];
  return (rows === 0 && Math.abs(columns) === 1) || (rows === 1 && (columns === 0 || columns === -1)) || (rows === -1 && (columns === 0 || columns === 1));
}

/**
 * How unlikely a thumb makes `typed` out of `meant`, one edit apart: 1 for a letter dropped, added or swapped, or a key
 * next to it; 2 for a key far from it ("wicking" is no slip of "kicking" or of "picking").
 */
function slipCost(typed: string, meant: string): number {
  if (typed.length !== meant.length) return 1;
  let i = 0;
  while (typed[i] === meant[i]) i += 1;
  if (typed.slice(i + 1) === meant.slice(i + 1)) return keysTouch(typed[i], meant[i]) ? 1 : 2;
  return 1;
}

/** Reads through typing errors in words: each word that is a typo of a known word becomes that word, and the change is noted ("knfie → knife"). */
export type WordCorrection = (word: string) => string | null;

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
