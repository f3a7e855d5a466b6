import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

export interface ScriptRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `scripts/<script>` as `npx ts-node --transpile-only` would, from the repository root, with what
 * `input` holds on its standard input. refuseMeasureOnlySets.js is preloaded: a script that opens a set
 * only the lead measures fails before it reads a byte of it, so no test can measure one by mistake. `env`, when given, is the
 * script's whole environment (an administrator's script reads the bot's store from it).
 */
export function runScript(script: string, args: readonly string[], input = '', env?: NodeJS.ProcessEnv): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', './test/support/refuseMeasureOnlySets.js', path.join('scripts', script), ...args],
      { cwd: root, stdio: ['pipe', 'pipe', 'pipe'], ...(env ? { env } : {}) },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}
