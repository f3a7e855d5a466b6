import { withinOneEdit } from '../guidance/classifier/spelling';
import type { Locale } from '../guidance/vocabulary';
import type { TypedDangerAnswers } from './contentSchema';

/**
 * The words of content/danger-answers/, every language's merged, as the bot reads them (src/bot/typedDangerAnswers.ts): a Dutch
 * message may say "yes", an English one "hulp". Built once, when the content is loaded.
 */
export interface DangerAnswerWords {
  /** The first word is a yes: "yes he is still here", also with a letter held down ("JAAAA", "yesss"). */
  readonly yesFirstWords: HurriedWords;
  /** Anywhere in the message: someone asking for help now; also every number the emergency route names, as digits. */
  readonly alarmWords: ReadonlySet<string>;
  /**
   * The numbers of content/organisation.json as digits ("0800-0113" is "08000113"): typed alone, the suicide prevention line
   * the emergency card names is as much a call for help as "112". The message's digits are joined only into one of these.
   */
  readonly emergencyNumbers: ReadonlySet<string>;
  /** Each alarm word with its repeated letters as one ("helpppp" is "help"), and the length of the shortest it stands for. */
  readonly squeezedAlarmWords: ReadonlyMap<string, number>;
  /** May stand beside an alarm word in a message that only calls for help: "help me", "bel 112", "hulp nu". */
  readonly besideAlarmWords: ReadonlySet<string>;
  /** Each of besideAlarmWords with its repeated letters as one ("mijjj" is "mij"), and the length of the shortest it stands for. */
  readonly squeezedBesideAlarmWords: ReadonlyMap<string, number>;
  /** An answer of nothing but these and besideAnswerWords is a yes: it goes on ("nog steeds bezig", "still happening") or it is so ("klopt"). */
  readonly affirmingWords: HurriedWords;
  /** May stand beside affirming words in an answer ("hij is er nog"), and beside a negation or an over word in a no said first ("gelukkig niet"). */
  readonly besideAnswerWords: ReadonlySet<string>;
  /** A word of going ("gaat", "going"): in an answer without a yes, beside affirming words, only with one of goingOnWords. */
  readonly goingWords: ReadonlySet<string>;
  /** What makes a word of going say it goes on ("het gaat nog steeds door"); without one, "nu gaat het" says all is well again. */
  readonly goingOnWords: ReadonlySet<string>;
  /** The danger is over: "het is voorbij", "he left". */
  readonly overWords: ReadonlySet<string>;
  /** Not negated, they tell it to stop, not that it has: "yes, stop" is a yes; "it won't stop" goes on. */
  readonly stopCries: ReadonlySet<string>;
  /** Without a comma, open what follows a no said first: "Not anymore but I need help", "Het is voorbij ik zoek hulp". */
  readonly clauseOpeners: ReadonlySet<string>;
  /** Right before an alarm word, or with only need words between, or just after it and then a need word: no call for help. */
  readonly negations: HurriedWords;
  /** Whether help is wanted: "I dont need an ambulance", "hulp is niet nodig". */
  readonly needWords: HurriedWords;
  /** The first word is a no: such an answer is never a yes, however it goes on. */
  readonly noFirstWords: ReadonlySet<string>;
  /** An answer that starts with one and tells more than that nobody is in danger cries out as often as it says no: "niemand helpt ons". */
  readonly nobodyWords: ReadonlySet<string>;
  /** Right after an alarm word, what the help is for: "help with reporting", "hulp bij het melden". */
  readonly helpForWords: ReadonlySet<string>;
  /** Beside an alarm word after a no said first, help has come or been called: "no, I called 112", "nee, de politie is hier". */
  readonly helpCameWords: ReadonlySet<string>;
  /** Announce an emergency only before an alarm word ("er is brand"); after it ("de politie is er") they tell where help is: no call. */
  readonly announcingWords: ReadonlySet<string>;
  /** Opening a message that ends in "?", it asks: "is er hulp?", "is there help?". */
  readonly questionOpeners: ReadonlySet<string>;
  /** Only as the whole message: "no, but he has a knife" is read as a new message. */
  readonly wholeNo: ReadonlySet<string>;
  /**
   * The words a typing error is never read into an alarm word from: the classifier's known words and the dictionaries' real
   * words near them, of both languages ("good" is no "nood", "held" no "help"). Undefined without the trained models, and then
   * no typing error is read.
   */
  readonly wordsNeverMistyped: ReadonlySet<string> | undefined;
}

/** Words as listed, and each with its repeated letters as one with the length of the shortest it stands for ("jaaaa" is "ja"). */
export interface HurriedWords {
  readonly listed: ReadonlySet<string>;
  readonly squeezed: ReadonlyMap<string, number>;
}

function hurriedWords(listed: Iterable<string>): HurriedWords {
  const words = new Set(listed);
  const squeezed = new Map<string, number>();
  for (const word of words) {
    const key = withRepeatedLettersAsOne(word);
    squeezed.set(key, Math.min(word.length, squeezed.get(key) ?? Infinity));
  }
  return { listed: words, squeezed };
}

/** One of the words, also typed with a letter held down: with its repeated letters as one, a listed word's, and at least as long ("nod" is no "nood"). */
export function isHurriedWordOf(word: string, words: HurriedWords): boolean {
  if (words.listed.has(word)) return true;
  const shortest = words.squeezed.get(withRepeatedLettersAsOne(word));
  return shortest !== undefined && word.length >= shortest;
}

export function mergeDangerAnswerWords(
  byLocale: Readonly<Record<Locale, TypedDangerAnswers>>,
  wordsNeverMistyped: Iterable<string> | undefined,
  phoneNumbers: Iterable<string> = [],
): DangerAnswerWords {
  const every = Object.values(byLocale);
  const emergencyNumbers = new Set([...phoneNumbers].map(digitsOf));
  const alarm = hurriedWords([...every.flatMap((language) => language.alarmWords), ...emergencyNumbers]);
  const beside = hurriedWords(every.flatMap((language) => language.besideAlarmWords));
  return {
    yesFirstWords: hurriedWords(every.flatMap((language) => language.yesFirstWords)),
    alarmWords: alarm.listed,
    emergencyNumbers,
    squeezedAlarmWords: alarm.squeezed,
    besideAlarmWords: beside.listed,
    squeezedBesideAlarmWords: beside.squeezed,
    affirmingWords: hurriedWords(every.flatMap((language) => language.affirmingWords)),
    besideAnswerWords: new Set(every.flatMap((language) => language.besideAnswerWords)),
    goingWords: new Set(every.flatMap((language) => language.goingWords)),
    goingOnWords: new Set(every.flatMap((language) => language.goingOnWords)),
    overWords: new Set(every.flatMap((language) => language.overWords)),
    stopCries: new Set(every.flatMap((language) => language.stopCries)),
    clauseOpeners: new Set(every.flatMap((language) => language.clauseOpeners)),
    negations: hurriedWords(every.flatMap((language) => language.negations)),
    needWords: hurriedWords(every.flatMap((language) => language.needWords)),
    noFirstWords: new Set(every.flatMap((language) => language.noFirstWords)),
    nobodyWords: new Set(every.flatMap((language) => language.nobodyWords)),
    helpForWords: new Set(every.flatMap((language) => language.helpForWords)),
    helpCameWords: new Set(every.flatMap((language) => language.helpCameWords)),
    announcingWords: new Set(every.flatMap((language) => language.announcingWords)),
    questionOpeners: new Set(every.flatMap((language) => language.questionOpeners)),
    wholeNo: new Set(every.flatMap((language) => language.wholeNo)),
    wordsNeverMistyped: wordsNeverMistyped === undefined ? undefined : new Set(wordsNeverMistyped),
  };
}

/** "0800-0113", "088 755 1234" as the digits a person dials. */
export function digitsOf(phoneNumber: string): string {
  return phoneNumber.replace(/\D/g, '');
}

/** "helpppp" is "help", "nooodgeval" is "nodgeval": a hurried thumb holds a key. */
export function withRepeatedLettersAsOne(word: string): string {
  return word.replace(/(\p{L})\1+/gu, '$1');
}

/**
 * An alarm word, also typed with a letter held down ("helpppp", "hulppp"): with its repeated letters as one, the same as
 * an alarm word's and at least as long, so "nod" is not "nood".
 */
export function isAlarmWord(word: string, words: DangerAnswerWords): boolean {
  return isHurriedWordOf(word, { listed: words.alarmWords, squeezed: words.squeezedAlarmWords });
}

/**
 * A word that may stand beside an alarm word in a bare call for help, also with a letter held down as on the alarm word itself
 * ("help mijjj", "hulp nuuu!!", "help usss"), unless the word so typed is a word of its own ("mee" is no "me", "bell" no
 * "bel"): read only where the known and real words of the trained models tell, never without them.
 */
export function isBesideAlarmWord(word: string, words: DangerAnswerWords): boolean {
  if (words.besideAlarmWords.has(word)) return true;
  const neverMistyped = words.wordsNeverMistyped;
  if (neverMistyped === undefined || neverMistyped.has(word) || isWordOfTheAnswers(word, words)) return false;
  return isHurriedWordOf(word, { listed: words.besideAlarmWords, squeezed: words.squeezedBesideAlarmWords });
}

/** A typing error of a shorter word is too often another word; the classifier's own limit (spelling.ts). */
const MIN_MISTYPED_ALARM_LETTERS = 4;

/**
 * An alarm word with one typing error ("hlep", "ambulanse"), read only in a message that does nothing but call for help
 * (typedDangerAnswers.ts, callsOnlyForHelp), never in a typed answer, where it would be a yes that marks a request urgent. Both words
 * of four letters or more, and never a word of the answers or one the classifier knows or the dictionary holds, of either
 * language: "good" is not "nood", "held" not "help".
 */
export function isMistypedAlarmWord(word: string, words: DangerAnswerWords): boolean {
  // A number one digit from an emergency number is another number.
  return isMistypedWordOf(word, words.alarmWords, words, words.emergencyNumbers);
}

/**
 * A word of `listed` with one typing error, by the rule of isMistypedAlarmWord: both of four letters or more, and the typo no
 * word of its own ("dnot" is "dont", "neit" is "niet"; "ned" and "gene" are words, listed where people type them for a no).
 */
function isMistypedWordOf(word: string, listed: ReadonlySet<string>, words: DangerAnswerWords, except: ReadonlySet<string> = new Set()): boolean {
  const neverMistyped = words.wordsNeverMistyped;
  if (neverMistyped === undefined || word.length < MIN_MISTYPED_ALARM_LETTERS || neverMistyped.has(word) || isWordOfTheAnswers(word, words)) return false;
  for (const candidate of listed) if (candidate.length >= MIN_MISTYPED_ALARM_LETTERS && !except.has(candidate) && withinOneEdit(word, candidate)) return true;
  return false;
}

/**
 * A negation also as typed in a hurry, as yes words are: a letter held down ("niettt") or one typing error ("dnot", "neit"),
 * so a no typed in a hurry ("i dnot need help") is no yes. A no word held down ("NOOO help") is left as typed: as often a cry as an answer.
 */
export function isNegation(word: string, words: DangerAnswerWords): boolean {
  if (words.negations.listed.has(word)) return true;
  if (words.noFirstWords.has(withRepeatedLettersAsOne(word))) return false;
  return isHurriedWordOf(word, words.negations) || isMistypedWordOf(word, words.negations.listed, words);
}

/** A need word also as typed in a hurry: a letter held down ("nodigg") or one typing error ("nodg", "wnat"). */
export function isNeedWord(word: string, words: DangerAnswerWords): boolean {
  return isHurriedWordOf(word, words.needWords) || isMistypedWordOf(word, words.needWords.listed, words);
}

function isWordOfTheAnswers(word: string, words: DangerAnswerWords): boolean {
  return [words.yesFirstWords.listed, words.besideAlarmWords, words.affirmingWords.listed, words.besideAnswerWords, words.goingWords, words.goingOnWords, words.overWords, words.clauseOpeners, words.negations.listed, words.needWords.listed, words.noFirstWords, words.helpForWords].some((kind) =>
    kind.has(word),
  );
}
