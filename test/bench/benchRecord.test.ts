import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The README and docs/PERFORMANCE.md quote `bench/results/latest.json` as the latest full run. A quick run of one section
 * under load once overwrote it (p99 22 ms, both classifier goals unmet) and nothing noticed, since `npm run bench` writes
 * there unless given `--out`: the record must be a full run, of the day the README names.
 */
const root = path.resolve(__dirname, '..', '..');
const record = JSON.parse(readFileSync(path.join(root, 'bench', 'results', 'latest.json'), 'utf8')) as {
  generatedAt: string;
  command: string;
  settings: { quick?: boolean; sections: string[] };
};

it('is a full run of every section but the long message, which has its own dated figures', () => {
  expect(record.settings.quick).toBe(false);
  expect(record.command).not.toMatch(/--only|--quick/);
  expect(record.settings.sections).toEqual(expect.arrayContaining(['classifier', 'cards', 'startup', 'turns', 'scaling', 'azure', 'handoff']));
});

it('is the run of the day the README and docs/PERFORMANCE.md name', () => {
  const day = new Date(record.generatedAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  expect(readFileSync(path.join(root, 'README.md'), 'utf8')).toContain(`Latest run: ${day}`);
  expect(readFileSync(path.join(root, 'docs', 'PERFORMANCE.md'), 'utf8')).toContain(`\`npm run bench -- --cpu-prof\`, ${day}`);
});
