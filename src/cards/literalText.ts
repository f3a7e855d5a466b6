/**
 * Text someone typed or chose (a name, a team, a period) shown in a card field that Teams renders
 * as Markdown (TextBlock, FactSet, expanded ChoiceSet titles): exactly as written. Without this,
 * `[Open the form](https://…)` becomes a link and `![](https://…/pixel)` a remote image inside a
 * card that advisers and the programme trust. Markdown's own backslash escapes keep each
 * character; HTML is never rendered by Teams' Markdown, and `<` is escaped all the same.
 *
 * Only for Markdown fields: a TextRun (how the cards show a requester's message) is never
 * Markdown, and there the backslashes would show.
 */
export function literalText(text: string): string {
  return text
    .replace(INLINE_MARKDOWN, (character) => `\\${character}`)
    .replace(LINE_START_MARKDOWN, (_line, indent: string, marker: string) => `${indent}${marker.replace(/[#+\-=.]/g, (character) => `\\${character}`)}`);
}

/** Characters that open links, images, emphasis, code, HTML and entities wherever they stand. */
const INLINE_MARKDOWN = /[\\`*_[\]()<>!~|&]/g;

/** Headings, lists and rules only begin a line: `# `, `- `, `+ `, `1. ` and `===` underlines. */
const LINE_START_MARKDOWN = /^([ \t]*)(#+|[+\-=]+|\d+\.)/gm;
