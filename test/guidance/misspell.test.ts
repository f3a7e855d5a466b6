import { lineSeed, misspell, misspellJsonLines, mistype } from '../../scripts/misspell';
import { seededRandom } from '../../src/shared/seededRandom';

/*
 * scripts/misspell.ts makes the typing errors that a person typing with thumbs in a hurry makes, so a set can be measured
 * as it would be typed on a phone (`npm run evaluate -- --set X --misspell <seed>`, `npm run misspell` for the lead's sets).
 * A measure is only a measure when it is the same every time: these tests hold it to its seed, its rate and its labels.
 */

const ENGLISH = 'Someone is standing outside the ward with a knife and he keeps shouting that he will kill her, please help me right now';
const DUTCH = 'Er staat een man met een mes bij de balie en hij schreeuwt dat hij haar gaat vermoorden, wat moet ik doen';

function wordsOf(text: string): string[] {
  return text.match(/\p{L}+/gu) ?? [];
}

/** The Damerau distance of at most one edit that the typing errors make (drop, double, swap, neighbour key). */
function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  if (a.length === b.length) {
    const differ = [...a].map((char, i) => (char === b[i] ? -1 : i)).filter((i) => i >= 0);
    return differ.length === 1 || (differ.length === 2 && differ[1] === differ[0] + 1 && a[differ[0]] === b[differ[1]] && a[differ[1]] === b[differ[0]]);
  }
  const [longer, shorter] = a.length > b.length ? [a, b] : [b, a];
  return [...longer].some((_, i) => longer.slice(0, i) + longer.slice(i + 1) === shorter);
}

describe('misspell: typing errors of a phone, the same for the same seed', () => {
  test.each([['English', ENGLISH], ['Dutch', DUTCH]])('the same seed gives the same %s text, another seed another one', (_language, text) => {
    expect(misspell(text, 7, 0.5)).toBe(misspell(text, 7, 0.5));
    expect(misspell(text, 7, 0.5)).not.toBe(text);
    const others = [8, 9, 10, 11].map((seed) => misspell(text, seed, 0.5));
    expect(others.some((other) => other !== misspell(text, 7, 0.5))).toBe(true);
  });

  test('the generator depends only on its seed', () => {
    const [a, b] = [seededRandom(42), seededRandom(42)];
    const draws = Array.from({ length: 5 }, () => [a(), b()]);
    for (const [x, y] of draws) expect(x).toBe(y);
    for (const [x] of draws) expect(x >= 0 && x < 1).toBe(true);
  });

  test('a word shorter than four letters and everything between words stay as written', () => {
    const text = 'He hit me. Ik ben 23, wat nu?! 112 :( “no”';
    const typed = misspell(text.replace('hit', 'hitting'), 3, 1);
    expect(typed.replace(/\p{L}+/gu, '')).toBe(text.replace('hit', 'hitting').replace(/\p{L}+/gu, ''));
    expect(misspell(text, 3, 1)).toBe(text);
  });

  test('at rate 1 every word of four letters or more gets exactly one typing error, at rate 0 none', () => {
    for (const [seed, text] of [[1, ENGLISH], [2, DUTCH], [3, 'stabbing strangled vermoorden zelfmoord pillen']] as const) {
      const [before, after] = [wordsOf(text), wordsOf(misspell(text, seed, 1))];
      expect(after).toHaveLength(before.length);
      before.forEach((word, i) => {
        if (word.length < 4) expect(after[i]).toBe(word);
        else {
          expect(after[i]).not.toBe(word);
          expect(withinOneEdit(word, after[i])).toBe(true);
        }
      });
      expect(misspell(text, seed, 0)).toBe(text);
    }
  });

  test('the rate is respected: about one word in five at 0.2 over many messages', () => {
    let [words, typed] = [0, 0];
    for (let seed = 0; seed < 400; seed += 1) {
      const [before, after] = [wordsOf(ENGLISH), wordsOf(misspell(ENGLISH, seed, 0.2))];
      before.forEach((word, i) => {
        if (word.length < 4) return;
        words += 1;
        if (after[i] !== word) typed += 1;
      });
    }
    expect(typed / words).toBeGreaterThan(0.17);
    expect(typed / words).toBeLessThan(0.23);
  });

  test('the errors are the four kinds phones make: dropped, doubled, swapped and a neighbouring key', () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 300; seed += 1) {
      const typed = mistype('knife', seededRandom(seed));
      if (typed.length === 4) seen.add('drop');
      else if (typed.length === 6) seen.add('double');
      else if ([...typed].sort().join('') === 'efikn') seen.add('swap');
      else {
        seen.add('neighbour');
        const at = [...typed].findIndex((char, i) => char !== 'knife'[i]);
        // Every key of "knife" on a QWERTY keyboard, with the keys that touch it.
        const near: Record<string, string> = { k: 'jlmio', n: 'bmhj', i: 'uojk', f: 'dgrtcv', e: 'wrsd' };
        expect(near['knife'[at]]).toContain(typed[at]);
      }
    }
    expect([...seen].sort()).toEqual(['double', 'drop', 'neighbour', 'swap']);
  });

  test('a word in capitals keeps its capitals', () => {
    for (let seed = 0; seed < 50; seed += 1) expect(mistype('HELP', seededRandom(seed))).toBe(mistype('HELP', seededRandom(seed)).toUpperCase());
  });
});

describe('misspellJsonLines: the CLI rewrites only the text of each line', () => {
  const lines = [
    { text: ENGLISH, locale: 'en', intent: 'guidance', topic: 'aggression', perspective: 'witness', urgent: true, danger: 'now', category: 'present violence' },
    { text: DUTCH, locale: 'nl', intent: 'guidance', topic: 'aggression', perspective: 'witness', urgent: true, danger: 'now', category: 'present violence' },
  ];
  const input = `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`;

  test('labels untouched, text misspelled as misspell does with the seed of its line', () => {
    const output = misspellJsonLines(input, 7, 0.5).split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as typeof lines[number]);
    expect(output).toHaveLength(2);
    output.forEach((line, i) => {
      const { text, ...labels } = line;
      const { text: original, ...originalLabels } = lines[i];
      expect(labels).toEqual(originalLabels);
      expect(text).toBe(misspell(original, lineSeed(7, i + 1), 0.5));
    });
    expect(misspellJsonLines(input, 7, 0.5)).toBe(misspellJsonLines(input, 7, 0.5));
    expect(misspellJsonLines(input, 7, 0.5)).not.toBe(misspellJsonLines(input, 8, 0.5));
  });

  test('a line without a text is refused, naming its number', () => {
    expect(() => misspellJsonLines(`${input}{"locale":"en"}\n`, 7, 0.2)).toThrow('Line 3');
  });

  test('a rate outside 0 to 1 is refused', () => {
    expect(() => misspell(ENGLISH, 7, 1.5)).toThrow('from 0 to 1');
  });
});
