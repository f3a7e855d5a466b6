import fs from 'node:fs';
import path from 'node:path';

/** The parts of V8's .cpuprofile format (what `node --cpu-prof` writes) that the summary reads. */
interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
    readonly children?: readonly number[];
  }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface SummaryOptions {
  /** The directory the profiled code was loaded from, cut from locations. */
  readonly buildDir: string;
  /** Samples in the first part of the profile (start-up, warm-up) are left out. */
  readonly skipFirstMs?: number;
  readonly top?: number;
}

export interface SelfTimeEntry {
  readonly function: string;
  /** src/… for the bot's own code, the package name for dependencies, node:… for Node itself. */
  readonly location: string;
  readonly selfMs: number;
  readonly selfPercent: number;
}

export interface ProfileSummary {
  readonly totalMs: number;
  readonly idlePercent: number;
  readonly topFunctions: readonly SelfTimeEntry[];
  /** Self time summed per package or source file: where the time goes at a glance. */
  readonly topLocations: readonly { readonly location: string; readonly selfMs: number; readonly selfPercent: number }[];
}

/**
 * Self time per function from a V8 CPU profile: each sample's time goes to the function on
 * top of the stack. Paths are shortened to the package or src/ file, so nothing about the
 * machine or the build directory ends up in the report.
 */
export function summariseProfile(file: string, options: SummaryOptions): ProfileSummary {
  const { buildDir, top = 15 } = options;
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const selfByNode = new Map<number, number>();
  const skipUs = (options.skipFirstMs ?? 0) * 1000;
  let elapsedUs = 0;
  let totalUs = 0;
  profile.samples.forEach((nodeId, index) => {
    const delta = Math.max(0, profile.timeDeltas[index] ?? 0);
    elapsedUs += delta;
    if (elapsedUs < skipUs) return;
    totalUs += delta;
    selfByNode.set(nodeId, (selfByNode.get(nodeId) ?? 0) + delta);
  });
  const byFunction = new Map<string, { function: string; location: string; us: number }>();
  const byLocation = new Map<string, number>();
  let idleUs = 0;
  for (const node of profile.nodes) {
    const us = selfByNode.get(node.id) ?? 0;
    if (us === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') idleUs += us;
    const location = shortLocation(url, buildDir);
    const name = functionName || '(anonymous)';
    const key = `${name}\u0000${location}\u0000${lineNumber}`;
    const entry = byFunction.get(key) ?? { function: name, location: url ? `${fileLocation(url, buildDir)}:${lineNumber + 1}` : location, us: 0 };
    entry.us += us;
    byFunction.set(key, entry);
    byLocation.set(location, (byLocation.get(location) ?? 0) + us);
  }
  const busyUs = Math.max(1, totalUs - idleUs);
  const percentOfBusy = (us: number) => Math.round((us / busyUs) * 1000) / 10;
  return {
    totalMs: Math.round(totalUs / 1000),
    idlePercent: Math.round((idleUs / Math.max(1, totalUs)) * 1000) / 10,
    topFunctions: [...byFunction.values()]
      .filter((entry) => entry.function !== '(idle)')
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((entry) => ({ function: entry.function, location: entry.location, selfMs: Math.round(entry.us / 1000), selfPercent: percentOfBusy(entry.us) })),
    topLocations: [...byLocation.entries()]
      .filter(([location]) => location !== '(idle)')
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([location, us]) => ({ location, selfMs: Math.round(us / 1000), selfPercent: percentOfBusy(us) })),
  };
}

/** The file, shortened: a package's file relative to node_modules, a source file relative to the build. */
function fileLocation(url: string, buildDir: string): string {
  const filePath = url.startsWith('file://') ? decodeURIComponent(new URL(url).pathname) : url;
  const modules = filePath.lastIndexOf('node_modules/');
  if (modules >= 0) return filePath.slice(modules + 'node_modules/'.length);
  return shortLocation(url, buildDir);
}

function shortLocation(url: string, buildDir: string): string {
  if (!url) return '(native)';
  if (url.startsWith('node:')) return url;
  const filePath = url.startsWith('file://') ? decodeURIComponent(new URL(url).pathname) : url;
  const modules = filePath.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const parts = filePath.slice(modules + 'node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  if (filePath.startsWith(buildDir)) return path.relative(buildDir, filePath).replace(/\.js$/, '.ts');
  return path.basename(filePath);
}

export function newestProfile(directory: string): string | undefined {
  if (!fs.existsSync(directory)) return undefined;
  return fs
    .readdirSync(directory)
    .filter((name) => name.endsWith('.cpuprofile'))
    .map((name) => path.join(directory, name))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
}
