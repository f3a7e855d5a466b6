import fs from 'node:fs';
import path from 'node:path';
import { ADVISORY_FLOORS } from '../../scripts/dependencies/advisoryFloors';
import { checkAdvisoryFloors, isAtOrAboveFloor, type LockFile } from '../../scripts/dependencies/checkAdvisoryFloors';

/**
 * The offline stand-in for `npm audit`: a committed table of advisory floors
 * (scripts/dependencies/advisoryFloors.ts), checked against every installed copy in the lock file.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;
const lock = readJson<LockFile>(path.join(ROOT, 'package-lock.json'));
const lockBeforeOverrides = readJson<LockFile>(path.join(__dirname, 'fixtures', 'package-lock.before-overrides.json'));

describe('advisory floors', () => {
  it('finds no copy below its floor in the production tree of package-lock.json', () => {
    expect(checkAdvisoryFloors(lock).production).toEqual([]);
  });

  it("fails on the lock file as it was before the overrides: botbuilder's, restify's and adaptive-expressions' uuid, restify's find-my-way", () => {
    const found = checkAdvisoryFloors(lockBeforeOverrides).production.map((finding) => `${finding.location}@${finding.version}`);
    expect(found.sort()).toEqual([
      'node_modules/botbuilder/node_modules/@azure/msal-node/node_modules/uuid@8.3.2',
      'node_modules/botframework-connector/node_modules/uuid@8.3.2',
      'node_modules/find-my-way@7.7.0',
      'node_modules/restify/node_modules/uuid@9.0.1',
      // hoisted: adaptive-expressions, botbuilder, botbuilder-core, botframework-schema and -streaming
      'node_modules/uuid@10.0.0',
    ]);
  });

  it('lists dev-only copies below a floor without failing on them (azurite and ms-rest-js axios 0.x)', () => {
    for (const report of [checkAdvisoryFloors(lock), checkAdvisoryFloors(lockBeforeOverrides)]) {
      expect(report.devOnly.map((finding) => finding.name)).toContain('axios');
      expect(report.devOnly.every((finding) => (lock.packages[finding.location] ?? lockBeforeOverrides.packages[finding.location])?.dev)).toBe(true);
    }
  });

  it.each([
    ['uuid', '8.3.2', false],
    ['uuid', '10.0.0', false],
    ['uuid', '11.1.0', false],
    ['uuid', '11.1.1', true],
    ['uuid', '12.0.0', false],
    ['uuid', '13.0.1', true],
    ['uuid', '14.0.0-beta.1', false],
    ['uuid', '15.2.0', true],
    ['ws', '7.5.10', false],
    ['ws', '7.5.14', true],
    ['ws', '8.21.0', false],
    ['ws', '8.23.1', true],
    ['path-to-regexp', '0.1.13', true],
    ['path-to-regexp', '7.0.0', true],
    ['path-to-regexp', '8.3.0', false],
    ['axios', '0.27.2', false],
    ['axios', '0.34.0', true],
    ['axios', '1.16.0', false],
    ['axios', '1.21.1', true],
    ['find-my-way', '7.7.0', false],
    ['find-my-way', '9.10.2', true],
  ] as const)('%s %s is %s the floor', (name, version, safe) => {
    const floor = ADVISORY_FLOORS.find((row) => row.name === name);
    expect(floor).toBeDefined();
    expect(isAtOrAboveFloor(version, floor?.firstPatched ?? [])).toBe(safe);
  });

  it('names a source (GHSA id or upstream pull request) for every floor', () => {
    for (const floor of ADVISORY_FLOORS) {
      expect({ name: floor.name, sourced: floor.sources.every((source) => /^(GHSA-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}|[\w.-]+\/[\w.-]+#\d+)/.test(source)) && floor.sources.length > 0 }).toEqual({ name: floor.name, sourced: true });
    }
  });
});

describe('overrides', () => {
  const manifest = readJson<{ overrides: Record<string, unknown> }>(path.join(ROOT, 'package.json'));
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

  it("each override in package.json has a row in the README's overrides table, with its reason and when it can go", () => {
    const section = readme.slice(readme.indexOf('### Dependencies and advisories'));
    const missing = Object.keys(manifest.overrides).filter((name) => !section.includes(`| \`${name}\``));
    expect(missing).toEqual([]);
  });
});
