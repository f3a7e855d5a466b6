/** The request body limit: what a client can send in one message, before the bot's own length step. */
export const BODY_LIMIT = 256 * 1024;

/**
 * Inputs built to make a classifier slow: the body limit filled with one anchor word, with phrases
 * that start many cues, with one word without spaces, with alternating scripts, with quote marks
 * that never close, an urgent sentence before filler, and characters that normalisation (NFKC) makes
 * longer (U+FDFA is 18 characters as read, "…" three), also in a message short as typed. Named by
 * kind; no text is reported. The bench times them; test/guidance/analysedLength.test.ts checks what
 * the classifier reads of each.
 */
export function pathologicalInputs(): { readonly kind: string; readonly text: string }[] {
  const fill = (unit: string) => unit.repeat(Math.floor(BODY_LIMIT / unit.length));
  return [
    { kind: 'one anchor word', text: fill('knife ') },
    { kind: 'anchor phrases', text: fill('he will kill me now ') },
    { kind: 'Dutch anchor phrases', text: fill('hij gaat me nu vermoorden met een mes ') },
    { kind: 'no spaces', text: 'a'.repeat(BODY_LIMIT) },
    { kind: 'alternating scripts', text: fill('dataнож数据!') },
    { kind: 'unclosed quotes', text: fill('"he said \'') },
    { kind: 'hyphen chains', text: fill('a-') },
    { kind: 'urgent start, filler', text: `Er wordt nu iemand geslagen op de SEH. ${fill('bla ')}` },
    { kind: 'compatibility expansion', text: fill('\uFDFA') },
    { kind: 'ellipses', text: fill('… ') },
    { kind: 'short, compatibility expansion, urgent end', text: `${'\uFDFA'.repeat(110)} He is stabbing my colleague with a knife right now!!` },
  ];
}
