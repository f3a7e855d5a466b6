import type { Strings } from '../content/contentSchema';
import type { Locale } from '../guidance/vocabulary';

export type Translate = (key: string, parameters?: Readonly<Record<string, string | number>>) => string;

/**
 * Looks up UI text by key. Parameters are substituted as plain text after lookup, so a
 * value that looks like a placeholder or template syntax is never expanded again.
 */
export function createTranslator(strings: Readonly<Record<Locale, Strings>>, locale: Locale): Translate {
  const table = strings[locale];
  return (key, parameters = {}) => {
    const text = table[key];
    // Content validation guarantees both locales have every key the code uses; a missing
    // key is a programming error that tests catch, so it shows the key rather than crashing a turn.
    if (text === undefined) return key;
    return text.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
      name in parameters ? String(parameters[name]) : placeholder,
    );
  };
}
