import path from 'node:path';
import { loadContent } from '../../src/content/loadContent';
import { CueMatcher, compileCue, cueEndFrom, type CueMatch } from '../../src/guidance/classifier/cueMatcher';
import { CUE_KINDS, type CueKind } from '../../src/guidance/classifier/dangerKinds';
import { tokeniseSentences } from '../../src/guidance/classifier/sentenceTokens';
import { readQuestions } from '../../scripts/evaluationSets';

/*
 * The matcher tries a cue only where its first slot can match and only in a sentence that holds its
 * anchor (its rarest plain word). Those indexes are for speed alone: they must find exactly what
 * trying every cue at every token finds.
 */

const content = loadContent(path.resolve(__dirname, '..', '..', 'content'));
const shippedCues = CUE_KINDS.flatMap((kind) =>
  [...(content.dangerCues[kind]?.nl ?? []), ...(content.dangerCues[kind]?.en ?? [])].map((source) => compileCue<CueKind>(kind, source)),
);

function everyCueEverywhere(cues: typeof shippedCues, tokens: readonly string[]): string[] {
  const found: string[] = [];
  for (let start = 0; start < tokens.length; start += 1) {
    for (const cue of cues) {
      const end = cueEndFrom(cue, tokens, start);
      if (end >= 0) found.push(`${start}-${end} ${cue.kind}: ${cue.source}`);
    }
  }
  return found.sort();
}

/** Every match, duplicates kept (a cue listed for both languages matches twice), in one order for comparing. */
const described = (matches: readonly CueMatch<CueKind>[]) => matches.map(({ cue, start, end }) => `${start}-${end} ${cue.kind}: ${cue.source}`).sort();

describe('the cue matcher', () => {
  it('finds with its indexes exactly what every cue tried at every token finds, on the shipped cues and three tune sets', () => {
    const matcher = new CueMatcher(shippedCues);
    const texts = [
      'He is choking her right now!! help',
      'ik word gevolgd, hij staat nog steeds buiten met een mes',
      "I don't want to be here anymore, I have the pills ready",
      ...['dev-newphrasings.jsonl', 'dev3-tune.jsonl', 'dev7-tune.jsonl'].flatMap((file) => readQuestions(file).map((question) => question.text)),
    ];
    let matched = 0;
    for (const text of texts) {
      for (const { tokens } of tokeniseSentences(text).sentences) {
        const found = described(matcher.matches(tokens));
        matched += found.length;
        expect({ text, found }).toEqual({ text, found: everyCueEverywhere(shippedCues, tokens) });
      }
    }
    expect(matched).toBeGreaterThan(1000);
  });

  it('tries a cue without a plain-word slot (only wildcards) in every sentence', () => {
    const cue = compileCue('threat', 'stab* .. *ing');
    const matcher = new CueMatcher([cue]);
    expect(described(matcher.matches(['he', 'stabbed', 'a', 'thing']))).toEqual(['1-4 threat: stab* .. *ing']);
  });
});
