import fs from 'node:fs';
import path from 'node:path';
import { Template } from 'adaptivecards-templating';

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
  'dialogue-request',
] as const;
export type CardTemplateName = (typeof CARD_TEMPLATES)[number];

/** A template name with the data its typed builder made for it. */
export interface CardSpec<Data extends object = object> {
  readonly template: CardTemplateName;
  readonly data: Data;
}

export type AdaptiveCardJson = Record<string, unknown> & { readonly type: 'AdaptiveCard'; readonly version: string };

/**
 * Expands card templates from `cards/` with adaptivecards-templating. Data values are
 * substituted, never evaluated, so user text containing `${...}` stays plain text.
 */
export class CardRenderer {
  private constructor(private readonly templates: ReadonlyMap<CardTemplateName, Template>) {}

  static load(cardsDir: string): CardRenderer {
    const templates = new Map<CardTemplateName, Template>();
    for (const name of CARD_TEMPLATES) {
      const file = path.join(cardsDir, `${name}.json`);
      let json: unknown;
      try {
        json = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch (error) {
        throw new Error(`Card template ${name}.json cannot be read or is not valid JSON`, { cause: error });
      }
      templates.set(name, new Template(json));
    }
    return new CardRenderer(templates);
  }

  render(spec: CardSpec): AdaptiveCardJson {
    const template = this.templates.get(spec.template);
    if (!template) throw new Error(`Unknown card template ${spec.template}`);
    return template.expand({ $root: spec.data }) as AdaptiveCardJson;
  }
}
