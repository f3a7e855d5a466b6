import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * `npm run playground`: the bot with its embedded defaults (SQLite, no app id) and
 * Microsoft 365 Agents Playground as its Teams channel, both on this machine. Ctrl-C stops both.
 *
 * The Playground acts as the Teams client, channel and connector: it posts activities to
 * the bot's /api/messages and takes the bot's replies on its own /_connector endpoint.
 * It runs offline; docs/PLAYGROUND.md lists exactly what it would reach for on the internet.
 */

const ROOT = path.resolve(__dirname, '..');
const HOST = '127.0.0.1';
/** The Playground's and Agents Toolkit's conventional ports. */
const BOT_PORT = 3978;
const PLAYGROUND_PORT = 56150;
const READY_TIMEOUT_MS = 60_000;
const CONNECT_TIMEOUT_MS = 2_000;
const STOP_TIMEOUT_MS = 5_000;

export interface RunningProcess {
  readonly child: ChildProcess;
  /** The last few kilobytes of output, for error messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface RunningPlayground extends RunningProcess {
  readonly url: string;
  readonly port: number;
}

export interface PlaygroundOptions {
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  readonly botEndpoint: string;
  /** Preferred port; the Playground moves to a random free port when it is taken. */
  readonly port: number;
  readonly logFile: string;
  /** The Playground reads an optional .m365agentsplayground.yml (mock users, teams) from here. */
  readonly cwd: string;
  /** Echo the Playground's own output with a prefix (the script does; the tests do not). */
  readonly echo?: boolean;
}

/**
 * Starts Agents Playground for a Teams personal chat with the bot and resolves when its web page is served, on
 * 127.0.0.1 only: its page chats with the bot as its mock user (with LOCAL_ADVISORS an adviser), so it must be as
 * closed to the network as the bot. It refuses to go on if the page answers on any other address of this machine.
 */
export async function startAgentsPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  const child = spawn(
    process.execPath,
    ['-r', path.join(__dirname, 'playgroundOnLoopback.js'), cli, '--app-endpoint', options.botEndpoint, '--channel-id', 'msteams', '--port', String(options.port), '--disable-telemetry'],
    {
      cwd: options.cwd,
      env: {
        ...process.env,
        // We print the URL ourselves; on a server there is no browser to open.
        TEAMSAPPTESTER_BROWSER: 'none',
        // --disable-telemetry leaves the Application Insights SDK's own "statsbeat" on; this turns it off.
        APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
        // Its default is ./devTools/m365agentsplayground.log, which would land in the repository.
        M365_AGENTS_PLAYGROUND_LOGFILE: options.logFile,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const running = watchProcess(child, options.echo ? 'playground' : undefined);
  try {
    // It prints "Listening on <port>", which may differ from the requested port.
    const port = await waitFor(() => {
      const match = /Listening on (\d+)/.exec(running.output());
      return match ? Number(match[1]) : undefined;
    }, child, 'the Playground to listen');
    const url = `http://${HOST}:${port}`;
    await waitFor(async () => ((await httpStatus(`${url}/`)) === 200 ? true : undefined), child, 'the Playground web page');
    const exposedOn = await networkAddressesAccepting(port);
    if (exposedOn.length > 0) {
      throw new Error(
        `The Playground accepts connections on ${exposedOn.join(', ')} (port ${port}), not only on ${HOST}: ` +
          'anyone on the network could chat with the bot as its user. Stopped.',
      );
    }
    return { ...running, url, port };
  } catch (error) {
    await running.stop();
    throw new Error(`${(error as Error).message}\n--- Playground output ---\n${running.output()}`);
  }
}

/** Starts src/main.ts as a child process with the embedded defaults and resolves when /readyz says ready. */
async function startBotProcess(options: { port: number; sqlitePath: string; echo?: boolean }): Promise<RunningProcess> {
  // Embedded defaults only: no Bot Framework app (the Playground sends no token), local SQLite,
  // no tenant allow-list (the Playground's mock tenant would be refused). So no settings from
  // the developer's shell reach the bot, except where to find programs, how much to log and
  // who plays the local advisers and programme leads.
  const passThrough = [
    'PATH', 'HOME', 'USERPROFILE', 'SystemRoot', 'TMPDIR', 'TEMP', 'TMP', 'LANG', 'TZ', 'LOG_LEVEL',
    // To try the adviser and programme-lead sides with the Playground's own user.
    'LOCAL_ADVISORS', 'LOCAL_PROGRAMME_LEADS', 'LOCAL_ADVISER_POOLS',
  ];
  const environment: NodeJS.ProcessEnv = {};
  for (const name of passThrough) if (process.env[name] !== undefined) environment[name] = process.env[name];
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join('src', 'main.ts')], {
    cwd: ROOT,
    env: {
      ...environment,
      PORT: String(options.port),
      HOST,
      SQLITE_PATH: options.sqlitePath,
      LOG_LEVEL: environment.LOG_LEVEL ?? 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const running = watchProcess(child, options.echo ? 'bot' : undefined);
  try {
    await waitFor(
      async () => ((await httpStatus(`http://${HOST}:${options.port}/readyz`)) === 200 ? true : undefined),
      child,
      'the bot to be ready',
    );
    return running;
  } catch (error) {
    await running.stop();
    throw new Error(`${(error as Error).message}\n--- bot output ---\n${running.output()}`);
  }
}

function watchProcess(child: ChildProcess, echoPrefix: string | undefined): RunningProcess {
  let output = '';
  const append = (chunk: Buffer) => {
    const text = chunk.toString();
    output = (output + text).slice(-8_000);
    if (echoPrefix) {
      for (const line of text.split('\n')) if (line.trim()) process.stdout.write(`[${echoPrefix}] ${line}\n`);
    }
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return { child, output: () => output, stop: () => stopProcess(child) };
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}

async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, child: ChildProcess, what: string): Promise<T> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`Gave up waiting for ${what}: the process exited (code ${child.exitCode}, signal ${child.signalCode})`);
    }
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Gave up waiting for ${what} after ${READY_TIMEOUT_MS / 1000} s`);
}

async function httpStatus(url: string): Promise<number | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return undefined;
  }
}

/** This machine's addresses that others on its network reach it by, on which something accepts connections to the port. */
export async function networkAddressesAccepting(port: number): Promise<string[]> {
  const addresses = Object.entries(os.networkInterfaces()).flatMap(([name, entries]) =>
    (entries ?? [])
      .filter((entry) => !entry.internal)
      // A link-local IPv6 address is reached through its interface.
      .map((entry) => (entry.family === 'IPv6' && entry.address.startsWith('fe80:') ? `${entry.address}%${name}` : entry.address)),
  );
  const accepting = await Promise.all(addresses.map(async (address) => ((await acceptsConnections(address, port)) ? address : undefined)));
  return accepting.filter((address): address is string => address !== undefined);
}

function acceptsConnections(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const settle = (accepted: boolean) => {
      socket.destroy();
      resolve(accepted);
    };
    socket.setTimeout(CONNECT_TIMEOUT_MS, () => settle(false));
    socket.once('connect', () => settle(true));
    socket.once('error', () => settle(false));
  });
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, HOST, () => probe.close(() => resolve(true)));
  });
}

async function main(): Promise<void> {
  if (!(await portIsFree(BOT_PORT))) {
    throw new Error(`Port ${BOT_PORT} is in use (is another bot or \`npm start\` running?). Stop it and try again.`);
  }
  const dataDir = path.join(ROOT, 'data');
  fs.mkdirSync(dataDir, { recursive: true });

  process.stdout.write(`Starting the bot on http://${HOST}:${BOT_PORT} (SQLite in data/playground.sqlite, no app id)...\n`);
  const bot = await startBotProcess({ port: BOT_PORT, sqlitePath: path.join(dataDir, 'playground.sqlite'), echo: true });
  let playground: RunningPlayground;
  try {
    process.stdout.write('Starting Microsoft 365 Agents Playground (channel msteams, personal chat)...\n');
    playground = await startAgentsPlayground({
      botEndpoint: `http://${HOST}:${BOT_PORT}/api/messages`,
      port: PLAYGROUND_PORT,
      logFile: path.join(dataDir, 'm365agentsplayground.log'),
      cwd: ROOT,
      echo: true,
    });
  } catch (error) {
    await bot.stop();
    throw error;
  }

  let stopping = false;
  const stopAll = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nStopping the Playground and the bot...\n');
    await Promise.all([playground.stop(), bot.stop()]);
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  for (const [name, running] of [['bot', bot], ['Playground', playground]] as const) {
    running.child.once('exit', (code, signal) => {
      if (stopping) return;
      // Ctrl-C in a terminal reaches the children too; they may exit before our own handler runs.
      const askedToStop = code === 0 || signal === 'SIGINT' || signal === 'SIGTERM';
      if (!askedToStop) process.stderr.write(`\nThe ${name} stopped unexpectedly (code ${code}, signal ${signal}).\n`);
      void stopAll(askedToStop ? 0 : 1);
    });
  }

  process.stdout.write(
    `\nReady. Open ${playground.url.replace(HOST, 'localhost')} in your browser and chat with the bot in "Personal Chat".\n` +
      `Both listen on ${HOST} only: the page is not reachable from other machines.\n` +
      'Try "hallo", "wat moet ik doen?" or describe a situation. Press Ctrl-C to stop both.\n\n',
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
