import fs from 'node:fs';
import path from 'node:path';
import { STRING_KEYS } from '../../src/i18n/stringKeys';

/**
 * Every string key is used: a key nobody reads is text the programme team keeps reviewing and
 * translating for nothing. STRING_KEYS (src/i18n/stringKeys.ts) lists the keys the code reads; the
 * compiler holds every t(...) to it and loadContent refuses a language file that lacks one, so here:
 * each listed key is read somewhere, and the language files hold no key beyond the list. A key counts
 * as read when the code names it whole (in quotes or backticks), or when it starts with the fixed part
 * of a key the code builds, such as t(`handoff.status.${status}`).
 */
const ROOT = path.resolve(__dirname, '..', '..');
const STRING_KEYS_FILE = path.join(ROOT, 'src', 'i18n', 'stringKeys.ts');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    // The list names every key; it must not count as reading them.
    return full.endsWith('.ts') && full !== STRING_KEYS_FILE ? [full] : [];
  });
}

const code = sourceFiles(path.join(ROOT, 'src'))
  .map((file) => fs.readFileSync(file, 'utf8'))
  .join('\n');
const namedWhole = new Set([...code.matchAll(/['"`]([a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9-]+)+)['"`]/g)].map((match) => match[1]));
const builtFrom = [...new Set([...code.matchAll(/`([a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)*\.)\$\{/g)].map((match) => match[1]))];

const keysOf = (locale: string) => Object.keys(JSON.parse(fs.readFileSync(path.join(ROOT, 'content', 'strings', `${locale}.json`), 'utf8')) as object);

it('reads every key of STRING_KEYS, whole or through a built key', () => {
  const unread = STRING_KEYS.filter((key) => !namedWhole.has(key) && !builtFrom.some((prefix) => key.startsWith(prefix)));
  expect(unread).toEqual([]);
});

it.each(['en', 'nl'])('keeps no key in content/strings/%s.json that STRING_KEYS does not list', (locale) => {
  const listed = new Set<string>(STRING_KEYS);
  expect(keysOf(locale).filter((key) => !listed.has(key))).toEqual([]);
});

it('lists each key once, in order, so two engineers adding keys meet at most on neighbouring lines', () => {
  expect([...STRING_KEYS]).toEqual([...new Set(STRING_KEYS)].sort());
});

it('finds the keys the code builds, so the check above is not passed by accident', () => {
  expect(builtFrom).toEqual(expect.arrayContaining(['handoff.status.', 'advisor.outcome.', 'perspective.']));
  expect(namedWhole.has('notice.personalChatOnly.text')).toBe(true);
  expect(namedWhole.has('welcome.title')).toBe(true);
});
