import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/config';

/**
 * Secrets come only from the environment (in Azure: app settings and Key Vault references, see
 * infra/main.bicep); the repository holds none, and start-up errors never echo one.
 */
const ROOT = path.resolve(__dirname, '..', '..');

/** Well-known public values that look like secrets: Azurite's published development key, all-zero ids. */
const PUBLIC_LOOKALIKES = [
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
  'InstrumentationKey=00000000-0000-',
];

const SECRET_SHAPES: readonly [string, RegExp][] = [
  ['a private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ['a storage account key', /AccountKey=[A-Za-z0-9+/=]{40,}/],
  ['an Entra client secret', /[A-Za-z0-9_~.-]{3}8Q~[A-Za-z0-9_~.-]{31,34}/],
  ['a JSON Web Token', /eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/],
  ['an Application Insights key', /InstrumentationKey=[0-9a-f-]{36}/i],
  ['a SAS signature', /[?&]sig=[A-Za-z0-9%]{30,}/],
];

function trackedTextFiles(): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter((file) => file && file !== 'package-lock.json' && !/\.(png|ico|zip)$/i.test(file))
    .filter((file) => fs.existsSync(path.join(ROOT, file)));
}

it('keeps no secret in any file of the repository', () => {
  const files = trackedTextFiles();
  expect(files.length).toBeGreaterThan(100);
  const findings: string[] = [];
  for (const file of files) {
    let text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    for (const lookalike of PUBLIC_LOOKALIKES) text = text.split(lookalike).join('');
    for (const [kind, shape] of SECRET_SHAPES) if (shape.test(text)) findings.push(`${file}: ${kind}`);
  }
  expect(findings).toEqual([]);
});

it('would notice one: every shape matches an example of what it guards against', () => {
  // Split so that this file, which the scan above also reads, holds no secret-shaped line itself.
  const examples = [
    ['-----BEGIN RSA', 'PRIVATE KEY-----'].join(' '),
    `AccountKey=${'a'.repeat(86)}==`,
    `abc8Q~${'x'.repeat(34)}`,
    `eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJib3QifQ.${'s'.repeat(40)}`,
    ['InstrumentationKey', '4f0b2a8e-6f37-4c1e-9d55-2b7f0a9c1e3d'].join('='),
    `https://x.blob.core.windows.net/c?sv=2024&sig=${'A'.repeat(40)}`,
  ];
  SECRET_SHAPES.forEach(([, shape], index) => expect(examples[index]).toMatch(shape));
});

it('never echoes a secret setting in the start-up error', () => {
  const secret = `abc8Q~${'q'.repeat(34)}`;
  let message = '';
  try {
    loadConfig({ MicrosoftAppId: 'b5a3c7e1-0000-4000-8000-000000000001', MicrosoftAppType: 'SingleTenant', MicrosoftAppPassword: secret, GRAPH_CLIENT_ID: 'x', GRAPH_CLIENT_SECRET: secret, PORT: 'not-a-port' });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    message = (error as Error).message;
  }
  expect(message).toMatch(/MicrosoftAppTenantId/);
  expect(message).toMatch(/PORT/);
  expect(message).not.toContain(secret);
});
