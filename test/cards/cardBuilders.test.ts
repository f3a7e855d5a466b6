import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CardRenderer, CARD_TEMPLATES, type AdaptiveCardJson } from '../../src/cards/cardRenderer';
import { CARDS_DIR } from '../../src/app';
import { buildCasesWithColleaguesCard, MAX_CASES_WITH_COLLEAGUES_ROWS } from '../../src/cards/casesWithColleaguesCard';
import { cardContextFor } from '../../src/cards/cardContext';
import { HOSTILE_TEXT, LOCALES, loadShippedContent, sampleCards } from '../support/sampleCards';

/**
 * Every card, in both locales, checked against the Adaptive Cards 1.5 element and action
 * types Teams renders, and for leftovers of templating or missing translations.
 */
const ELEMENTS_1_5 = new Set([
  'TextBlock', 'Image', 'Media', 'RichTextBlock', 'TextRun', 'Container', 'ColumnSet', 'Column', 'FactSet', 'ImageSet',
  'ActionSet', 'Table', 'Input.Text', 'Input.Number', 'Input.Date', 'Input.Time', 'Input.Toggle', 'Input.ChoiceSet',
]);
const ACTIONS_1_5 = new Set(['Action.OpenUrl', 'Action.Submit', 'Action.ShowCard', 'Action.ToggleVisibility', 'Action.Execute']);
const CONTAINER_STYLES = new Set(['default', 'emphasis', 'good', 'attention', 'warning', 'accent']);
const ACTION_STYLES = new Set(['default', 'positive', 'destructive']);

function problemsIn(card: AdaptiveCardJson): string[] {
  const problems: string[] = [];
  if (card.type !== 'AdaptiveCard' || card.version !== '1.5') problems.push('not an AdaptiveCard 1.5');
  const visit = (node: unknown, where: string) => {
    if (Array.isArray(node)) return node.forEach((child, index) => visit(child, `${where}[${index}]`));
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    const type = record.type;
    if (typeof type === 'string' && where !== '$' && !where.endsWith('.data') && !where.includes('.data.')) {
      const known = type.startsWith('Action.') ? ACTIONS_1_5.has(type) : ELEMENTS_1_5.has(type);
      if (!known) problems.push(`${where}: unknown type ${type}`);
      if (type.startsWith('Action.') && !where.endsWith('.refresh.action') && typeof record.title !== 'string') problems.push(`${where}: action without title`);
      if (type === 'Action.OpenUrl' && !/^(https:|tel:)/.test(String(record.url))) problems.push(`${where}: bad url`);
      if (type === 'Action.Execute' && typeof record.verb !== 'string') problems.push(`${where}: Execute without verb`);
      if (type.startsWith('Action.') && record.style !== undefined && !ACTION_STYLES.has(String(record.style))) problems.push(`${where}: bad action style`);
      if (type === 'Container' && record.style !== undefined && !CONTAINER_STYLES.has(String(record.style))) problems.push(`${where}: bad container style`);
      if (type.startsWith('Input.') && typeof record.id !== 'string') problems.push(`${where}: input without id`);
      // A screen reader announces an input by its label (a toggle by its title).
      if (type.startsWith('Input.') && typeof record[type === 'Input.Toggle' ? 'title' : 'label'] !== 'string') problems.push(`${where}: input without label`);
    }
    for (const [key, value] of Object.entries(record)) {
      if (key === 'data') continue;
      if (typeof value === 'string' && value.includes('${') && !value.includes(HOSTILE_TEXT)) problems.push(`${where}.${key}: unexpanded template ${value}`);
      if (typeof value === 'string' && /^(common|welcome|flow|guidance|handoff|advisor|dialogue|notice|privacy|forget|role|perspective|insights)\.[\w.-]+$/.test(value)) {
        problems.push(`${where}.${key}: untranslated key ${value}`);
      }
      visit(value, `${where}.${key}`);
    }
  };
  visit(card, '$');
  const actions = (card.actions as unknown[] | undefined) ?? [];
  if (actions.length > 6) problems.push(`${actions.length} card actions; Teams shows at most 6`);
  return problems;
}

describe('card templates and their data builders', () => {
  const content = loadShippedContent();
  const renderer = CardRenderer.load(CARDS_DIR);

  it('covers every template', () => {
    const used = new Set(LOCALES.flatMap((locale) => sampleCards(content, locale).map((card) => card.spec.template)));
    expect([...used].sort()).toEqual([...CARD_TEMPLATES].sort());
  });

  for (const locale of LOCALES) {
    it(`renders every card in ${locale} as valid Adaptive Card 1.5 with no leftovers`, () => {
      const failures: string[] = [];
      for (const { name, spec } of sampleCards(content, locale)) {
        const problems = problemsIn(renderer.render(spec));
        if (problems.length) failures.push(`${name}: ${problems.join('; ')}`);
      }
      expect(failures).toEqual([]);
    });
  }

  it('keeps user text inert: template syntax, Markdown and links arrive as plain TextRun text', () => {
    const withUserText = sampleCards(content, 'en').filter((card) => card.name.startsWith('relay') || card.name.startsWith('advisor-case') || card.name === 'written-note');
    expect(withUserText.length).toBeGreaterThanOrEqual(6);
    for (const { spec } of withUserText) {
      const json = JSON.stringify(renderer.render(spec));
      expect(json).toContain(JSON.stringify(HOSTILE_TEXT).slice(1, -1));
      const card = renderer.render(spec) as unknown as { body: unknown[] };
      const runs = JSON.stringify(card.body);
      expect(runs).toContain('"type":"TextRun"');
      // The hostile text only ever appears inside a TextRun, never in a Markdown TextBlock.
      expect(runs.match(/"type":"TextBlock","text":"[^"]*evil\.example/)).toBeNull();
    }
  });

  it('gives the welcome card the four ways in, the menu entries and an emergency line, in both languages', () => {
    for (const locale of LOCALES) {
      const welcome = sampleCards(content, locale).find((card) => card.name === 'welcome')!;
      const json = JSON.stringify(renderer.render(welcome.spec));
      for (const key of ['perspective.witness', 'perspective.target', 'perspective.accused', 'perspective.manager', 'welcome.talk', 'welcome.codeOfConduct', 'welcome.training', 'welcome.privacy']) {
        expect(json).toContain(content.strings[locale][key]);
      }
      expect(json).toContain('112');
      // Numbers carry a non-breaking hyphen, so a phone never splits them across two lines.
      expect(json).toContain('0800\u20110113');
    }
  });

  it('lists colleagues\' cases by code on one card, the oldest first, with how many more there are, and names a team dialogue as such', () => {
    const cases = Array.from({ length: MAX_CASES_WITH_COLLEAGUES_ROWS + 2 }, (_, index) => ({
      code: `VK-${String(index).padStart(4, '0')}-TEST`,
      kind: index === 1 ? ('team-dialogue' as const) : ('advice' as const),
      pool: index === 1 ? undefined : 'confidential-advisers',
      createdAt: '2026-12-01T09:15:00Z',
    }));
    const card = renderer.render(buildCasesWithColleaguesCard(cardContextFor(content, 'en'), { cases, buttons: [] })) as unknown as { body: { items?: { text: string }[] }[] };
    const rows = card.body.filter((element) => element.items);
    expect(rows).toHaveLength(MAX_CASES_WITH_COLLEAGUES_ROWS);
    expect(rows.map((row) => row.items!.map((item) => item.text))).toContainEqual(['VK-0000-TEST', 'Confidential advisers · requested 1 December 2026 · taken by a colleague']);
    expect(rows[1].items![1].text).toBe('Team dialogue request · requested 1 December 2026 · taken by a colleague');
    expect(JSON.stringify(card)).toContain('Open requests of your pools that a colleague has taken: 52');
    expect(JSON.stringify(card)).toContain('…and 2 more, requested later.');
  });
});

describe('loading the card templates', () => {
  let copy: string;
  beforeEach(() => {
    copy = fs.mkdtempSync(path.join(os.tmpdir(), 'bystander-cards-'));
    fs.cpSync(CARDS_DIR, copy, { recursive: true });
  });
  afterEach(() => fs.rmSync(copy, { recursive: true, force: true }));

  it('refuses a template that is missing or not JSON when it loads (at start-up), naming it', () => {
    fs.writeFileSync(path.join(copy, 'guidance.json'), '{"type": "AdaptiveCard", ');
    expect(() => CardRenderer.load(copy)).toThrow('Card template guidance.json cannot be read or is not valid JSON');
    fs.rmSync(path.join(copy, 'emergency.json'));
    expect(() => CardRenderer.load(copy)).toThrow(/Card template (guidance|emergency)\.json cannot be read/);
  });

  it('parses a template when it is first expanded: a broken expression fails that card, not the others', () => {
    const notice = JSON.parse(fs.readFileSync(path.join(copy, 'notice.json'), 'utf8')) as { body: unknown[] };
    notice.body.push({ type: 'TextBlock', text: '${if(}' });
    fs.writeFileSync(path.join(copy, 'notice.json'), JSON.stringify(notice));
    const renderer = CardRenderer.load(copy);
    const content = loadShippedContent();
    const [welcome, broken] = ['welcome', 'notice'].map((template) => sampleCards(content, 'en').find((card) => card.spec.template === template)!.spec);
    expect(() => renderer.render(broken)).toThrow();
    expect(renderer.render(welcome).type).toBe('AdaptiveCard');
  });
});
