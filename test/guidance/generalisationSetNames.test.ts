import { runScript } from '../support/runScript';

/*
 * Review 29, defect: `npm run nlu:generalisation -- --with <set>` takes any file of test/fixtures, the measure-only
 * ones too: `--with heldout-questions.jsonl` trains on the held-out set and measures it left out in turn, and with
 * `--mistakes` prints its mistakes, since only names ending in `-check.jsonl` are kept back (scripts/leave-one-set-out.ts,
 * measure). The script is run with test/support/refuseMeasureOnlySets.js preloaded, so the held-out file is refused before
 * it is read: this test never reads or measures it.
 */

describe('npm run nlu:generalisation -- --with or --without a set that is not a tune set', () => {
  test.each([
    ['--with', 'heldout-questions.jsonl'],
    ['--with', 'fresh4-check.jsonl'],
    ['--with', 'dev14-check-nl.jsonl'],
    // A checking part's mistakes may be read, but no model learns from it.
    ['--with', 'dev7-check.jsonl'],
    ['--without', 'fresh3-check.jsonl'],
  ])('%s %s is refused by the script, naming the set, before it opens it', async (flag, file) => {
    const run = await runScript('leave-one-set-out.ts', ['--mistakes', flag, file]);
    expect(run.stderr).not.toContain('refused: a measure-only set was opened');
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`${file} is not a tune set`);
    expect(run.stdout).toBe('');
  }, 120_000);
});
