import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { loadConfig } from '../../src/config/config';
import { loadPersonKeys } from '../../src/preferences/personKeys';

/** Person keys are keyed hashes; the embedded default keeps its secret beside the database, for this user only. */

const OBJECT_ID = '8c1f2e3d-4b5a-4968-8776-a5b4c3d2e1f0';

let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'person-keys-'));
});
afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('person keys', () => {
  it('generate the secret once into the data directory, readable by this user only, and keep keys stable across restarts', () => {
    const config = loadConfig({ SQLITE_PATH: path.join(dataDir, 'bot.sqlite') });
    const first = loadPersonKeys(config.personKeys).keyFor(OBJECT_ID);
    const file = path.join(dataDir, 'person-key.secret');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
    // A restart reads the same secret, so the same person keeps the same key.
    expect(loadPersonKeys(config.personKeys).keyFor(OBJECT_ID)).toBe(first);
    expect(fs.readdirSync(dataDir)).toEqual(['person-key.secret']);
  });

  it('tighten a secret file that others could read', () => {
    const file = path.join(dataDir, 'person-key.secret');
    fs.writeFileSync(file, `${'a'.repeat(64)}\n`, { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    loadPersonKeys(loadConfig({ SQLITE_PATH: path.join(dataDir, 'bot.sqlite') }).personKeys);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('are not the unkeyed hash that anyone with a list of object ids could compute, and differ per secret', () => {
    const secret = 'b'.repeat(64);
    const keys = loadPersonKeys({ secret, secretFile: path.join(dataDir, 'unused') });
    const key = keys.keyFor(OBJECT_ID);
    expect(key).toMatch(/^[0-9a-f]{40}$/);
    expect(key).not.toBe(createHash('sha256').update(`person:${OBJECT_ID}`).digest('hex').slice(0, 40));
    expect(loadPersonKeys({ secret: 'c'.repeat(64), secretFile: path.join(dataDir, 'unused') }).keyFor(OBJECT_ID)).not.toBe(key);
    // A configured secret writes no file.
    expect(fs.existsSync(path.join(dataDir, 'unused'))).toBe(false);
  });

  it('give advisers a key of their own, which a reader without the secret cannot tie to the person key, and an administrator with it finds from either', () => {
    const keys = loadPersonKeys({ secret: 'b'.repeat(64), secretFile: path.join(dataDir, 'unused') });
    const personKey = keys.keyFor(OBJECT_ID);
    const adviserKey = keys.adviserKeyFor(OBJECT_ID);
    expect(adviserKey).toMatch(/^[0-9a-f]{40}$/);
    expect(adviserKey).not.toBe(personKey);
    expect(keys.adviserKeyOf(personKey)).toBe(adviserKey);
    // Not a hash of the person key anyone could compute, and not one under the person-key secret itself.
    expect(adviserKey).not.toBe(createHash('sha256').update(`adviser:${personKey}`).digest('hex').slice(0, 40));
    expect(adviserKey).not.toBe(keys.keyFor(personKey));
    expect(loadPersonKeys({ secret: 'c'.repeat(64), secretFile: path.join(dataDir, 'unused') }).adviserKeyFor(OBJECT_ID)).not.toBe(adviserKey);
  });

  it('need a configured secret of at least 32 characters when instances share Azure Tables in production', () => {
    const production = {
      MicrosoftAppId: '6b0e1f8a-3c2d-4e5f-9a8b-7c6d5e4f3a2b',
      MicrosoftAppType: 'UserAssignedMSI',
      MicrosoftAppTenantId: '0d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a',
      STORAGE: 'azure-tables',
      AZURE_TABLES_ENDPOINT: 'https://stexample.table.core.windows.net/',
      AZURE_CLIENT_ID: '6b0e1f8a-3c2d-4e5f-9a8b-7c6d5e4f3a2b',
      ADVISOR_GROUP_ID: '11111111-1111-4111-8111-111111111111',
    };
    expect(() => loadConfig(production)).toThrow(/PERSON_KEY_SECRET: STORAGE=azure-tables with MicrosoftAppId needs PERSON_KEY_SECRET/);
    expect(() => loadConfig({ ...production, PERSON_KEY_SECRET: 'too-short' })).toThrow(/PERSON_KEY_SECRET: must be at least 32 characters/);
    // App Service leaves the reference text in place when the secret is missing; that text must never become the key.
    expect(() =>
      loadConfig({ ...production, PERSON_KEY_SECRET: '@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/person-key-secret/)' }),
    ).toThrow(/the Key Vault reference did not resolve/);
    expect(loadConfig({ ...production, PERSON_KEY_SECRET: 'd'.repeat(64) }).personKeys.secret).toBe('d'.repeat(64));
  });
});
