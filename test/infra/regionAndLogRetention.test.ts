import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * README, Data protection: "Every Azure resource is created in `location`, an explicit parameter
 * of infra/main.bicep that defaults to westeurope" (the Bot Service registration and private DNS
 * zones are global by nature), and the storage table: logs kept `logRetentionInDays` (default 90),
 * table access logs `tableAccessLogRetentionInDays` (default 365). The DPIA states these figures;
 * infra.test.ts checks the security settings, not the region or the retention.
 */

const root = path.resolve(__dirname, '..', '..');
const bicep = readFileSync(path.join(root, 'infra/main.bicep'), 'utf8')
  .split('\n')
  .map((line) => line.replace(/^\s*\/\/.*$/, ''))
  .join('\n');
const parameters = JSON.parse(readFileSync(path.join(root, 'infra/main.parameters.json'), 'utf8')) as { parameters: Record<string, { value: unknown }> };

/** Each top-level resource: its symbol, type and body (up to the next top-level declaration). */
const resources = [...bicep.matchAll(/^resource\s+(\w+)\s+'([^'@]+)@[^']+'[^\n]*\n([\s\S]*?)(?=^(?:resource|module|output|param|var)\s|$(?![\s\S]))/gm)].map((match) => ({
  symbol: match[1]!,
  type: match[2]!,
  body: match[3]!,
}));

/** Resource types Azure places globally, whatever region is asked for. */
const GLOBAL_TYPES = new Set(['Microsoft.BotService/botServices', 'Microsoft.BotService/botServices/channels', 'Microsoft.Network/privateDnsZones', 'Microsoft.Network/privateDnsZones/virtualNetworkLinks']);

describe('where the data lives', () => {
  it('defaults the region to westeurope, in the template and in its parameters file', () => {
    expect(bicep).toMatch(/^param location string = 'westeurope'$/m);
    expect(parameters.parameters.location?.value).toBe('westeurope');
  });

  it('creates every regional resource in `location`, and only the global kinds in global', () => {
    expect(resources.length).toBeGreaterThan(20);
    for (const { symbol, type, body } of resources) {
      const location = /^\s{2}location:\s*(.+)$/m.exec(body)?.[1]?.trim();
      if (location === undefined) continue; // a child resource, role assignment or diagnostic setting: it lives with its parent
      expect({ symbol, location }).toEqual({ symbol, location: GLOBAL_TYPES.has(type) ? "'global'" : 'location' });
    }
  });
});

describe('how long the logs are kept', () => {
  const retentionOf = (symbol: string) => /retentionInDays:\s*(\w+)/.exec(resources.find((resource) => resource.symbol === symbol)!.body)?.[1];

  it('keeps the logs 90 days and the table access logs 365 by default, each in its own workspace', () => {
    expect(bicep).toMatch(/^param logRetentionInDays int = 90$/m);
    expect(bicep).toMatch(/^param tableAccessLogRetentionInDays int = 365$/m);
    expect(retentionOf('logAnalytics')).toBe('logRetentionInDays');
    expect(retentionOf('tableAccessLogs')).toBe('tableAccessLogRetentionInDays');
  });
});
