import { runScriptMain } from './runScriptMain';
import { seededRandom } from '../src/shared/seededRandom';
import { keysTouch } from '../src/guidance/classifier/spelling';

/**
 * `npm run --silent misspell -- --seed 7 --rate 0.2 < in.jsonl > out.jsonl`: the same messages as a person typing
 * with thumbs in a hurry would send them. Every word of four letters or more gets, with probability `rate`, one
 * typing error of the kinds phones make: a letter dropped, doubled, swapped with the next one, or replaced by a
 * key next to it on a QWERTY keyboard. Only the `text` of each JSON line changes; its labels stay as written, so
 * a set measures how far the classifier reads through typing errors (`npm run evaluate -- --set X --misspell 7`).
 * The same seed, rate and text give the same result on every machine, so the lead can measure sets nobody reads
 * with a seed nobody tuned on.
 */

export type TypingError = 'drop' | 'double' | 'swap' | 'neighbour';
const TYPING_ERRORS: readonly TypingError[] = ['drop', 'double', 'swap', 'neighbour'];

const MIN_WORD_LETTERS = 4;

/** Keys next to each letter on a QWERTY phone keyboard, as the classifier's typing-error reader weighs them. */
const LETTERS = [...'qwertyuiopasdfghjklzxcvbnm'];
const NEIGHBOURS: ReadonlyMap<string, string> = new Map(LETTERS.map((key) => [key, LETTERS.filter((other) => other !== key && keysTouch(key, other)).join('')]));

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)];
}

function withCase(replacement: string, original: string): string {
  return original === original.toUpperCase() && original !== original.toLowerCase() ? replacement.toUpperCase() : replacement;
}

/** One typing error in a word of at least MIN_WORD_LETTERS letters; the word changes (a swap of two equal letters is another error). */
export function mistype(word: string, random: () => number): string {
  const letters = [...word];
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const error = pick(TYPING_ERRORS, random);
    const at = Math.floor(random() * letters.length);
    let typed: string[] | null = null;
    if (error === 'drop') typed = [...letters.slice(0, at), ...letters.slice(at + 1)];
    else if (error === 'double') typed = [...letters.slice(0, at + 1), letters[at], ...letters.slice(at + 1)];
    else if (error === 'swap' && at + 1 < letters.length && letters[at] !== letters[at + 1]) {
      typed = [...letters];
      [typed[at], typed[at + 1]] = [typed[at + 1], typed[at]];
    } else if (error === 'neighbour') {
      const near = NEIGHBOURS.get(letters[at].toLowerCase());
      if (near) typed = [...letters.slice(0, at), withCase(pick([...near], random), letters[at]), ...letters.slice(at + 1)];
    }
    if (typed !== null) return typed.join('');
  }
  return [...letters.slice(0, -1)].join('');
}

const WORD = /\p{L}+/gu;

/**
 * The text with, for each word of four letters or more, probability `rate` of one typing error. Words are runs of
 * letters ("don't" is "don" and "t"), so punctuation, digits and spacing stay exactly as written.
 */
export function misspell(text: string, seed: number, rate: number): string {
  if (!(rate >= 0 && rate <= 1)) throw new Error(`The rate is a probability from 0 to 1, not ${rate}.`);
  const random = seededRandom(seed);
  return text.replace(WORD, (word) => {
    if ([...word].length < MIN_WORD_LETTERS) return word;
    // Every word draws once, mistyped or not, so one word's error does not shift which later words are mistyped.
    const chosen = random() < rate;
    const wordRandom = seededRandom(Math.floor(random() * 4294967296));
    return chosen ? mistype(word, wordRandom) : word;
  });
}

/**
 * Each JSON line with its `text` misspelled; the seed of a line is the seed and the line's number together, so
 * the same message in two files is mistyped alike only at the same place. Blank lines are kept.
 */
export function misspellJsonLines(input: string, seed: number, rate: number): string {
  let lineNumber = 0;
  return input
    .split('\n')
    .map((line) => {
      if (line.trim() === '') return line;
      lineNumber += 1;
      const record = JSON.parse(line) as Record<string, unknown>;
      if (typeof record.text !== 'string') throw new Error(`Line ${lineNumber} has no text to misspell.`);
      return JSON.stringify({ ...record, text: misspell(record.text, lineSeed(seed, lineNumber), rate) });
    })
    .join('\n');
}

export function lineSeed(seed: number, lineNumber: number): number {
  return (Math.imul(seed >>> 0, 0x9e3779b1) ^ lineNumber) >>> 0;
}

interface MisspellArguments {
  readonly seed: number;
  readonly rate: number;
}

function parseArguments(argv: readonly string[]): MisspellArguments {
  const value = (flag: string): number => {
    const index = argv.indexOf(flag);
    const number = index >= 0 ? Number(argv[index + 1]) : NaN;
    if (!Number.isFinite(number)) throw new Error(`${flag} needs a number: npm run --silent misspell -- --seed 7 --rate 0.2 < in.jsonl > out.jsonl`);
    return number;
  };
  const unknown = argv.filter((argument, index) => !['--seed', '--rate'].includes(argument) && !['--seed', '--rate'].includes(argv[index - 1]));
  if (unknown.length > 0) throw new Error(`Not an argument of npm run misspell: ${unknown.join(' ')}. It takes --seed <whole number> and --rate <0 to 1>.`);
  const seed = value('--seed');
  if (!Number.isInteger(seed)) throw new Error('--seed needs a whole number.');
  return { seed, rate: value('--rate') };
}

async function main(): Promise<number> {
  const { seed, rate } = parseArguments(process.argv.slice(2));
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  process.stdout.write(misspellJsonLines(Buffer.concat(chunks).toString('utf8'), seed, rate));
  return 0;
}

if (require.main === module) runScriptMain(main, 'The messages could not be misspelled.');
