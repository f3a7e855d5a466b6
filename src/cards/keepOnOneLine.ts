const NO_BREAK_SPACE = '\u00a0';
const NON_BREAKING_HYPHEN = '\u2011';

/** A phone number or case code that a card never splits across two lines (browsers wrap at spaces and after hyphens). */
export function keepOnOneLine(text: string): string {
  return text.replace(/ /g, NO_BREAK_SPACE).replace(/-/g, NON_BREAKING_HYPHEN);
}
