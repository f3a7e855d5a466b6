import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium package; CI installs it (`apt-get install -y chromium`). */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

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

export class ChromiumMissingError extends Error {
  constructor(readonly executablePath: string) {
    super(
      `Chromium was not found at ${executablePath}. Install it with \`apt-get install -y chromium\` ` +
        '(Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary.',
    );
    this.name = 'ChromiumMissingError';
  }
}

/** CHROMIUM_PATH lets a developer on macOS or Windows point at their own Chrome. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM_PATH;
}

export async function launchHeadlessChromium(executablePath = chromiumPath()): Promise<Browser> {
  if (!fs.existsSync(executablePath)) throw new ChromiumMissingError(executablePath);
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: 30_000 });
}
