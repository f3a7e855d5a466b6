import fs from 'node:fs';
import path from 'node:path';
import { ADVISORY_FLOORS, type AdvisoryFloor } from './advisoryFloors';

/** The part of package-lock.json (lockfileVersion 2 or 3) this check reads. */
export interface LockFile {
  readonly packages: Readonly<Record<string, { version?: string; dev?: boolean; link?: boolean }>>;
}

export interface BelowFloor {
  readonly name: string;
  readonly version: string;
  /** Where it sits, e.g. `node_modules/restify/node_modules/uuid`. */
  readonly location: string;
  readonly firstPatched: readonly string[];
  readonly sources: readonly string[];
}

export interface FloorReport {
  /** Copies the deployed bot loads: these fail the check. */
  readonly production: readonly BelowFloor[];
  /** Copies only tests and tools install: listed, not failed. */
  readonly devOnly: readonly BelowFloor[];
}

export function checkAdvisoryFloors(lock: LockFile, floors: readonly AdvisoryFloor[] = ADVISORY_FLOORS): FloorReport {
  const byName = new Map(floors.map((floor) => [floor.name, floor]));
  const production: BelowFloor[] = [];
  const devOnly: BelowFloor[] = [];
  for (const [location, entry] of Object.entries(lock.packages)) {
    const name = packageNameAt(location);
    const floor = name === undefined ? undefined : byName.get(name);
    if (!floor || entry.link || !entry.version || isAtOrAboveFloor(entry.version, floor.firstPatched)) continue;
    const finding = { name: floor.name, version: entry.version, location, firstPatched: floor.firstPatched, sources: floor.sources };
    (entry.dev ? devOnly : production).push(finding);
  }
  return { production, devOnly };
}

function packageNameAt(location: string): string | undefined {
  const marker = location.lastIndexOf('node_modules/');
  return marker === -1 ? undefined : location.slice(marker + 'node_modules/'.length);
}

export function isAtOrAboveFloor(version: string, firstPatched: readonly string[]): boolean {
  const parsed = parseVersion(version);
  const sameOrOlderLine = firstPatched
    .map(parseVersion)
    .filter((patched) => compareLines(patched, parsed) <= 0)
    .sort(compareVersions)
    .at(-1);
  return sameOrOlderLine !== undefined && compareVersions(parsed, sameOrOlderLine) >= 0;
}

type Version = readonly [number, number, number, boolean];

/** Pre-releases (`1.2.3-beta.1`) count as below their release, as semver orders them. */
function parseVersion(version: string): Version {
  const match = /^(\d+)\.(\d+)\.(\d+)(-.+)?/.exec(version);
  if (!match) throw new Error(`not a semantic version: ${version}`);
  return [Number(match[1]), Number(match[2]), Number(match[3]), match[4] !== undefined];
}

function compareVersions(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || Number(b[3]) - Number(a[3]);
}

/** A release line is the major version; below 1.0 each minor is its own line. */
function compareLines(a: Version, b: Version): number {
  return a[0] - b[0] || (a[0] === 0 && b[0] === 0 ? a[1] - b[1] : 0);
}

function formatFinding(finding: BelowFloor): string {
  return `  ${finding.name}@${finding.version} at ${finding.location} (first patched: ${finding.firstPatched.join(', ')}; ${finding.sources.join(', ')})`;
}

/** `npm run check:advisories`: the same check as the test, with the dev-only findings printed. */
if (require.main === module) {
  const lockPath = path.resolve(__dirname, '..', '..', 'package-lock.json');
  const report = checkAdvisoryFloors(JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockFile);
  console.log(`production tree: ${report.production.length} below an advisory floor`);
  report.production.forEach((finding) => console.log(formatFinding(finding)));
  console.log(`dev-only (tests and tools, not deployed): ${report.devOnly.length} below an advisory floor`);
  report.devOnly.forEach((finding) => console.log(formatFinding(finding)));
  process.exitCode = report.production.length > 0 ? 1 : 0;
}
