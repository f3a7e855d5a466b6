/**
 * Characters nobody sees, taken out of what a person types before anything reads it. Text pasted
 * from a document or a web page carries soft hyphens and zero-width spaces, and a client can send
 * any of them: inside a word they split it for every pattern ("k\u00ADill" is not "kill"), so the
 * classifier missed danger that the reader of the message would see at once. Bidi controls and
 * control characters go too: in a relayed message they could reorder what an adviser reads.
 *
 * Kept: tabs and line breaks, and the zero-width (non-)joiner between letters of other scripts
 * and in emoji sequences, where it changes how the text looks.
 */
const INVISIBLE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u034F\u061C\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]/g;

/** A joiner between two Latin letters joins nothing visible in Dutch or English. */
const JOINER_INSIDE_LATIN_WORD = /(?<=\p{Script=Latin})[\u200C\u200D]+(?=\p{Script=Latin})/gu;

export function withoutInvisibleCharacters(text: string): string {
  return text.replace(INVISIBLE, '').replace(JOINER_INSIDE_LATIN_WORD, '');
}
