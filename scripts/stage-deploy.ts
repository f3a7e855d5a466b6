/**
 * `npm run stage`: the folder App Service gets, `.deploy/`, with only what the bot runs: the
 * compiled `dist/src`, `content`, `cards`, `package.json` and the production `node_modules`
 * (every package-lock.json entry that is not a devDependency, copied from the installed tree, so
 * nothing is downloaded or rebuilt). Run after `npm ci` and `npm run build`; m365agents.yml
 * deploys this folder (artifactFolder), and docs/DEPLOY.md zips it for the Azure CLI route.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface StageOptions {
  readonly projectRoot: string;
  /** The compiled output holding src/ (normally <projectRoot>/dist). */
  readonly distDir: string;
  /** Replaced as a whole. */
  readonly outDir: string;
}

export interface StagedDeployment {
  readonly outDir: string;
  readonly files: number;
  readonly bytes: number;
  readonly productionPackages: number;
}

interface LockEntry {
  readonly version?: string;
  readonly dev?: boolean;
  readonly optional?: boolean;
  readonly link?: boolean;
}

/** Type declarations, TypeScript sources and source maps: nearly half the bytes, never loaded by Node. */
const NOT_LOADED_AT_RUN_TIME = /\.(d\.[cm]?ts|[cm]?ts|map)$/;

export function stageDeployment(options: StageOptions): StagedDeployment {
  const { projectRoot, outDir } = options;
  const compiledMain = path.join(options.distDir, 'src', 'main.js');
  if (!fs.existsSync(compiledMain)) throw new Error(`${path.relative(projectRoot, compiledMain)} is missing: run \`npm run build\` first`);

  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  fs.cpSync(path.join(options.distDir, 'src'), path.join(outDir, 'dist', 'src'), { recursive: true, filter: (source) => !source.endsWith('.map') });
  for (const folder of ['content', 'cards']) fs.cpSync(path.join(projectRoot, folder), path.join(outDir, folder), { recursive: true });
  fs.copyFileSync(path.join(projectRoot, 'package.json'), path.join(outDir, 'package.json'));

  const lock = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  let productionPackages = 0;
  for (const [location, entry] of Object.entries(lock.packages)) {
    if (!location.startsWith('node_modules/') || entry.dev || entry.link) continue;
    const installed = path.join(projectRoot, location);
    if (!fs.existsSync(installed)) {
      // Optional packages for other platforms (sharp's and resvg's prebuilt binaries) are absent.
      if (entry.optional) continue;
      throw new Error(`${location} is in package-lock.json but not installed: run \`npm ci\` first`);
    }
    // Each nested node_modules entry is its own lock entry, copied (or left out) on its own.
    fs.cpSync(installed, path.join(outDir, location), {
      recursive: true,
      filter: (source) => path.relative(installed, source).split(path.sep)[0] !== 'node_modules' && !NOT_LOADED_AT_RUN_TIME.test(source),
    });
    productionPackages += 1;
  }
  return { outDir, ...measure(outDir), productionPackages };
}

function measure(folder: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of fs.readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files += 1;
    bytes += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return { files, bytes };
}

if (require.main === module) {
  const projectRoot = path.resolve(__dirname, '..');
  const staged = stageDeployment({ projectRoot, distDir: path.join(projectRoot, 'dist'), outDir: path.join(projectRoot, '.deploy') });
  process.stdout.write(
    `staged ${path.relative(process.cwd(), staged.outDir) || '.'}: ${staged.productionPackages} production packages, ` +
      `${staged.files} files, ${(staged.bytes / 1024 / 1024).toFixed(1)} MB\n`,
  );
}
