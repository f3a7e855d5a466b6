import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

// Azurite's fixed, publicly documented development account; it is not a secret.
const DEVELOPMENT_ACCOUNT_NAME = 'devstoreaccount1';
const DEVELOPMENT_ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;
const START_ATTEMPTS = 3;

export interface RunningAzurite {
  readonly connectionString: string;
  stop(): Promise<void>;
}

/**
 * Starts the Azurite table service from the project's own devDependency, so a fresh CI
 * machine needs nothing installed globally. Data lives in memory and dies with the process.
 */
export async function startAzurite(): Promise<RunningAzurite> {
  const failures: string[] = [];
  // The free port we pick can be taken by another process before Azurite binds it; retry.
  for (let attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
    const port = await findFreePort();
    const workingDirectory = await fs.mkdtemp(path.join(os.tmpdir(), 'azurite-'));
    const child = spawnTableService(port, workingDirectory);
    const output = collectOutput(child);
    try {
      await waitUntilListening(child, port);
      return {
        connectionString:
          `DefaultEndpointsProtocol=http;AccountName=${DEVELOPMENT_ACCOUNT_NAME};AccountKey=${DEVELOPMENT_ACCOUNT_KEY};` +
          `TableEndpoint=http://${HOST}:${port}/${DEVELOPMENT_ACCOUNT_NAME};`,
        stop: async () => {
          await stopProcess(child);
          await fs.rm(workingDirectory, { recursive: true, force: true });
        },
      };
    } catch (error) {
      await stopProcess(child);
      await fs.rm(workingDirectory, { recursive: true, force: true });
      failures.push(`attempt ${attempt} on port ${port}: ${(error as Error).message}\n${output()}`);
    }
  }
  throw new Error(`Azurite table service did not start:\n${failures.join('\n')}`);
}

function spawnTableService(port: number, workingDirectory: string): ChildProcess {
  const tableServiceEntry = require.resolve('azurite/dist/src/table/main.js');
  return spawn(
    process.execPath,
    [
      tableServiceEntry,
      '--tableHost',
      HOST,
      '--tablePort',
      String(port),
      '--inMemoryPersistence',
      '--disableTelemetry',
      '--skipApiVersionCheck',
      '--loose',
      '--silent',
    ],
    // Azurite writes its telemetry/debug files into the working directory; keep them out of the repo.
    { cwd: workingDirectory, stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

function collectOutput(child: ChildProcess): () => string {
  let output = '';
  const append = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-4_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return () => output;
}

async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('could not read the port the probe server was given'));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}

async function waitUntilListening(child: ChildProcess, port: number): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`Azurite exited early (code ${child.exitCode}, signal ${child.signalCode})`);
    }
    if (await acceptsConnections(port)) return;
    await delay(100);
  }
  throw new Error(`Azurite did not accept connections within ${READY_TIMEOUT_MS} ms`);
}

async function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: HOST, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Azurite only closes gracefully on SIGINT, and an in-memory store has nothing to flush.
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}

function delay(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
