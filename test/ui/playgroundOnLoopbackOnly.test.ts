import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startAgentsPlayground, type RunningPlayground } from '../../scripts/playground';
import { startBot, type RunningBot } from '../support/botHarness';
import { freePort } from '../support/botProcess';

/**
 * PRODUCT.md, "Only Teams, only our tenant": "without a Bot Framework identity the bot listens on loopback only". The
 * Agents Playground that `npm run playground` starts beside it is the Teams client, channel and connector in one: its
 * page chats with the bot as its mock user, who with LOCAL_ADVISORS / LOCAL_PROGRAMME_LEADS (docs/PLAYGROUND.md) is an
 * adviser or programme lead. So it must be as closed to the network as the bot: every listener of its process on
 * 127.0.0.1. Red team, stop 33 #3: it listened on every interface (`*:56150`), its page served to anyone on the network.
 */
jest.setTimeout(60_000);

const LOOPBACK_PRELOAD = path.resolve(__dirname, '..', '..', 'scripts', 'playgroundOnLoopback.js');

let bot: RunningBot;
let playground: RunningPlayground;
let workDir: string;

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'playground-interfaces-'));
  bot = await startBot();
  playground = await startAgentsPlayground({ botEndpoint: bot.messagesUrl, port: await freePort(), logFile: path.join(workDir, 'playground.log'), cwd: workDir });
});
afterAll(async () => {
  await playground?.stop();
  await bot?.stop();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

/** This machine's addresses that others on its network reach it by, IPv4 and IPv6 (link-local through its interface). */
function networkAddresses(): string[] {
  return Object.entries(os.networkInterfaces()).flatMap(([name, entries]) =>
    (entries ?? [])
      .filter((entry) => !entry.internal)
      .map((entry) => (entry.family === 'IPv6' && entry.address.startsWith('fe80:') ? `${entry.address}%${name}` : entry.address)),
  );
}

describe('npm run playground, seen from the network', () => {
  it('serves the Playground (and through it the bot) on loopback, and refuses it on every other address of the machine', async () => {
    const addresses = networkAddresses();
    expect(addresses.length).toBeGreaterThan(0);
    // Served on loopback, as the script prints.
    expect(await statusOf('127.0.0.1', playground.port)).toBe(200);
    for (const address of addresses) expect({ address, status: await statusOf(address, playground.port) }).toEqual({ address, status: 'refused' });
  });

  // The port the script prints is not the only way in: a second listener (a WebSocket server, an inner port behind a
  // loopback proxy) would be one too. Read from the kernel's socket tables, so Linux only.
  (process.platform === 'linux' ? it : it.skip)('listens on 127.0.0.1 only, with every socket its process listens on', () => {
    const listening = listeningAddressesOf(playground.child.pid!);
    expect(listening).toContain(`127.0.0.1:${playground.port}`);
    expect(listening.filter((address) => !address.startsWith('127.0.0.1:'))).toEqual([]);
  });
});

describe('scripts/playgroundOnLoopback.js, preloaded into the Playground', () => {
  it('binds every way of asking for a TCP port, on any host, to 127.0.0.1, and leaves a pipe a pipe', () => {
    const pipe = process.platform === 'win32' ? '\\\\.\\pipe\\playground-loopback-test' : path.join(workDir, 'loopback-test.sock');
    // Each listen form Node accepts; the host asked for (every interface, IPv6 any, this machine's network address) is not the one given.
    const program = `
      const net = require('node:net');
      const http = require('node:http');
      const forms = [
        (s, done) => s.listen(done),
        (s, done) => s.listen(0, done),
        (s, done) => s.listen('0', done),
        (s, done) => s.listen(0, '0.0.0.0', done),
        (s, done) => s.listen(0, '::', 511, done),
        (s, done) => s.listen(0, 511, done),
        (s, done) => s.listen({ port: 0 }, done),
        (s, done) => s.listen({ port: 0, host: '::', ipv6Only: false }, done),
        (s, done) => s.listen({ port: 0, host: ${JSON.stringify(networkAddresses()[0] ?? '0.0.0.0')} }, done),
      ];
      (async () => {
        const bound = [];
        for (const [index, listen] of forms.entries()) {
          const server = index % 2 ? http.createServer() : net.createServer();
          await new Promise((resolve, reject) => { server.once('error', reject); listen(server, resolve); });
          bound.push(server.address().address);
          server.close();
        }
        const pipeServer = net.createServer();
        await new Promise((resolve) => pipeServer.listen(${JSON.stringify(pipe)}, resolve));
        bound.push(typeof pipeServer.address() === 'string' ? 'pipe' : pipeServer.address().address);
        pipeServer.close();
        process.stdout.write(JSON.stringify(bound));
      })().catch((error) => { process.stderr.write(String(error)); process.exit(1); });
    `;
    const run = spawnSync(process.execPath, ['-r', LOOPBACK_PRELOAD, '-e', program], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([...Array(9).fill('127.0.0.1'), 'pipe']);
  });
});

function statusOf(host: string, port: number): Promise<number | 'refused'> {
  return new Promise((resolve) => {
    const request = http.get({ host, port, path: '/' }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.setTimeout(5_000, () => request.destroy());
    request.once('error', () => resolve('refused'));
  });
}

/** `address:port` of every TCP socket in LISTEN state that the process holds open, from /proc. */
function listeningAddressesOf(pid: number): string[] {
  const socketInodes = new Set(
    fs
      .readdirSync(`/proc/${pid}/fd`)
      .map((fd) => {
        try {
          return /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
        } catch {
          return undefined; // closed while we read
        }
      })
      .filter((inode): inode is string => inode !== undefined),
  );
  const LISTEN = '0A';
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((table) =>
    fs
      .readFileSync(table, 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((fields) => fields[3] === LISTEN && socketInodes.has(fields[9]))
      .map((fields) => kernelAddress(fields[1])),
  );
}

/** /proc/net/tcp's `0100007F:DB46` (IPv4, or 32 hex digits for IPv6, each 32-bit word in host order) as `127.0.0.1:56134`. */
function kernelAddress(hex: string): string {
  const [address, port] = hex.split(':');
  const words = address.match(/.{8}/g)!.map((word) => Buffer.from(word, 'hex').reverse());
  const bytes = Buffer.concat(words);
  const host =
    bytes.length === 4
      ? [...bytes].join('.')
      : `[${Array.from({ length: 8 }, (_, index) => bytes.readUInt16BE(index * 2).toString(16)).join(':')}]`;
  return `${host}:${parseInt(port, 16)}`;
}
