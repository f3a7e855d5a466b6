import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadConfigAndContent } from '../../src/configAndContent';
import { findPlaceholders, isPlaceholderUrl } from '../../src/content/contentPlaceholders';
import { ContentError, loadContent } from '../../src/content/loadContent';
import { productionReadyContentDir } from '../support/productionContent';
import { CONTENT_DIR } from '../support/sampleCards';

/**
 * Placeholder links and numbers are fine while developing and must never reach anyone in
 * production: with an app id the bot does not start while one is left, and says which.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const shipped = loadContent(CONTENT_DIR);
const PRODUCTION = {
  MicrosoftAppId: 'b5a3c7e1-0000-4000-8000-000000000001',
  MicrosoftAppType: 'SingleTenant',
  MicrosoftAppPassword: 'not-a-real-secret',
  MicrosoftAppTenantId: 'tenant',
  ADVISOR_GROUP_ID: '11111111-1111-4111-8111-111111111111',
  AZURE_CLIENT_ID: 'b5a3c7e1-0000-4000-8000-000000000001',
};

describe('placeholders in the content', () => {
  it('are links on a domain reserved for examples, and numbers marked "placeholder": true', () => {
    expect(isPlaceholderUrl('https://intranet.umc.example/nl/gedragscode')).toBe(true);
    expect(isPlaceholderUrl('https://example.org/x')).toBe(true);
    expect(isPlaceholderUrl('https://intranet.umc.test/x')).toBe(true);
    expect(isPlaceholderUrl('https://www.umcutrecht.nl/nl/gedragscode')).toBe(false);
    expect(isPlaceholderUrl('https://example.nl/x')).toBe(false);
    const placeholders = findPlaceholders(shipped.organisation);
    expect(placeholders).toContain('organisation.json: phoneNumbers.internalEmergency: 5555 (marked "placeholder": true)');
    expect(placeholders).toContain('organisation.json: phoneNumbers.security: 088 755 1234 (marked "placeholder": true)');
    expect(placeholders).toContain('organisation.json: links.elearning.nl: https://leren.umc.example/nl/e-learning-gewenst-gedrag (an example domain)');
    // The national numbers are real ones.
    expect(placeholders.filter((line) => /suicidePrevention|sexualViolenceCentre|phoneNumbers\.emergency:/.test(line))).toEqual([]);
  });

  it('stop the bot from starting in production, each one named, before anything else starts', () => {
    let refusal: unknown;
    try {
      loadConfigAndContent({ ...PRODUCTION, PORT: '0', LOG_LEVEL: 'silent', CONTENT_DIR, SQLITE_PATH: path.join(ROOT, 'no-such-dir', 'never-created.sqlite') });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(ContentError);
    const problems = (refusal as ContentError).problems;
    const placeholders = findPlaceholders(shipped.organisation);
    expect(placeholders.length).toBeGreaterThan(40);
    expect(problems).toEqual(placeholders.map((placeholder) => `${placeholder} is a placeholder; production needs the organisation's real value`));
    expect(fs.existsSync(path.join(ROOT, 'no-such-dir'))).toBe(false);
  });

  it('do not stop the bot without an app id (development), nor in production once every value is real', async () => {
    expect(() => loadContent(CONTENT_DIR)).not.toThrow();
    const real = productionReadyContentDir();
    try {
      expect(findPlaceholders(loadContent(real, { refusePlaceholders: true }).organisation)).toEqual([]);
    } finally {
      fs.rmSync(real, { recursive: true, force: true });
    }
  });
});

describe('npm run content:check', () => {
  const run = (...args: string[]) =>
    promisify(execFile)(process.execPath, [require.resolve('ts-node/dist/bin.js'), '--transpile-only', path.join(ROOT, 'scripts', 'content-check.ts'), ...args], { cwd: ROOT }).then(
      ({ stdout }) => ({ stdout, code: 0 }),
      (error: { stdout: string; code: number }) => ({ stdout: error.stdout, code: error.code }),
    );

  it('prints each file with its version and review date, and every placeholder, and fails until none is left', async () => {
    const { stdout, code } = await run(CONTENT_DIR);
    expect(code).toBe(1);
    expect(stdout).toMatch(/organisation\.json +1\.1\.0 +reviewed 2026-11-24/);
    for (const topic of Object.keys(shipped.guidance)) {
      expect(stdout).toMatch(new RegExp(`guidance/${topic}\\.json +${shipped.guidance[topic as keyof typeof shipped.guidance].version.replace(/\./g, '\\.')} +reviewed \\d{4}-\\d{2}-\\d{2}`));
    }
    for (const placeholder of findPlaceholders(shipped.organisation)) expect(stdout).toContain(`  - ${placeholder}\n`);
    expect(stdout).toContain('Not ready for production.');
  }, 60_000);

  it('passes on content with real values', async () => {
    const real = productionReadyContentDir();
    try {
      const { stdout, code } = await run(real);
      expect(stdout).toContain('Placeholders: none.');
      expect(stdout).toContain('Ready for production.');
      expect(code).toBe(0);
    } finally {
      fs.rmSync(real, { recursive: true, force: true });
    }
  }, 60_000);
});
