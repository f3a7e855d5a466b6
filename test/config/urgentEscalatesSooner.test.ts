import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/config';
import { loadConfigAndContent } from '../../src/configAndContent';
import { ContentError } from '../../src/content/loadContent';
import { CONTENT_DIR } from '../support/sampleCards';

/**
 * Urgency means sooner. README, Settings: ESCALATE_AFTER_MINUTES (60) and ESCALATE_URGENT_AFTER_MINUTES (15); "What the
 * requester is told": an urgent request is escalated after ESCALATE_URGENT_AFTER_MINUTES instead of
 * ESCALATE_AFTER_MINUTES. Nothing checked their order: with the two swapped (an easy slip, the names differ by one word)
 * the bot started, and every urgent requester's confirmation said "if nobody has taken it within 60 minutes it also goes
 * to the backup advisers (otherwise after 15 minutes)", while the sweep escalated at 15. A pool's own limits in
 * content/adviser-pools.json were not compared either (red team, stop 31, finding 10). STYLE.md 5: a wrong setting
 * stops the process with one message that lists every problem; STYLE.md 4: content names the file and field.
 */
function problemsOf(start: () => unknown): readonly string[] {
  try {
    start();
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError) && !(error instanceof ContentError)) throw error;
    return error.problems;
  }
}

const copies: string[] = [];
/** The shipped content with the given escalation limits on the research integrity pool. */
function poolWithLimits(limits: { escalateAfterMinutes?: number; escalateUrgentAfterMinutes?: number }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escalation-order-'));
  copies.push(dir);
  fs.cpSync(CONTENT_DIR, dir, { recursive: true });
  const file = path.join(dir, 'adviser-pools.json');
  const pools = JSON.parse(fs.readFileSync(file, 'utf8'));
  const pool = pools.pools.find((candidate: { id: string }) => candidate.id === 'research-integrity');
  Object.assign(pool, limits);
  fs.writeFileSync(file, JSON.stringify(pools, null, 2));
  return dir;
}
afterAll(() => {
  for (const dir of copies) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the settings', () => {
  it('refuse an urgent escalation time longer than the normal one, naming ESCALATE_URGENT_AFTER_MINUTES, with every other problem', () => {
    const problems = problemsOf(() => loadConfig({ ESCALATE_AFTER_MINUTES: '15', ESCALATE_URGENT_AFTER_MINUTES: '60', PORT: 'eighty' }));
    expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual(['ESCALATE_URGENT_AFTER_MINUTES', 'PORT']);
    expect(problems.find((problem) => problem.startsWith('ESCALATE_URGENT'))).toContain('sooner, not later');
    // Only the normal one set, below the urgent default (15).
    expect(problemsOf(() => loadConfig({ ESCALATE_AFTER_MINUTES: '10' }))[0]).toMatch(/^ESCALATE_URGENT_AFTER_MINUTES: /);
  });

  it('(control) start with the defaults, an urgent time below the normal one, or both the same', () => {
    expect(problemsOf(() => loadConfig({}))).toEqual([]);
    expect(problemsOf(() => loadConfig({ ESCALATE_AFTER_MINUTES: '120', ESCALATE_URGENT_AFTER_MINUTES: '30' }))).toEqual([]);
    expect(problemsOf(() => loadConfig({ ESCALATE_AFTER_MINUTES: '15', ESCALATE_URGENT_AFTER_MINUTES: '15' }))).toEqual([]);
  });

  it('report a number that is not one once, by the schema, without comparing it', () => {
    expect(problemsOf(() => loadConfig({ ESCALATE_AFTER_MINUTES: 'soon' })).map((problem) => problem.split(':')[0])).toEqual(['ESCALATE_AFTER_MINUTES']);
  });
});

describe('a pool\'s own limits in content/adviser-pools.json', () => {
  it('are refused with the file and field when both are its own and urgent is the later', () => {
    const problems = problemsOf(() => loadConfigAndContent({ CONTENT_DIR: poolWithLimits({ escalateAfterMinutes: 30, escalateUrgentAfterMinutes: 240 }) }));
    expect(problems).toEqual([expect.stringMatching(/^adviser-pools\.json: pools\.\d+\.escalateUrgentAfterMinutes: must not be above escalateAfterMinutes/)]);
  });

  it('are compared with the setting that fills in the other, naming the setting and the pool', () => {
    const onlyNormal = poolWithLimits({ escalateAfterMinutes: 10 });
    expect(problemsOf(() => loadConfigAndContent({ CONTENT_DIR: onlyNormal }))).toEqual([
      expect.stringMatching(/^ESCALATE_URGENT_AFTER_MINUTES: must not be above the escalateAfterMinutes of pool "research-integrity"/),
    ]);
    const onlyUrgent = poolWithLimits({ escalateUrgentAfterMinutes: 90 });
    expect(problemsOf(() => loadConfigAndContent({ CONTENT_DIR: onlyUrgent }))).toEqual([
      expect.stringMatching(/^ESCALATE_AFTER_MINUTES: must not be below the escalateUrgentAfterMinutes of pool "research-integrity"/),
    ]);
    // The same pool starts once the setting leaves room for it.
    expect(problemsOf(() => loadConfigAndContent({ CONTENT_DIR: onlyUrgent, ESCALATE_AFTER_MINUTES: '120' }))).toEqual([]);
  });

  it('(control) start with the pool\'s limits in order, and with the shipped content', () => {
    expect(problemsOf(() => loadConfigAndContent({ CONTENT_DIR: poolWithLimits({ escalateAfterMinutes: 240, escalateUrgentAfterMinutes: 60 }) }))).toEqual([]);
    expect(problemsOf(() => loadConfigAndContent({ CONTENT_DIR }))).toEqual([]);
  });
});
