import fs from 'node:fs';
import path from 'node:path';

/**
 * Every string key is used: a key nobody reads is text the programme team keeps reviewing and
 * translating for nothing. A key counts as used when the code names it whole (in quotes or
 * backticks), or when it starts with the fixed part of a key the code builds, such as
 * t(`handoff.status.${status}`).
 */
const ROOT = path.resolve(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

const code = sourceFiles(path.join(ROOT, 'src'))
  .map((file) => fs.readFileSync(file, 'utf8'))
  .join('\n');
const namedWhole = new Set([...code.matchAll(/['"`]([a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9-]+)+)['"`]/g)].map((match) => match[1]));
const builtFrom = [...new Set([...code.matchAll(/`([a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)*\.)\$\{/g)].map((match) => match[1]))];

const keysOf = (locale: string) => Object.keys(JSON.parse(fs.readFileSync(path.join(ROOT, 'content', 'strings', `${locale}.json`), 'utf8')) as object);

it.each(['en', 'nl'])('uses every key of content/strings/%s.json, whole or through a built key', (locale) => {
  const unused = keysOf(locale).filter((key) => !namedWhole.has(key) && !builtFrom.some((prefix) => key.startsWith(prefix)));
  expect(unused).toEqual([]);
});

it('finds the keys the code builds, so the check above is not passed by accident', () => {
  expect(builtFrom).toEqual(expect.arrayContaining(['handoff.status.', 'advisor.outcome.', 'perspective.']));
  expect(namedWhole.has('notice.personalChatOnly.text')).toBe(true);
});
