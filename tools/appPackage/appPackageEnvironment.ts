import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Where the values for the manifest's ${{VAR}} placeholders come from: the process environment
 * and, for a named environment, the Agents Toolkit file env/.env.<name>.
 */

/** The placeholders the app package uses, in the Agents Toolkit's ${{VAR}} style. */
export const APP_PACKAGE_VARIABLES = ['TEAMS_APP_ID', 'BOT_ID', 'BOT_DOMAIN'] as const;

const ZERO_GUID = '00000000-0000-0000-0000-000000000000';

/** Only for `--env local`: a package that validates before anything is registered. Never uploaded as is. */
export const LOCAL_DEFAULTS: Readonly<Record<(typeof APP_PACKAGE_VARIABLES)[number], string>> = {
  TEAMS_APP_ID: ZERO_GUID,
  BOT_ID: ZERO_GUID,
  BOT_DOMAIN: 'localhost',
};

export interface PackageEnvironment {
  readonly envName: string;
  readonly variables: Readonly<Record<string, string>>;
  /** The env file that was read, if any (relative to the project root when possible). */
  readonly envFile?: string;
  /** Variables that fell back to LOCAL_DEFAULTS. */
  readonly defaultsUsed: readonly string[];
}

export interface ResolvePackageEnvironmentOptions {
  /** The --env name; without it only the process environment is used. */
  readonly envName?: string;
  /** The Agents Toolkit environment folder, normally <project>/env. */
  readonly envDir: string;
  readonly processEnv: NodeJS.ProcessEnv;
}

export function resolvePackageEnvironment(options: ResolvePackageEnvironmentOptions): PackageEnvironment {
  const envName = options.envName ?? nonBlank(options.processEnv.TEAMSFX_ENV) ?? 'default';
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(envName)) throw new Error(`environment name "${envName}" may only hold letters, digits, - and _`);

  const fromFile: Record<string, string> = {};
  let envFile: string | undefined;
  if (options.envName) {
    const file = path.join(options.envDir, `.env.${options.envName}`);
    if (existsSync(file)) {
      envFile = path.relative(process.cwd(), file) || file;
      for (const [name, value] of Object.entries(parseEnvFile(readFileSync(file, 'utf8')))) {
        if (nonBlank(value)) fromFile[name] = value.trim();
      }
    }
  }

  // Like dotenv: a variable already set in the process environment wins over the file.
  const fromProcess: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.processEnv)) {
    const trimmed = nonBlank(value);
    if (trimmed) fromProcess[name] = trimmed;
  }

  const defaultsUsed: string[] = [];
  const defaults: Record<string, string> = {};
  if (options.envName === 'local') {
    for (const [name, value] of Object.entries(LOCAL_DEFAULTS)) {
      if (!fromFile[name] && !fromProcess[name]) {
        defaults[name] = value;
        defaultsUsed.push(name);
      }
    }
  }

  return { envName, variables: { ...defaults, ...fromFile, ...fromProcess }, envFile, defaultsUsed };
}

/** Reads KEY=VALUE lines as the Agents Toolkit writes them: comments, blank lines, optional quotes. */
export function parseEnvFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    const [, name, rest] = match;
    const quoted = /^(["'])(.*)\1\s*(?:#.*)?$/.exec(rest);
    values[name] = quoted ? quoted[2] : rest.replace(/\s+#.*$/, '').trim();
  }
  return values;
}

function nonBlank(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value.trim() : undefined;
}
