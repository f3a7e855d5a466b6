import fs from 'node:fs';
import path from 'node:path';
import { Template } from 'adaptivecards-templating';
import { deepFreeze } from '../shared/deepFreeze';

export const CARD_TEMPLATES = [
  'welcome',
  'question',
  'guidance',
  'emergency',
  'code-of-conduct',
  'reporting',
  'training',
  'privacy',
  'notice',
  'handoff-consent',
  'handoff-status',
  'advisor-case',
  'relay-message',
  'relay-choice',
  'dialogue-request',
  'insights-summary',
  'write-it-down',
  'written-note',
  'check-in-reminder',
  'reminder-offer',
  'cases-with-colleagues',
] as const;
export type CardTemplateName = (typeof CARD_TEMPLATES)[number];

/** A template name with the data its typed builder made for it. */
export interface CardSpec<Data extends object = object> {
  readonly template: CardTemplateName;
  readonly data: Data;
}

export type AdaptiveCardJson = Record<string, unknown> & { readonly type: 'AdaptiveCard'; readonly version: string };

/**
 * Templates whose data comes only from content, translations and the guided flow, never from
 * what a person typed, a name or a case: the same few hundred cards answer most turns, so these
 * are expanded once and reused. Cards that may hold someone's words or identity are not kept.
 */
const REUSABLE_TEMPLATES: ReadonlySet<CardTemplateName> = new Set<CardTemplateName>([
  'welcome',
  'question',
  'guidance',
  'emergency',
  'code-of-conduct',
  'reporting',
  'training',
  'privacy',
  'handoff-consent',
  'dialogue-request',
  'write-it-down',
  'check-in-reminder',
]);

/** Two locales × every flow state × every guidance fits well within this; the oldest goes first. */
const MAX_REUSED_CARDS = 1000;

/**
 * Expands card templates from `cards/` with adaptivecards-templating. Data values are
 * substituted, never evaluated, so user text containing `${...}` stays plain text.
 *
 * Each template is read at start-up but parsed when it is first expanded: parsing the expressions
 * of all of them (adaptive-expressions' ANTLR parser) took about 0.2 s of every start-up, and a
 * process that never sends a template (an adviser's case card, the insights summary) never parses
 * it. Every template is expanded by the card tests, so a broken expression cannot wait for
 * production.
 */
export class CardRenderer {
  private readonly expanded = new Map<string, AdaptiveCardJson>();
  private readonly parsed = new Map<CardTemplateName, Template>();

  private constructor(
    private readonly payloads: ReadonlyMap<CardTemplateName, unknown>,
    private readonly reuseCards: boolean,
  ) {}

  /** `reuseCards: false` expands every time; the benchmark uses it to measure the templates themselves. */
  static load(cardsDir: string, options: { readonly reuseCards?: boolean } = {}): CardRenderer {
    const payloads = new Map<CardTemplateName, unknown>();
    for (const name of CARD_TEMPLATES) {
      const file = path.join(cardsDir, `${name}.json`);
      try {
        payloads.set(name, JSON.parse(fs.readFileSync(file, 'utf8')));
      } catch (error) {
        throw new Error(`Card template ${name}.json cannot be read or is not valid JSON`, { cause: error });
      }
    }
    return new CardRenderer(payloads, options.reuseCards ?? true);
  }

  /** The expanded card; frozen, and possibly shared with other turns, when its template is reusable. */
  render(spec: CardSpec): AdaptiveCardJson {
    if (!this.reuseCards || !REUSABLE_TEMPLATES.has(spec.template)) return this.expand(spec);
    const key = `${spec.template}\u0000${JSON.stringify(spec.data)}`;
    const reused = this.expanded.get(key);
    if (reused) return reused;
    const card = deepFreeze(this.expand(spec));
    if (this.expanded.size >= MAX_REUSED_CARDS) this.expanded.delete(this.expanded.keys().next().value!);
    this.expanded.set(key, card);
    return card;
  }

  private expand(spec: CardSpec): AdaptiveCardJson {
    return this.template(spec.template).expand({ $root: spec.data }) as AdaptiveCardJson;
  }

  private template(name: CardTemplateName): Template {
    let template = this.parsed.get(name);
    if (template === undefined) {
      const payload = this.payloads.get(name);
      if (payload === undefined) throw new Error(`Unknown card template ${name}`);
      template = new Template(payload);
      this.parsed.set(name, template);
    }
    return template;
  }
}
