import { runScript } from '../support/runScript';

/*
 * Review 29, defect: `npm run evaluate -- --set <name>` with a name it does not know (a typo, or the file's own name
 * as the README's tables and the briefs write it: `dev7-check`, `dev14-check`) silently falls back to the default sets,
 * the held-out set first (scripts/evaluate-classifier.ts, main), and prints held-out figures that only the lead may
 * measure. The script is run with test/support/refuseMeasureOnlySets.js preloaded, so the held-out file is refused
 * before it is read: this test never measures it.
 */

describe('npm run evaluate -- --set with a name it does not know', () => {
  test.each([['dev7-check'], ['dev14-check'], ['dev7chek']])('--set %s is refused, naming it, and opens no measure-only set', async (name) => {
    const run = await runScript('evaluate-classifier.ts', ['--set', name]);
    expect(run.stderr).not.toContain('refused: a measure-only set was opened');
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`"${name}"`);
    // The refusal lists the names it takes, so the right one is one look away.
    expect(run.stderr).toContain('dev7check');
    expect(run.stderr).toContain('dev14checken');
    expect(run.stdout).not.toContain('Held-out');
  }, 60_000);

  test.each([
    [['--sets', 'dev7check'], '--sets'],
    [['--set'], '--set needs a name'],
    [['--mistakes'], '--mistakes needs --set'],
    // The lead mistypes the sets nobody reads with `npm run misspell` and a seed nobody tuned on; --misspell is for the others.
    [['--misspell', '7'], '--misspell needs --set'],
    [['--set', 'heldout', '--misspell', '7'], '--misspell needs --set <name> of a set anyone may read'],
    [['--set', 'dev7check', '--misspell', 'seven'], '--misspell needs a whole number'],
    [['--set', 'dev7check', '--rate', '0.3'], '--rate goes with --misspell'],
  ])('%j is refused before any set is opened, not read as the default sets', async (args, refusal) => {
    const run = await runScript('evaluate-classifier.ts', args);
    expect(run.stderr).not.toContain('refused: a measure-only set was opened');
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(refusal);
  }, 60_000);
});
