import type { Strings } from '../content/contentSchema';
import type { Locale } from '../guidance/vocabulary';
import type { StringKey } from './stringKeys';

export type Translate = (key: StringKey, parameters?: Readonly<Record<string, string | number>>) => string;

/**
 * Looks up UI text by key. Parameters are substituted as plain text after lookup, so a
 * value that looks like a placeholder or template syntax is never expanded again.
 */
export function createTranslator(strings: Readonly<Record<Locale, Strings>>, locale: Locale): Translate {
  const table = strings[locale];
  return (key, parameters = {}) => {
    const text = table[key];
    // Not with content loadContent accepted: the compiler holds the code to STRING_KEYS and loadContent
    // refuses a language file without one of them. Should it happen, the key shows rather than the turn crashing.
    if (text === undefined) return key;
    return text.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
      name in parameters ? String(parameters[name]) : placeholder,
    );
  };
}
