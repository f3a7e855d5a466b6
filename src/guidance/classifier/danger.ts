import type { UrgentPatterns } from '../../content/contentSchema';
import { LOCALES, type Topic } from '../vocabulary';

// ---------------------------------------------------------------------------------------------
// Urgency: regular expressions over both languages on purpose (content/nlu/urgent.json). Rules
// combine kinds of wording ("violence" and "now", "weapon" unless "past"), so a phrasing nobody
// wrote down is still caught when its parts are; phrases cover what is urgent on its own.

/** Lower case without diacritics or curly quotes, so "Patiënt" and "can’t" match plain lower-case patterns. */
function normalizeForUrgency(text: string): string {
  return withoutDiacritics(text).replace(/[’‘`´]/g, "'").toLowerCase();
}

function withoutDiacritics(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
}

function compileExpression(source: string): RegExp {
  return new RegExp(withoutDiacritics(source), 'u');
}

/** What made a message urgent: a rule's kind (with the topic it implies, if any), or "phrase". */
export interface UrgencyReason {
  readonly kind: string;
  readonly topic?: Topic;
}

const URGENT_PHRASE: UrgencyReason = { kind: 'phrase' };

/**
 * Patterns are lower case (the schema checks) and matched against lower-cased text without the
 * `i` flag: case-insensitive Unicode matching is about ten times slower in V8. Each signal is one
 * alternation, tested at most once per message.
 */
export function compileUrgency(patterns: UrgentPatterns): (text: string) => UrgencyReason | null {
  const signalNames = Object.keys(patterns.signals);
  const signals = signalNames.map((name) =>
    compileExpression(LOCALES.flatMap((locale) => patterns.signals[name][locale]).map((source) => `(?:${source})`).join('|')),
  );
  const rules = patterns.rules.map(({ kind, topic, all, unless }) => ({
    reason: topic ? { kind, topic } : { kind },
    all: all.map((name) => signalNames.indexOf(name)),
    unless: unless.map((name) => signalNames.indexOf(name)),
  }));
  const phrases = LOCALES.flatMap((locale) => patterns[locale].map(compileExpression));
  // 0: not tested yet in this message, 1: absent, 2: present.
  const state = new Uint8Array(signals.length);
  return (text) => {
    const normalized = normalizeForUrgency(text);
    state.fill(0);
    const has = (signal: number) => {
      if (state[signal] === 0) state[signal] = signals[signal].test(normalized) ? 2 : 1;
      return state[signal] === 2;
    };
    for (const rule of rules) {
      if (rule.all.every(has) && !rule.unless.some(has)) return rule.reason;
    }
    for (const phrase of phrases) if (phrase.test(normalized)) return URGENT_PHRASE;
    return null;
  };
}
