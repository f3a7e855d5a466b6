import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stageDeployment, type StagedDeployment } from '../../scripts/stage-deploy';
import { freePort } from '../support/botProcess';

/**
 * What `atk deploy` uploads, built for real: `npm run build` (tsconfig.build.json) into a
 * temporary dist, the staged folder from it, and the bot started from that folder alone, with
 * only production dependencies. The Teams app package (`npm run package`) is built too. Both
 * sizes are printed; README and docs/DEPLOY.md quote them.
 */
jest.setTimeout(300_000);

const ROOT = path.resolve(__dirname, '..', '..');
const MB = 1024 * 1024;

let workDir: string;
let staged: StagedDeployment;

beforeAll(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-artifact-'));
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', path.join(workDir, 'dist')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (tsc.status !== 0) throw new Error(`npm run build failed:\n${tsc.stdout}${tsc.stderr}`);
  staged = stageDeployment({ projectRoot: ROOT, distDir: path.join(workDir, 'dist'), outDir: path.join(workDir, 'deploy') });
});

afterAll(() => {
  if (staged) process.stdout.write(`deploy artifact: ${staged.productionPackages} packages, ${staged.files} files, ${(staged.bytes / MB).toFixed(1)} MB\n`);
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

describe('the deploy artifact (npm run stage)', () => {
  it('holds dist/src, content, cards, package.json and node_modules, and nothing else', () => {
    expect(fs.readdirSync(staged.outDir).sort()).toEqual(['cards', 'content', 'dist', 'node_modules', 'package.json']);
    expect(fs.readdirSync(path.join(staged.outDir, 'dist'))).toEqual(['src']);
    expect(fs.existsSync(path.join(staged.outDir, 'dist', 'src', 'main.js'))).toBe(true);
  });

  it('has the production dependencies and none of the development tools', () => {
    const modules = path.join(staged.outDir, 'node_modules');
    for (const needed of ['botbuilder', 'restify', 'better-sqlite3/build/Release/better_sqlite3.node', '@azure/identity', 'spdy/index.js']) {
      expect({ needed, present: fs.existsSync(path.join(modules, needed)) }).toEqual({ needed, present: true });
    }
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    // @types/* may come with production packages (adaptive-expressions names some); they hold only declarations.
    for (const tool of [...Object.keys(manifest.devDependencies).filter((name) => !name.startsWith('@types/')), 'jest-circus', 'playwright']) {
      expect({ tool, present: fs.existsSync(path.join(modules, tool)) }).toEqual({ tool, present: false });
    }
  });

  it('is a fraction of the development tree: under 200 MB and 30,000 files, no type declarations or source maps', () => {
    expect(staged.bytes).toBeLessThan(200 * MB);
    expect(staged.files).toBeLessThan(30_000);
    const declarations = fs
      .readdirSync(path.join(staged.outDir, 'node_modules', 'botbuilder'), { recursive: true })
      .filter((file) => String(file).endsWith('.d.ts') || String(file).endsWith('.map'));
    expect(declarations).toEqual([]);
  });

  it('runs on its own: the staged bot starts with production dependencies only and answers /healthz', async () => {
    const port = await freePort();
    const dataDir = path.join(workDir, 'data');
    fs.mkdirSync(dataDir);
    // NODE_PATH and the like must not let it reach the project's full node_modules.
    const child = spawn(process.execPath, ['dist/src/main.js'], {
      cwd: staged.outDir,
      env: { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', SQLITE_PATH: path.join(dataDir, 'bot.sqlite'), LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the staged bot did not start:\n${output.join('')}`)), 120_000);
        const check = () => {
          if (output.join('').includes('"event":"ready"')) {
            clearTimeout(timer);
            resolve();
          }
        };
        child.stdout.on('data', check);
        void exited.then((code) => reject(new Error(`the staged bot exited with ${code}:\n${output.join('')}`)));
      });
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'alive' });
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
    expect(output.join('')).not.toMatch(/Warning|Error/);
  });
});

describe('the Teams app package (npm run package)', () => {
  it('builds with the local placeholder values and is a small zip', () => {
    const run = spawnSync(process.execPath, [require.resolve('ts-node/dist/bin.js'), '--transpile-only', 'scripts/package-app.ts', '--env', 'local'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    const zip = path.join(ROOT, 'appPackage', 'build', 'appPackage.local.zip');
    const bytes = fs.statSync(zip).size;
    process.stdout.write(`app package: ${(bytes / 1024).toFixed(1)} KB\n`);
    expect(bytes).toBeGreaterThan(1024);
    expect(bytes).toBeLessThan(1024 * 1024);
  });
});
