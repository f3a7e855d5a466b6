import { withoutInvisibleCharacters } from './invisibleCharacters';

/**
 * The most of a message the bot reads: the default and the ceiling of MAX_MESSAGE_CHARS, so every
 * accepted message is read whole by the danger check; the classifier cuts longer text here.
 */
export const MAX_ANALYSED_CHARS = 2000;

/** A text as read, when it fits the limit: read whole. */
export interface ReadWhole {
  readonly fits: true;
  readonly text: string;
}

/** A text as read, when it is longer than the limit: its beginning and its end, each at most the limit, are all that is read. */
export interface ReadInPart {
  readonly fits: false;
  readonly beginning: string;
  readonly end: string;
}

/**
 * A text as every pattern and model reads it, measured against a limit after it is normalised, never before:
 * without the characters nobody sees ("k\u00ADill" is "kill") and with compatibility characters spelled out (NFKC:
 * "ﬁ" is "fi", "…" is "...", U+FDFA is 18 characters). Cut first and normalised after, a short message of such
 * characters grew past the limit and was cut again further on, its last sentence never read for danger.
 * A text longer than the limit as written is normalised only at its two ends, so the work stays bounded by the limit.
 */
export function readWithin(text: string, limit: number = MAX_ANALYSED_CHARS): ReadWhole | ReadInPart {
  if (text.length <= limit) {
    const read = asRead(text);
    if (read.length <= limit) return { fits: true, text: read };
    return { fits: false, beginning: read.slice(0, limit), end: read.slice(-limit) };
  }
  return { fits: false, beginning: asRead(text.slice(0, limit)).slice(0, limit), end: asRead(text.slice(-limit)).slice(-limit) };
}

/** What the classifier's models analyse of a text: all of it as read when it fits MAX_ANALYSED_CHARS, else its beginning. */
export function analysedText(text: string): string {
  const read = readWithin(text);
  return (read.fits ? read.text : read.beginning).trim();
}

function asRead(text: string): string {
  return withoutInvisibleCharacters(text).normalize('NFKC');
}
