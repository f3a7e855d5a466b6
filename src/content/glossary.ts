import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { LOCALES, TOPICS, type Locale } from '../guidance/vocabulary';
import type { Content } from './loadContent';

/**
 * content/glossary.json: one name for one thing. Each term says which words to use and which
 * other names for the same thing to avoid; the content test and `npm run content:check` list
 * every text that uses an avoided name.
 */

const phrases = z.array(z.string().trim().min(1));
const glossarySchema = z
  .object({
    about: z.string().optional(),
    terms: z
      .array(
        z
          .object({
            concept: z.string().min(1),
            use: z.object({ nl: z.string().min(1), en: z.string().min(1) }).strict(),
            avoid: z.object({ nl: phrases, en: phrases }).strict(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();
export type Glossary = z.infer<typeof glossarySchema>;

export const GLOSSARY_FILE = 'glossary.json';

export function loadGlossary(contentDir: string): Glossary {
  const raw: unknown = JSON.parse(fs.readFileSync(path.join(contentDir, GLOSSARY_FILE), 'utf8'));
  return glossarySchema.parse(raw);
}

/** One text a person can read, with the file and field it comes from. */
export interface ContentText {
  readonly where: string;
  readonly locale: Locale;
  readonly text: string;
}

/** Every text of the guidance, the UI strings and the organisation's names, per locale. */
export function readableTexts(content: Content): ContentText[] {
  const texts: ContentText[] = [];
  const collect = (node: unknown, where: string, locale: Locale | undefined) => {
    if (typeof node === 'string') {
      if (locale) texts.push({ where, locale, text: node });
      return;
    }
    if (Array.isArray(node)) return node.forEach((child, index) => collect(child, `${where}.${index}`, locale));
    if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        collect(value, `${where}.${key}`, (LOCALES as readonly string[]).includes(key) ? (key as Locale) : locale);
      }
    }
  };
  for (const topic of TOPICS) {
    const { title, summary, perspectives, roleNotes } = content.guidance[topic];
    collect({ title, summary, perspectives, roleNotes }, `guidance/${topic}.json:`, undefined);
  }
  for (const locale of LOCALES) {
    for (const [key, text] of Object.entries(content.strings[locale])) texts.push({ where: `strings/${locale}.json: ${key}`, locale, text });
  }
  const { organisationName, helpRoutes } = content.organisation;
  collect({ organisationName, helpRoutes: Object.fromEntries(Object.entries(helpRoutes).map(([id, route]) => [id, route.name])) }, 'organisation.json:', undefined);
  return texts.map((entry) => ({ ...entry, where: entry.where.replace(':.', ': ') }));
}

function phrasePattern(phrase: string): RegExp {
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  // Whole words only: "integrity office" must not match "integrity officer".
  return new RegExp(`(?<![\\p{L}\\p{N}-])${escaped}(?![\\p{L}\\p{N}-])`, 'iu');
}

/** Each text that uses a name the glossary says to avoid, as "where: uses "x"; say "y"". */
export function findGlossaryViolations(content: Content, glossary: Glossary): string[] {
  const texts = readableTexts(content);
  const problems: string[] = [];
  for (const term of glossary.terms) {
    for (const locale of LOCALES) {
      for (const phrase of term.avoid[locale]) {
        const pattern = phrasePattern(phrase);
        for (const entry of texts) {
          if (entry.locale === locale && pattern.test(entry.text)) {
            problems.push(`${entry.where}: uses "${phrase}"; the glossary says "${term.use[locale]}" (${term.concept})`);
          }
        }
      }
    }
  }
  return problems;
}

/** Terms whose chosen name no text uses: a glossary entry nobody follows is a stale one. */
export function findUnusedGlossaryTerms(content: Content, glossary: Glossary): string[] {
  const texts = readableTexts(content);
  return glossary.terms.flatMap((term) =>
    LOCALES.filter((locale) => !texts.some((entry) => entry.locale === locale && phrasePattern(term.use[locale]).test(entry.text))).map(
      (locale) => `glossary.json: "${term.use[locale]}" (${term.concept}, ${locale}) is used by no text`,
    ),
  );
}
