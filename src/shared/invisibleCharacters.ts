/**
 * Characters nobody sees, taken out of what a person types before anything reads it. Text pasted
 * from a document or a web page carries soft hyphens and zero-width spaces, and a client can send
 * any of them: inside a word they split it for every pattern ("k\u00ADill" is not "kill"), so the
 * classifier missed danger that the reader of the message would see at once. Bidi controls and
 * control characters go too: in a relayed message they could reorder what an adviser reads.
 * Unicode's default-ignorable code points go as a whole, with the fillers that render as blank
 * (Hangul fillers, the blank braille pattern): a message of only those would pass as written and
 * reach an adviser as an empty one. Tag characters can carry hidden ASCII ("invisible prompt"
 * text); a subdivision flag loses its region and shows as a plain black flag.
 *
 * Kept: tabs and line breaks; the zero-width (non-)joiner between letters of other scripts and in
 * emoji sequences, and the emoji and text presentation selectors after a character that has both,
 * where they change how the text looks.
 */
const INVISIBLE = new RegExp(
  '[' +
    [
      '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F', // control characters (C0 without tab and line breaks, DEL, C1)
      '\\u00AD', // soft hyphen
      '\\u034F', // combining grapheme joiner
      '\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069', // bidi marks, embeddings, overrides and isolates
      '\\u115F\\u1160\\u3164\\uFFA0', // Hangul fillers (choseong, jungseong, compatibility, halfwidth)
      '\\u17B4\\u17B5', // Khmer inherent vowels
      '\\u180B-\\u180F', // Mongolian variation selectors and vowel separator
      '\\u200B', // zero-width space
      '\\u2060-\\u2065\\u206A-\\u206F', // word joiner, invisible operators, deprecated format characters
      '\\u2800', // braille pattern blank
      '\\uFE00-\\uFE0D', // variation selectors 1-14
      '\\uFEFF', // zero-width no-break space (byte order mark)
      '\\uFFF0-\\uFFFB', // unassigned specials and interlinear annotation
      '\\u{1BCA0}-\\u{1BCA3}', // shorthand format controls
      '\\u{1D173}-\\u{1D17A}', // musical symbol format controls
      '\\u{E0000}-\\u{E0FFF}', // tag characters, variation selectors 17-256, the rest of the plane's ignorables
    ].join('') +
    ']',
  'gu',
);

/** A joiner between two Latin letters joins nothing visible in Dutch or English; nor does one with nothing to join on either side. */
const JOINER_INSIDE_LATIN_WORD = /(?<=\p{Script=Latin})[\u200C\u200D]+(?=\p{Script=Latin})/gu;
const JOINER_BETWEEN_NOTHING = /(?<!\S)[\u200C\u200D]+(?!\S)/gu;

/** The emoji and text presentation selectors choose how the character before them looks; after anything else they show nothing. */
const PRESENTATION_SELECTOR_WITHOUT_BASE = /(?<!\p{Emoji})[\uFE0E\uFE0F]/gu;

export function withoutInvisibleCharacters(text: string): string {
  return text
    .replace(INVISIBLE, '')
    .replace(JOINER_INSIDE_LATIN_WORD, '')
    .replace(JOINER_BETWEEN_NOTHING, '')
    .replace(PRESENTATION_SELECTOR_WITHOUT_BASE, '');
}
