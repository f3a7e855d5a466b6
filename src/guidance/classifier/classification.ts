import type { DangerLevel, Intent, Locale, Perspective, Topic } from '../vocabulary';

export interface Classification {
  readonly locale: Locale;
  readonly intent: Intent;
  readonly topic: Topic | null;
  readonly perspective: Perspective | null;
  /** Means `danger === 'now'`; kept because the `ask` JSON, metrics and the flow state use it. */
  readonly urgent: boolean;
  readonly danger: DangerLevel;
  /** The most likely topics, best first, for the guided flow when the topic is uncertain. */
  readonly likelyTopics: readonly Topic[];
}

export interface ClassifyOptions {
  /** Forces the locale (the `ask --locale` flag, or a locale the user chose). */
  readonly locale?: Locale;
  /** Used when the text itself does not tell the language (the user's Teams locale). */
  readonly fallbackLocale?: Locale;
}

export interface Classifier {
  classify(text: string, options?: ClassifyOptions): Promise<Classification>;
}
