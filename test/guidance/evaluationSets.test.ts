import fs from 'node:fs';
import path from 'node:path';
import { EVALUATION_SETS, LEARNING_MODELS, mistakesMayBeRead, readQuestions, setNamed, TUNE_SETS, tuneSetFile, tuneSetsOf, type SetRole } from '../../scripts/evaluationSets';

/*
 * The one list of labelled sets and their roles (scripts/evaluationSets.ts), which the evaluation scripts, the
 * build, the bench and the classifier's tests read. These tests read no set's texts.
 */
const fixtures = path.resolve(__dirname, '..', 'fixtures');
const namesOf = (role: SetRole) => EVALUATION_SETS.filter((set) => set.role === role).map((set) => set.name);

describe('the evaluation sets (scripts/evaluationSets.ts)', () => {
  test('list every labelled file of test/fixtures once, each under one name', () => {
    const labelledFiles = fs.readdirSync(fixtures).filter((file) => file.endsWith('.jsonl') && file !== 'second-annotation.jsonl');
    expect(EVALUATION_SETS.map((set) => set.file).sort()).toEqual(labelledFiles.sort());
    expect(new Set(EVALUATION_SETS.map((set) => set.name)).size).toBe(EVALUATION_SETS.length);
  });

  test('keep the roles the sets were given', () => {
    expect(namesOf('neverRead')).toEqual(['heldout', 'fresh8', 'fresh7', 'fresh6', 'fresh5', 'fresh4', 'fresh3', 'fresh2']);
    expect(namesOf('measureOnly')).toEqual(['dev14checken', 'dev14checknl']);
    expect(namesOf('check')).toEqual(['fresh', 'dev2check', 'dev3check', 'dev4check', 'dev5check', 'dev6check', 'dev7check']);
  });

  test('only a tune set is learned from, and every model learns something', () => {
    expect(EVALUATION_SETS.filter((set) => set.learnedBy.length > 0 && set.role !== 'tune')).toEqual([]);
    for (const model of LEARNING_MODELS) expect(TUNE_SETS[model].length).toBeGreaterThan(0);
    expect(tuneSetsOf(TUNE_SETS).every((file) => tuneSetFile(file) === file)).toBe(true);
  });

  test('let nobody read the mistakes of a set that is only measured', () => {
    expect(EVALUATION_SETS.filter((set) => !mistakesMayBeRead(set)).map((set) => set.name)).toEqual([...namesOf('neverRead'), ...namesOf('measureOnly')]);
  });
});

describe('the guards', () => {
  test.each(['dev7-check', 'dev14-check', 'dev7chek', ''])('a set name it does not know ("%s") is refused with every name it takes', (name) => {
    expect(() => setNamed(name)).toThrow(`There is no set named "${name}". The sets: ${EVALUATION_SETS.map((set) => set.name).join(', ')}, or all.`);
  });

  test.each(['heldout-questions.jsonl', 'fresh2-check.jsonl', 'fresh3-check.jsonl', 'fresh4-check.jsonl', 'fresh5-check.jsonl', 'fresh6-check.jsonl', 'fresh7-check.jsonl', 'fresh8-check.jsonl', 'dev14-check-en.jsonl', 'dev7-check.jsonl', 'fresh-check.jsonl', 'dev16-tune.jsonl'])(
    'no model may learn from %s, which is not a tune set',
    (file) => {
      expect(() => tuneSetFile(file)).toThrow(`${file} is not a tune set`);
    },
  );

  test('a tune set no model learns yet may be tried', () => {
    expect(tuneSetFile('dev15-tune-en.jsonl')).toBe('dev15-tune-en.jsonl');
  });

  test('a file that is not one of the sets is not read', () => {
    expect(() => readQuestions('second-annotation.jsonl')).toThrow('second-annotation.jsonl is not one of the evaluation sets');
  });
});
