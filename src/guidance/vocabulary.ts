/** The product's stable identifiers (PRODUCT.md, "Vocabulary"): cards, content, `ask` and metrics use them. */

export const LOCALES = ['nl', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const INTENTS = ['guidance', 'report', 'talk', 'code-of-conduct', 'training', 'team-dialog', 'help'] as const;
export type Intent = (typeof INTENTS)[number];

export const TOPICS = [
  'sexual-harassment',
  'discrimination',
  'bullying',
  'aggression',
  'abuse-of-power',
  'research-integrity',
  'other-integrity',
] as const;
export type Topic = (typeof TOPICS)[number];

export const PERSPECTIVES = ['witness', 'target', 'accused', 'manager'] as const;
export type Perspective = (typeof PERSPECTIVES)[number];

/**
 * How sure the text is that someone is in danger right now. `now` shows the emergency card first;
 * `unclear` (danger words whose time or seriousness the text does not settle) asks "is anyone in
 * danger right now?" with the numbers shown above the question; `urgent` in the vocabulary means `now`.
 */
export const DANGER_LEVELS = ['now', 'unclear', 'none'] as const;
export type DangerLevel = (typeof DANGER_LEVELS)[number];

export const ROLES = ['employee', 'student', 'manager'] as const;
export type Role = (typeof ROLES)[number];

export const HELP_ROUTES = ['confidential-adviser', 'research-integrity-counsellor', 'integrity-officer'] as const;
export type HelpRoute = (typeof HELP_ROUTES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function isTopic(value: unknown): value is Topic {
  return typeof value === 'string' && (TOPICS as readonly string[]).includes(value);
}

export function isPerspective(value: unknown): value is Perspective {
  return typeof value === 'string' && (PERSPECTIVES as readonly string[]).includes(value);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Teams sends BCP-47 tags such as "nl-NL" or "en-GB"; anything that is not Dutch falls back. */
export function localeFromTag(tag: string | undefined, fallback: Locale): Locale {
  return languageOfTag(tag) ?? fallback;
}

/** The bot's language a tag such as "nl-NL" or "en_GB" names, if it names one. */
export function languageOfTag(tag: string | undefined): Locale | undefined {
  const language = (tag ?? '').toLowerCase().split(/[-_]/)[0];
  return isLocale(language) ? language : undefined;
}
