import type { Locale } from '../guidance/vocabulary';
import type { TypedDangerAnswers } from './contentSchema';

/**
 * The words of content/danger-answers/, every language's merged, as the bot reads them (src/bot/routes.ts): a Dutch
 * message may say "yes", an English one "hulp". Built once, when the content is loaded.
 */
export interface DangerAnswerWords {
  /** The first word is a yes: "yes he is still here". */
  readonly yesFirstWords: ReadonlySet<string>;
  /** Anywhere in the message: someone asking for help now. */
  readonly alarmWords: ReadonlySet<string>;
  /** Only as the whole message: "no, but he has a knife" is read as a new message. */
  readonly wholeNo: ReadonlySet<string>;
}

export function mergeDangerAnswerWords(byLocale: Readonly<Record<Locale, TypedDangerAnswers>>): DangerAnswerWords {
  const every = Object.values(byLocale);
  return {
    yesFirstWords: new Set(every.flatMap((language) => language.yesFirstWords)),
    alarmWords: new Set(every.flatMap((language) => language.alarmWords)),
    wholeNo: new Set(every.flatMap((language) => language.wholeNo)),
  };
}
