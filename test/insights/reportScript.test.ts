import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SqliteEntityStore } from '../../src/storage/sqliteEntityStore';
import { parseReportArguments } from '../../scripts/report';
import { parseCsv, storeEvents } from './publishedFigures';
import { programmeQuarterStart } from './scriptedConversations';

const ROOT = path.resolve(__dirname, '..', '..');

describe('npm run report: arguments', () => {
  it('reads the period, output folder and language', () => {
    expect(parseReportArguments(['--from', '2026-01-01', '--to=2026-03-31', '--out', 'out/q1', '--locale', 'nl'])).toEqual({
      outcome: 'ok',
      args: { from: '2026-01-01', to: '2026-03-31', outDirectory: 'out/q1', locale: 'nl' },
    });
    expect(parseReportArguments(['--from', '2026-01-01', '--to', '2026-03-31'])).toMatchObject({ args: { outDirectory: 'reports', locale: undefined } });
  });

  it('lists every problem with the arguments at once', () => {
    expect(parseReportArguments(['--from', '2026-13-01', '--locale', 'de', '--verbose'])).toEqual({
      outcome: 'invalid',
      problems: ["unknown argument '--verbose'", "--from '2026-13-01' is not a date in the form YYYY-MM-DD", '--to is required', "--locale must be nl or en, not 'de'"],
    });
    expect(parseReportArguments(['--from', '2026-03-31', '--to', '2026-01-01'])).toEqual({
      outcome: 'invalid',
      problems: ['--from 2026-03-31 comes after --to 2026-01-01'],
    });
  });
});

describe('npm run report: the command', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await fs.mkdtemp(path.join(os.tmpdir(), 'insights-script-'));
  });

  afterEach(async () => {
    await fs.rm(directory, { recursive: true, force: true });
  });

  function runReport(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [require.resolve('ts-node/dist/bin.js'), '--transpile-only', path.join(ROOT, 'scripts', 'report.ts'), ...args], {
        cwd: directory,
        env: { PATH: process.env.PATH, CONTENT_DIR: path.join(ROOT, 'content'), STORAGE: 'sqlite', SQLITE_PATH: path.join(directory, 'bot.sqlite'), TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json') },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('error', reject);
      child.once('exit', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('stops with exit code 2 and a clear message on a bad date', async () => {
    const result = await runReport(['--from', '2026-02-30', '--to', '2026-03-31']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--from '2026-02-30' is not a date in the form YYYY-MM-DD");
    expect(result.stderr).toContain('Usage: npm run report');
  });

  it('writes the HTML page and the CSV and prints their paths', async () => {
    const store = new SqliteEntityStore(path.join(directory, 'bot.sqlite'));
    await storeEvents(store, programmeQuarterStart());
    await store.close();

    const result = await runReport(['--from', '2026-01-05', '--to', '2026-01-25', '--out', 'reports', '--locale', 'nl']);

    expect(result).toMatchObject({ code: 0, stderr: '' });
    const htmlPath = path.join(directory, 'reports', 'insights-2026-01-05-2026-01-25.html');
    const csvPath = path.join(directory, 'reports', 'insights-2026-01-05-2026-01-25.csv');
    expect(result.stdout.trim().split('\n').slice(-2)).toEqual([htmlPath, csvPath]);
    expect(await fs.readFile(htmlPath, 'utf8')).toContain('<html lang="nl">');
    const { rows } = parseCsv(await fs.readFile(csvPath, 'utf8'));
    expect(rows.find((row) => row.week === 'total' && row.metric === 'topic:bullying')?.value).toBe('10');
  });
});
