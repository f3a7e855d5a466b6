import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { isProductionEnvironment, manifestPlaceholders } from './manifestPlaceholders';
import { validateAppPackage } from './validateAppPackage';

/**
 * Builds the Teams app package: manifest.json, its localization files and the two icons at the
 * zip root, with the Agents Toolkit's ${{VAR}} placeholders filled in, validated before it is written.
 */

export interface BuildAppPackageOptions {
  /** The folder holding manifest.json, the localization files and the icons (appPackage/). */
  readonly sourceDir: string;
  /** Where appPackage.<envName>.zip is written. */
  readonly outputDir: string;
  /** `prod` or `production` also refuses developer links on example domains (manifestPlaceholders.ts). */
  readonly envName: string;
  readonly variables: Readonly<Record<string, string | undefined>>;
}

export interface BuiltAppPackage {
  readonly zipPath: string;
  /** The zip's entries, in order. */
  readonly entries: readonly string[];
  readonly manifest: Readonly<Record<string, unknown>>;
  readonly localizations: ReadonlyMap<string, unknown>;
}

export class AppPackageError extends Error {
  constructor(
    readonly problems: readonly string[],
    readonly missingVariables: readonly string[] = [],
  ) {
    super(`The app package was not built:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'AppPackageError';
  }
}

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
// A fixed timestamp makes the same sources give a byte-identical zip.
const ZIP_ENTRY_TIME = new Date(2000, 0, 1);

export function buildAppPackage(options: BuildAppPackageOptions): BuiltAppPackage {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(options.envName)) throw new AppPackageError([`environment name "${options.envName}" may only hold letters, digits, - and _`]);

  const manifestSource = readJson(options.sourceDir, 'manifest.json');
  const localizationFiles = localizationFilesOf(manifestSource);
  const localizationSources = new Map(localizationFiles.map((file) => [file, readJson(options.sourceDir, file)] as const));

  const missing = new Set<string>();
  for (const source of [manifestSource, ...localizationSources.values()]) {
    for (const name of placeholdersIn(source)) if (!options.variables[name]?.trim()) missing.add(name);
  }
  if (missing.size > 0) {
    const names = [...missing].sort();
    throw new AppPackageError([`missing variables: ${names.join(', ')}`], names);
  }

  const manifest = fillPlaceholders(manifestSource, options.variables) as Record<string, unknown>;
  const localizations = new Map([...localizationSources].map(([file, source]) => [file, fillPlaceholders(source, options.variables)] as const));
  const iconFiles = iconFilesOf(manifest);
  const icons = { color: readBinary(options.sourceDir, iconFiles.color), outline: readBinary(options.sourceDir, iconFiles.outline) };

  const problems = [
    ...validateAppPackage({ manifest, localizations, icons }),
    ...(isProductionEnvironment(options.envName) ? manifestPlaceholders(manifest) : []),
  ];
  if (problems.length > 0) throw new AppPackageError(problems);

  const files: Record<string, Uint8Array> = { 'manifest.json': jsonBytes(manifest) };
  for (const [file, localization] of localizations) files[file] = jsonBytes(localization);
  files[iconFiles.color] = icons.color;
  files[iconFiles.outline] = icons.outline;

  mkdirSync(options.outputDir, { recursive: true });
  const zipPath = path.join(options.outputDir, `appPackage.${options.envName}.zip`);
  writeFileSync(zipPath, zipSync(files, { level: 9, mtime: ZIP_ENTRY_TIME }));
  return { zipPath, entries: Object.keys(files), manifest, localizations };
}

/** Every ${{VAR}} name used in a JSON value's strings. */
export function placeholdersIn(value: unknown): Set<string> {
  const names = new Set<string>();
  const visit = (node: unknown): void => {
    if (typeof node === 'string') for (const match of node.matchAll(PLACEHOLDER)) names.add(match[1]);
    else if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') Object.values(node).forEach(visit);
  };
  visit(value);
  return names;
}

/** Replaces placeholders inside the parsed JSON's strings, so a value can never break the JSON. */
export function fillPlaceholders(value: unknown, variables: Readonly<Record<string, string | undefined>>): unknown {
  if (typeof value === 'string') return value.replace(PLACEHOLDER, (_match, name: string) => variables[name]?.trim() ?? '');
  if (Array.isArray(value)) return value.map((item) => fillPlaceholders(item, variables));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillPlaceholders(item, variables)]));
  }
  return value;
}

function localizationFilesOf(manifest: unknown): string[] {
  const info = (manifest as { localizationInfo?: { defaultLanguageFile?: unknown; additionalLanguages?: { file?: unknown }[] } }).localizationInfo;
  const files = [info?.defaultLanguageFile, ...(info?.additionalLanguages ?? []).map((language) => language.file)];
  return files.filter((file): file is string => typeof file === 'string').map((file) => safeEntryName(file));
}

function iconFilesOf(manifest: Record<string, unknown>): { color: string; outline: string } {
  const icons = manifest.icons as { color?: unknown; outline?: unknown } | undefined;
  if (typeof icons?.color !== 'string' || typeof icons.outline !== 'string') throw new AppPackageError(['manifest.json: icons.color and icons.outline are required']);
  return { color: safeEntryName(icons.color), outline: safeEntryName(icons.outline) };
}

/** The package is flat: Teams reads every file from the zip root. */
function safeEntryName(file: string): string {
  if (file !== path.basename(file) || file.startsWith('.')) throw new AppPackageError([`manifest.json: "${file}" must be a file name at the package root`]);
  return file;
}

function readJson(directory: string, file: string): unknown {
  const location = path.join(directory, file);
  let text: string;
  try {
    text = readFileSync(location, 'utf8');
  } catch {
    throw new AppPackageError([`${file} is missing from ${directory}`]);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new AppPackageError([`${file} is not valid JSON: ${(error as Error).message}`]);
  }
}

function readBinary(directory: string, file: string): Uint8Array {
  try {
    return readFileSync(path.join(directory, file));
  } catch {
    throw new AppPackageError([`${file} is missing from ${directory}; run npm run icons`]);
  }
}

function jsonBytes(value: unknown): Uint8Array {
  return strToU8(`${JSON.stringify(value, null, 2)}\n`);
}
