import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

export interface BotProcess {
  readonly child: ChildProcess;
  readonly port: number;
  readonly messagesUrl: string;
  readonly output: string[];
  /** Resolves with the exit code once the process has ended. */
  readonly exited: Promise<number | null>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Starts the bot as its own OS process (as `npm start` does), and waits for its "ready" log line. */
export async function startBotProcess(environment: Record<string, string>, port?: number): Promise<BotProcess> {
  const listenPort = port ?? (await freePort());
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(ROOT, 'src', 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(listenPort), HOST: '127.0.0.1', LOG_LEVEL: 'info', ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    // Generous: ts-node compiles the bot in the child, which is slow on a busy 2-core machine.
    const timer = setTimeout(() => reject(new Error(`bot did not start:\n${output.join('')}`)), 150_000);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (chunk.toString().includes('"event":"ready"')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`bot exited with ${code} before it was ready:\n${output.join('')}`));
    });
  });
  return { child, port: listenPort, messagesUrl: `http://127.0.0.1:${listenPort}/api/messages`, output, exited };
}

export async function killBot(bot: BotProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<number | null> {
  bot.child.kill(signal);
  return bot.exited;
}
