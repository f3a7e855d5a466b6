import { detectLocale } from '../../src/guidance/languageDetection';
import { ROUTES, findCommand, normalizeCommand, type AnyRoute } from '../../src/bot/routes';

/**
 * A typed command is answered in the language of its word (red team, stop 34 #2): the routing table files each word
 * under Dutch, English or both, and a word is filed once, so one word never leads to two routes or two languages.
 */
const filed = (Object.entries(ROUTES) as [string, AnyRoute][]).flatMap(([verb, route]) =>
  (['nl', 'en', 'either'] as const).flatMap((language) => (route.commands?.[language] ?? []).map((word) => ({ verb, language, word: normalizeCommand(word) }))),
);

it('files every command word once, under one route and one language', () => {
  const words = filed.map(({ word }) => word);
  expect(words.filter((word, index) => words.indexOf(word) !== index)).toEqual([]);
});

it('finds each word with the language it is filed under', () => {
  for (const { verb, language, word } of filed) {
    expect(findCommand(word)).toEqual({ route: ROUTES[verb as keyof typeof ROUTES], locale: language === 'either' ? undefined : language });
  }
});

it('files no word under the other language than its function words tell', () => {
  for (const { language, word } of filed) {
    const told = detectLocale(word);
    if (language !== 'either' && told !== undefined) expect({ word, told }).toEqual({ word, told: language });
  }
});

it('files the greetings and menu words both languages type under neither, so they keep the language last written in', () => {
  for (const word of ['hi', 'help', 'menu', 'start']) expect(findCommand(word)?.locale).toBeUndefined();
  expect(findCommand('hallo')?.locale).toBe('nl');
  expect(findCommand('hello')?.locale).toBe('en');
});
