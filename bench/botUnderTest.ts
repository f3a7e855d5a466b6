import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { freePort } from '../test/support/botProcess';
import { ROOT } from './compiledBuild';
import { sampleProcess, type ProcessSample } from './processStats';

export interface BotUnderTest {
  readonly pid: number;
  readonly baseUrl: string;
  readonly messagesUrl: string;
  /** From spawning the process to the first 200 from /readyz. */
  readonly startupMs: number;
  sample(): ProcessSample;
  /** The last lines the process wrote, for a failure message. */
  outputTail(): string;
  /** SIGTERM (a graceful stop that writes a CPU profile, if one was asked for), SIGKILL after a grace period. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** The compiled entry point (src/main.js or bench/echoBot.js). */
  readonly entry: string;
  readonly environment?: Readonly<Record<string, string>>;
  /** Extra node flags, such as --cpu-prof. */
  readonly nodeFlags?: readonly string[];
  readonly readyTimeoutMs?: number;
}

const OUTPUT_LINES_KEPT = 40;

/** Starts a bot as its own OS process on loopback and waits until /readyz answers 200. */
export async function startBotUnderTest(options: StartOptions): Promise<BotUnderTest> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), options.entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...options.environment, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  // The pipes are always read: a full pipe would stall the bot's logging and the measurement with it.
  const keep = (chunk: Buffer) => {
    tail.push(...chunk.toString().split('\n').filter(Boolean));
    if (tail.length > OUTPUT_LINES_KEPT) tail.splice(0, tail.length - OUTPUT_LINES_KEPT);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  while (!(await isReady(baseUrl))) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${options.entry} exited before it was ready:\n${tail.join('\n')}`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${options.entry} was not ready in time:\n${tail.join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const startupMs = Number(process.hrtime.bigint() - started) / 1e6;

  return {
    pid: child.pid!,
    baseUrl,
    messagesUrl: `${baseUrl}/api/messages`,
    startupMs,
    sample: () => sampleProcess(child.pid!),
    outputTail: () => tail.join('\n'),
    stop: () => stopProcess(child, exited),
  };
}

function isReady(baseUrl: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get(`${baseUrl}/readyz`, { agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('error', () => resolve(false));
    request.setTimeout(1000, () => request.destroy());
  });
}

async function stopProcess(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}
