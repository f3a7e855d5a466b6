import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';

/**
 * Microsoft's own Teams manifest and localization JSON schemas, as bundled by the
 * @microsoft/app-manifest package (the Agents Toolkit's manifest library, MIT), so the package
 * is validated offline against exactly the schema named in the manifest's $schema.
 */

export interface TeamsSchemaValidators {
  readonly manifestVersion: string;
  readonly manifestSchemaFile: string;
  readonly localizationSchemaFile: string;
  readonly validateManifest: (manifest: unknown) => string[];
  readonly validateLocalization: (localization: unknown) => string[];
}

export function teamsSchemaUrl(manifestVersion: string): string {
  return `https://developer.microsoft.com/en-us/json-schemas/teams/v${manifestVersion}/MicrosoftTeams.schema.json`;
}

export function teamsLocalizationSchemaUrl(manifestVersion: string): string {
  return `https://developer.microsoft.com/en-us/json-schemas/teams/v${manifestVersion}/MicrosoftTeams.Localization.schema.json`;
}

function bundledSchemaDirectory(manifestVersion: string): string {
  const packageRoot = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  return path.join(packageRoot, 'build', 'json-schemas', 'teams', `v${manifestVersion}`);
}

const cache = new Map<string, TeamsSchemaValidators>();

export function loadTeamsSchemas(manifestVersion: string): TeamsSchemaValidators {
  const cached = cache.get(manifestVersion);
  if (cached) return cached;
  if (!/^\d+\.\d+$/.test(manifestVersion)) throw new Error(`manifestVersion "${manifestVersion}" is not a released schema version`);
  const directory = bundledSchemaDirectory(manifestVersion);
  const manifestSchemaFile = path.join(directory, 'MicrosoftTeams.schema.json');
  const localizationSchemaFile = path.join(directory, 'MicrosoftTeams.Localization.schema.json');
  if (!existsSync(manifestSchemaFile) || !existsSync(localizationSchemaFile)) {
    throw new Error(`@microsoft/app-manifest has no Teams schema v${manifestVersion}; update the package or the manifestVersion`);
  }
  // The schemas are draft-04. strict is off because Microsoft's schemas use patterns Ajv's strict
  // mode flags; unicodeRegExp is off because a localization key pattern is only valid without the u flag.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const manifestValidator = ajv.compile(JSON.parse(readFileSync(manifestSchemaFile, 'utf8')));
  const localizationValidator = ajv.compile(JSON.parse(readFileSync(localizationSchemaFile, 'utf8')));
  const validators: TeamsSchemaValidators = {
    manifestVersion,
    manifestSchemaFile,
    localizationSchemaFile,
    validateManifest: (manifest) => runValidator(manifestValidator, manifest),
    validateLocalization: (localization) => runValidator(localizationValidator, localization),
  };
  cache.set(manifestVersion, validators);
  return validators;
}

function runValidator(validator: ValidateFunction, value: unknown): string[] {
  if (validator(value)) return [];
  return (validator.errors ?? []).map(describeSchemaError);
}

function describeSchemaError(error: ErrorObject): string {
  const where = error.instancePath || '(root)';
  const detail = error.keyword === 'additionalProperties' ? ` "${String(error.params.additionalProperty)}"` : '';
  return `${where} ${error.message ?? 'is invalid'}${detail}`;
}
