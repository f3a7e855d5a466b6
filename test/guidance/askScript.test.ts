import { parseAskArguments } from '../../scripts/ask';
import { runScript } from '../support/runScript';

const ANSWER_LINE =
  /^\{"intent": "(guidance|report|talk|code-of-conduct|training|team-dialog|help)", "topic": (null|"[a-z-]+"), "perspective": (null|"(witness|target|accused|manager)"), "urgent": (true|false), "danger": "(now|unclear|none)", "locale": "(nl|en)"\}$/;

describe('npm run ask', () => {
  test('--json prints exactly one answer object per question, in order, and nothing else', async () => {
    const questions = [
      'Er wordt nu iemand geslagen op de SEH',
      '',
      'Someone said my comment about her accent was racist, how do I fix this?',
      'gedragscode',
    ];
    const run = await runScript('ask.ts', ['--json'], `${questions.join('\n')}\n`);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toMatch(ANSWER_LINE);
    const answers = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(answers.map((answer) => Object.keys(answer))).toEqual(Array(3).fill(['intent', 'topic', 'perspective', 'urgent', 'danger', 'locale']));
    expect(answers).toEqual([
      { intent: 'guidance', topic: 'aggression', perspective: 'witness', urgent: true, danger: 'now', locale: 'nl' },
      { intent: 'guidance', topic: 'discrimination', perspective: 'accused', urgent: false, danger: 'none', locale: 'en' },
      { intent: 'code-of-conduct', topic: null, perspective: null, urgent: false, danger: 'none', locale: 'nl' },
    ]);
  }, 60_000);

  test('--locale forces the locale; without --json the answer is a readable line', async () => {
    const run = await runScript('ask.ts', ['--locale', 'en'], 'gedragscode\n');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('not urgent | intent code-of-conduct | topic none | perspective none | locale en\n');
  }, 60_000);
});

describe('npm run ask -- --explain', () => {
  test('shows under each answer which rule and cues decided the danger level, and which features the intent, topic and perspective', async () => {
    const run = await runScript('ask.ts', ['--explain'], 'Vorige week zwaaide een patiënt met een mes\nEr wordt nu iemand geslagen op de SEH\n');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(10);
    expect(lines[1]).toMatch(/^  danger none: weapon in the past; .*past: vorige/);
    expect(lines[2]).toMatch(/^  intent /);
    expect(lines[3]).toMatch(/^  topic .*h:weapon/);
    expect(lines[4]).toMatch(/^  perspective /);
    expect(lines[5]).toMatch(/^URGENT/);
    expect(lines[6]).toMatch(/^  danger now: violence, now; .*progressive: wordt/);
  }, 60_000);

  test('names the topic rule when one turned the topic the scores put first into another (lexicon.isolating)', async () => {
    const run = await runScript('ask.ts', ['--explain', '--locale', 'en'], 'A guy from the party took my friend to his room and she is crying behind the door\n');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n').filter((line) => line !== '');
    expect(lines[0]).toMatch(/topic sexual-harassment/);
    expect(lines).toContain('  topic decided by the rule of lexicon.isolating');
  }, 60_000);
});

describe('ask arguments', () => {
  test('accept --json and --locale in either form', () => {
    expect(parseAskArguments(['--json', '--locale', 'nl'])).toEqual({ outcome: 'ok', args: { json: true, locale: 'nl' } });
    expect(parseAskArguments(['--locale=en'])).toEqual({ outcome: 'ok', args: { json: false, locale: 'en' } });
    expect(parseAskArguments([])).toEqual({ outcome: 'ok', args: { json: false, locale: undefined } });
  });

  test('refuse an unknown locale or flag, naming it', () => {
    expect(parseAskArguments(['--locale', 'de'])).toEqual({ outcome: 'invalid', problems: ["--locale must be nl or en, not 'de'"] });
    expect(parseAskArguments(['--locale'])).toEqual({ outcome: 'invalid', problems: ['--locale needs a value: nl or en'] });
    expect(parseAskArguments(['--verbose'])).toEqual({ outcome: 'invalid', problems: ["unknown argument '--verbose'"] });
  });
});
