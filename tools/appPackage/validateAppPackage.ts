import { findCommandRoute } from '../../src/bot/routes';
import { ACTIVITY_TEMPLATE_PARAMETERS, ACTIVITY_TYPES } from '../../src/appPackage/activityTypes';
import { decodePng, readPngHeader } from './pngImage';
import { loadTeamsSchemas, teamsLocalizationSchemaUrl, teamsSchemaUrl } from './teamsManifestSchema';

/**
 * Everything the app package must satisfy before it is zipped: Microsoft's schema, the Teams
 * limits the schema does not encode (command menu sizes, icon rules), and this product's own
 * rules (every menu command is routed, every notification type is one the bot sends).
 */

export interface AppPackageContents {
  /** manifest.json with every placeholder already replaced. */
  readonly manifest: unknown;
  /** Localization files by their name in localizationInfo, placeholders replaced. */
  readonly localizations: ReadonlyMap<string, unknown>;
  readonly icons: { readonly color: Uint8Array; readonly outline: Uint8Array };
}

/** Teams shows at most 10 commands per scope, cuts titles at 32 and descriptions at 128 characters. */
export const COMMAND_LIMITS = { commandsPerList: 10, titleLength: 32, descriptionLength: 128 } as const;
export const ICON_SIZES = { color: 192, outline: 32 } as const;

interface CommandView {
  readonly title: string;
  readonly description?: string;
}

interface ManifestView {
  readonly $schema?: string;
  readonly manifestVersion: string;
  readonly localizationInfo?: { readonly additionalLanguages?: readonly { readonly languageTag: string; readonly file: string }[] };
  readonly bots?: readonly { readonly commandLists?: readonly { readonly scopes: readonly string[]; readonly commands: readonly CommandView[] }[] }[];
  readonly activities?: { readonly activityTypes?: readonly { readonly type: string; readonly templateText: string }[] };
  readonly validDomains?: readonly string[];
}

type LocalizationView = Readonly<Record<string, unknown>>;

export function validateAppPackage(contents: AppPackageContents): string[] {
  const problems = [...validateIcons(contents.icons)];

  const manifestVersion = (contents.manifest as { manifestVersion?: unknown } | null)?.manifestVersion;
  if (typeof manifestVersion !== 'string') return [...problems, 'manifest.json: manifestVersion is missing'];
  let schemas;
  try {
    schemas = loadTeamsSchemas(manifestVersion);
  } catch (error) {
    return [...problems, `manifest.json: ${(error as Error).message}`];
  }

  const schemaProblems = schemas.validateManifest(contents.manifest).map((problem) => `manifest.json: ${problem}`);
  for (const [file, localization] of contents.localizations) {
    schemaProblems.push(...schemas.validateLocalization(localization).map((problem) => `${file}: ${problem}`));
  }
  // The rules below read the shape the schema guarantees; with schema errors they would only add noise.
  if (schemaProblems.length > 0) return [...problems, ...schemaProblems];

  const manifest = contents.manifest as ManifestView;
  if (manifest.$schema !== teamsSchemaUrl(manifestVersion)) {
    problems.push(`manifest.json: $schema should be ${teamsSchemaUrl(manifestVersion)} to match manifestVersion ${manifestVersion}`);
  }
  for (const language of manifest.localizationInfo?.additionalLanguages ?? []) {
    if (!contents.localizations.has(language.file)) problems.push(`manifest.json: localization file ${language.file} (${language.languageTag}) is missing`);
  }
  for (const [file, localization] of contents.localizations as ReadonlyMap<string, LocalizationView>) {
    if (localization.$schema !== teamsLocalizationSchemaUrl(manifestVersion)) {
      problems.push(`${file}: $schema should be ${teamsLocalizationSchemaUrl(manifestVersion)} to match manifestVersion ${manifestVersion}`);
    }
  }

  problems.push(...validateCommands(manifest, contents.localizations as ReadonlyMap<string, LocalizationView>));
  problems.push(...validateActivities(manifest, contents.localizations as ReadonlyMap<string, LocalizationView>));
  for (const domain of manifest.validDomains ?? []) {
    // A scheme, path or port here is a wrongly filled BOT_DOMAIN; Teams wants a bare host name.
    if (!/^(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/.test(domain)) problems.push(`manifest.json: validDomains entry "${domain}" is not a bare host name`);
  }
  return problems;
}

function validateCommands(manifest: ManifestView, localizations: ReadonlyMap<string, LocalizationView>): string[] {
  const problems: string[] = [];
  const commandLists = manifest.bots?.[0]?.commandLists ?? [];
  const expectedKeys = new Set<string>();

  const checkCommand = (where: string, title: string, description: string | undefined) => {
    if (title.length > COMMAND_LIMITS.titleLength) problems.push(`${where}: title "${title}" is longer than ${COMMAND_LIMITS.titleLength} characters`);
    if (description !== undefined && description.length > COMMAND_LIMITS.descriptionLength) {
      problems.push(`${where}: description of "${title}" is longer than ${COMMAND_LIMITS.descriptionLength} characters`);
    }
    if (!findCommandRoute(title)) problems.push(`${where}: command "${title}" is not a command in src/bot/routes.ts, so choosing it in Teams would not work`);
  };

  commandLists.forEach((list, listIndex) => {
    if (list.commands.length > COMMAND_LIMITS.commandsPerList) {
      problems.push(`manifest.json: command list ${listIndex} (${list.scopes.join(', ')}) has ${list.commands.length} commands; Teams shows at most ${COMMAND_LIMITS.commandsPerList}`);
    }
    list.commands.forEach((command, commandIndex) => {
      checkCommand('manifest.json', command.title, command.description);
      const key = `bots[0].commandLists[${listIndex}].commands[${commandIndex}]`;
      expectedKeys.add(`${key}.title`);
      expectedKeys.add(`${key}.description`);
      for (const [file, localization] of localizations) {
        const title = localization[`${key}.title`];
        const description = localization[`${key}.description`];
        if (typeof title !== 'string') problems.push(`${file}: ${key}.title is missing`);
        else checkCommand(file, title, typeof description === 'string' ? description : undefined);
        if (command.description !== undefined && typeof description !== 'string') problems.push(`${file}: ${key}.description is missing`);
      }
    });
  });

  for (const [file, localization] of localizations) {
    for (const key of Object.keys(localization)) {
      if (key.startsWith('bots[') && !expectedKeys.has(key)) problems.push(`${file}: ${key} translates a command the manifest does not have`);
    }
  }
  return problems;
}

function validateActivities(manifest: ManifestView, localizations: ReadonlyMap<string, LocalizationView>): string[] {
  const problems: string[] = [];
  const activityTypes = manifest.activities?.activityTypes ?? [];
  const declared = activityTypes.map((activity) => activity.type);
  if (declared.join(',') !== ACTIVITY_TYPES.join(',')) {
    problems.push(`manifest.json: activities.activityTypes are [${declared.join(', ')}] but src/appPackage/activityTypes.ts sends [${ACTIVITY_TYPES.join(', ')}]`);
    return problems;
  }
  activityTypes.forEach((activity, index) => {
    const expected = ACTIVITY_TEMPLATE_PARAMETERS[activity.type as keyof typeof ACTIVITY_TEMPLATE_PARAMETERS];
    const check = (where: string, templateText: unknown) => {
      if (typeof templateText !== 'string') {
        problems.push(`${where}: templateText of ${activity.type} is missing`);
        return;
      }
      const used = [...templateText.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
      if (used.join(',') !== [...expected].sort().join(',')) {
        problems.push(`${where}: templateText of ${activity.type} uses {${used.join('}, {')}} but the sender passes {${expected.join('}, {')}}`);
      }
    };
    check('manifest.json', activity.templateText);
    for (const [file, localization] of localizations) check(file, localization[`activities.activityTypes[${index}].templateText`]);
  });
  return problems;
}

function validateIcons(icons: AppPackageContents['icons']): string[] {
  const problems: string[] = [];
  const checkSize = (name: keyof typeof ICON_SIZES, png: Uint8Array): boolean => {
    try {
      const { width, height } = readPngHeader(png);
      const size = ICON_SIZES[name];
      if (width !== size || height !== size) problems.push(`${name}.png is ${width}×${height}; Teams needs ${size}×${size}`);
      return true;
    } catch (error) {
      problems.push(`${name}.png: ${(error as Error).message}`);
      return false;
    }
  };
  checkSize('color', icons.color);
  if (checkSize('outline', icons.outline)) problems.push(...outlineIconProblems(icons.outline));
  return problems;
}

/** Teams tints the outline icon itself, so it must be white on a transparent background and nothing else. */
export function outlineIconProblems(png: Uint8Array): string[] {
  const image = decodePng(png);
  let coloured = 0;
  let transparent = 0;
  let visible = 0;
  for (let offset = 0; offset < image.pixels.length; offset += 4) {
    const [red, green, blue, alpha] = image.pixels.subarray(offset, offset + 4);
    if (alpha === 0) {
      transparent += 1;
      continue;
    }
    visible += 1;
    if (red !== 255 || green !== 255 || blue !== 255) coloured += 1;
  }
  const problems: string[] = [];
  if (coloured > 0) problems.push(`outline.png has ${coloured} pixels that are not white`);
  if (transparent === 0 || image.pixels[3] !== 0) problems.push('outline.png needs a transparent background');
  if (visible === 0) problems.push('outline.png is empty');
  return problems;
}
