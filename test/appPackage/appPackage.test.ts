import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { unzipSync, strFromU8 } from 'fflate';
import { ACTIVITY_TEMPLATE_PARAMETERS, ACTIVITY_TYPES } from '../../src/appPackage/activityTypes';
import { LOCAL_DEFAULTS, parseEnvFile, resolvePackageEnvironment } from '../../tools/appPackage/appPackageEnvironment';
import { AppPackageError, buildAppPackage, type BuiltAppPackage } from '../../tools/appPackage/buildAppPackage';
import { decodePng, readPngHeader } from '../../tools/appPackage/pngImage';
import { validateAppPackage } from '../../tools/appPackage/validateAppPackage';
import { findCommandRoute } from '../../src/bot/routes';

const appPackageDir = path.resolve(__dirname, '..', '..', 'appPackage');
const TEST_VARIABLES = {
  TEAMS_APP_ID: '2f0d6c1e-6b1a-4c57-9a43-1d7f1c2b3a4e',
  BOT_ID: 'a3c9e2b4-5d6f-4a7b-8c9d-0e1f2a3b4c5d',
  BOT_DOMAIN: 'bystander-test.azurewebsites.net',
};

interface Command {
  title: string;
  description: string;
}
interface Manifest {
  $schema: string;
  manifestVersion: string;
  id: string;
  name: { short: string; full: string };
  localizationInfo: { defaultLanguageTag: string; additionalLanguages: { languageTag: string; file: string }[] };
  bots: { botId: string; scopes: string[]; supportsFiles: boolean; isNotificationOnly: boolean; commandLists: { scopes: string[]; commands: Command[] }[] }[];
  webApplicationInfo: { id: string; resource?: string };
  authorization?: { permissions?: { resourceSpecific?: { name: string; type: string }[] } };
  activities: { activityTypes: { type: string; description: string; templateText: string }[] };
  validDomains: string[];
}

/** Microsoft's schema for one manifest version, as bundled by @microsoft/app-manifest (draft-04). */
function officialSchema(manifestVersion: string, file: 'MicrosoftTeams.schema.json' | 'MicrosoftTeams.Localization.schema.json') {
  const packageRoot = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const schemaPath = path.join(packageRoot, 'build', 'json-schemas', 'teams', `v${manifestVersion}`, file);
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
}

describe('the Teams app package', () => {
  let outputDir: string;
  let built: BuiltAppPackage;
  let manifest: Manifest;
  let dutch: Record<string, string>;

  beforeAll(() => {
    outputDir = mkdtempSync(path.join(os.tmpdir(), 'app-package-'));
    built = buildAppPackage({ sourceDir: appPackageDir, outputDir, envName: 'test', variables: TEST_VARIABLES });
    manifest = built.manifest as unknown as Manifest;
    dutch = built.localizations.get('nl-nl.json') as Record<string, string>;
  });

  afterAll(() => rmSync(outputDir, { recursive: true, force: true }));

  test('the built manifest is valid against the official Teams manifest schema of its version', () => {
    expect(manifest.manifestVersion).toBe('1.29');
    expect(manifest.$schema).toBe('https://developer.microsoft.com/en-us/json-schemas/teams/v1.29/MicrosoftTeams.schema.json');
    const validate = officialSchema(manifest.manifestVersion, 'MicrosoftTeams.schema.json');
    expect(validate(manifest) ? [] : validate.errors).toEqual([]);
  });

  test('the Dutch localization file is valid against the official localization schema', () => {
    // The language alone, so Teams in Dutch from Belgium (nl-BE) gets the Dutch menu too.
    expect(manifest.localizationInfo).toEqual({ defaultLanguageTag: 'en-us', additionalLanguages: [{ languageTag: 'nl', file: 'nl-nl.json' }] });
    expect(dutch.$schema).toBe('https://developer.microsoft.com/en-us/json-schemas/teams/v1.29/MicrosoftTeams.Localization.schema.json');
    const validate = officialSchema(manifest.manifestVersion, 'MicrosoftTeams.Localization.schema.json');
    expect(validate(dutch) ? [] : validate.errors).toEqual([]);
    expect(manifest.name.short).toBe('Bystander support');
    expect(dutch['name.short']).toBe('Omstandershulp');
  });

  test('the placeholders are filled in everywhere', () => {
    expect(manifest.id).toBe(TEST_VARIABLES.TEAMS_APP_ID);
    expect(manifest.bots[0].botId).toBe(TEST_VARIABLES.BOT_ID);
    expect(manifest.webApplicationInfo).toEqual({ id: TEST_VARIABLES.BOT_ID });
    expect(manifest.validDomains).toContain(TEST_VARIABLES.BOT_DOMAIN);
    expect(JSON.stringify([manifest, dutch])).not.toContain('${{');
  });

  test('the bot is conversational, in personal chat and in teams, without files', () => {
    const [bot] = manifest.bots;
    expect(bot.scopes).toEqual(['personal', 'team']);
    expect(bot.supportsFiles).toBe(false);
    expect(bot.isNotificationOnly).toBe(false);
    expect(bot.commandLists.map((list) => list.scopes)).toEqual([['personal'], ['team']]);
  });

  test('every command in the menu, in English and Dutch, is a command the bot routes', () => {
    const titles = { en: [] as string[], nl: [] as string[] };
    manifest.bots[0].commandLists.forEach((list, listIndex) => {
      expect(list.commands.length).toBeLessThanOrEqual(10);
      list.commands.forEach((command, commandIndex) => {
        const key = `bots[0].commandLists[${listIndex}].commands[${commandIndex}]`;
        const dutchCommand = { title: dutch[`${key}.title`], description: dutch[`${key}.description`] };
        for (const [language, { title, description }] of [['en', command], ['nl', dutchCommand]] as const) {
          expect({ language, title, routed: findCommandRoute(title) !== undefined }).toEqual({ language, title, routed: true });
          expect(title.length).toBeLessThanOrEqual(32);
          expect(description.length).toBeLessThanOrEqual(128);
          titles[language].push(title);
        }
      });
    });
    const menu = ['help', 'wat moet ik doen', 'vertrouwenspersoon', 'gedragscode', 'melden', 'training', 'privacy', 'taal', 'teamgesprek', 'opnieuw'];
    expect([...new Set(titles.nl)]).toEqual(menu);
    // The English and Dutch titles of one menu entry lead to the same route.
    titles.en.forEach((title, index) => expect(findCommandRoute(title)).toBe(findCommandRoute(titles.nl[index])));
  });

  test('the activity-feed notifications are exactly the ones the bot sends, with the parameters it passes', () => {
    const { activityTypes } = manifest.activities;
    expect(activityTypes.map((activity) => activity.type)).toEqual([...ACTIVITY_TYPES]);
    expect(activityTypes[0].templateText).toBe('New request for a confidential adviser: {caseCode}');
    activityTypes.forEach((activity, index) => {
      const expected = [...ACTIVITY_TEMPLATE_PARAMETERS[activity.type as (typeof ACTIVITY_TYPES)[number]]].sort();
      const parameters = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
      expect(parameters(activity.templateText)).toEqual(expected);
      expect(parameters(dutch[`activities.activityTypes[${index}].templateText`])).toEqual(expected);
    });
  });

  test('asks for no resource-specific consent and no SSO resource: the bot is a managed identity (docs/DEPLOY.md, "Notifications")', () => {
    // RSC permissions bind to webApplicationInfo.id, which here is the managed identity's client id;
    // RSC needs a real app registration, and an install with RSC succeeds or fails as a whole.
    // `resource` (api://botid-…) is for SSO, which a managed identity cannot expose.
    expect(manifest.authorization?.permissions?.resourceSpecific).toBeUndefined();
    expect(manifest.webApplicationInfo.resource).toBeUndefined();
    // Activity-feed notifications need webApplicationInfo.id to be the sender's app id: the identity.
    expect(manifest.webApplicationInfo.id).toBe(manifest.bots[0].botId);
  });

  test('the icons have the sizes Teams needs, and the outline icon is white on transparent', () => {
    const color = readFileSync(path.join(appPackageDir, 'color.png'));
    const outline = readFileSync(path.join(appPackageDir, 'outline.png'));
    expect(readPngHeader(color)).toMatchObject({ width: 192, height: 192 });
    expect(readPngHeader(outline)).toMatchObject({ width: 32, height: 32 });

    const { pixels } = decodePng(outline);
    let visible = 0;
    for (let offset = 0; offset < pixels.length; offset += 4) {
      if (pixels[offset + 3] === 0) continue;
      visible += 1;
      expect([...pixels.subarray(offset, offset + 3)]).toEqual([255, 255, 255]);
    }
    expect(pixels[3]).toBe(0); // the corner is background: transparent
    expect(visible).toBeGreaterThan(100);
  });

  test('the zip holds the manifest, its translation and both icons at its root', () => {
    expect(built.zipPath).toBe(path.join(outputDir, 'appPackage.test.zip'));
    const entries = unzipSync(readFileSync(built.zipPath));
    expect(Object.keys(entries).sort()).toEqual(['color.png', 'manifest.json', 'nl-nl.json', 'outline.png']);
    expect(JSON.parse(strFromU8(entries['manifest.json']))).toEqual(manifest);
    expect(JSON.parse(strFromU8(entries['nl-nl.json']))).toEqual(dutch);
    expect(Buffer.from(entries['outline.png']).equals(readFileSync(path.join(appPackageDir, 'outline.png')))).toBe(true);
  });

  test('building twice gives the same bytes', () => {
    const first = readFileSync(built.zipPath);
    const again = buildAppPackage({ sourceDir: appPackageDir, outputDir, envName: 'test', variables: TEST_VARIABLES });
    expect(readFileSync(again.zipPath).equals(first)).toBe(true);
  });

  test('a missing variable stops the build with every missing name', () => {
    const attempt = () => buildAppPackage({ sourceDir: appPackageDir, outputDir, envName: 'broken', variables: { BOT_ID: TEST_VARIABLES.BOT_ID } });
    expect(attempt).toThrow(AppPackageError);
    try {
      attempt();
    } catch (error) {
      expect((error as AppPackageError).missingVariables).toEqual(['BOT_DOMAIN', 'TEAMS_APP_ID']);
      expect((error as Error).message).toContain('missing variables: BOT_DOMAIN, TEAMS_APP_ID');
    }
  });

  test('the validation refuses an unrouted command, a stray activity type, a URL as domain and a coloured outline icon', () => {
    const broken = structuredClone(manifest);
    broken.bots[0].commandLists[0].commands[0].title = 'dance';
    broken.activities.activityTypes.push({ type: 'caseDeleted', description: 'x', templateText: 'Request {caseCode} deleted' });
    broken.validDomains = ['https://bot.example.net/api'];
    const color = readFileSync(path.join(appPackageDir, 'color.png'));
    const problems = validateAppPackage({ manifest: broken, localizations: built.localizations, icons: { color, outline: color } });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('command "dance" is not a command in src/bot/routes.ts'),
        expect.stringContaining('activities.activityTypes are [newCase, caseEscalated, caseClaimed, dialogueRequested, caseOffered, caseUrgent, caseDeleted]'),
        expect.stringContaining('validDomains entry "https://bot.example.net/api" is not a bare host name'),
        'outline.png is 192×192; Teams needs 32×32',
        expect.stringMatching(/^outline\.png has \d+ pixels that are not white$/),
      ]),
    );
  });
});

describe('the values for the app package placeholders', () => {
  let envDir: string;
  beforeAll(() => {
    envDir = mkdtempSync(path.join(os.tmpdir(), 'app-package-env-'));
    writeFileSync(
      path.join(envDir, '.env.dev'),
      ['# comment', 'TEAMSFX_ENV=dev', `TEAMS_APP_ID=${TEST_VARIABLES.TEAMS_APP_ID}`, 'BOT_ID="from-file"', 'BOT_DOMAIN=bot.example.net # inline comment', 'EMPTY='].join('\n'),
    );
  });
  afterAll(() => rmSync(envDir, { recursive: true, force: true }));

  test('come from env/.env.<name>, with the process environment winning', () => {
    const environment = resolvePackageEnvironment({ envName: 'dev', envDir, processEnv: { BOT_ID: 'from-process', BOT_DOMAIN: '  ' } });
    expect(environment.envName).toBe('dev');
    expect(environment.variables).toMatchObject({ TEAMS_APP_ID: TEST_VARIABLES.TEAMS_APP_ID, BOT_ID: 'from-process', BOT_DOMAIN: 'bot.example.net' });
    expect(environment.variables.EMPTY).toBeUndefined();
    expect(environment.defaultsUsed).toEqual([]);
  });

  test('fall back to zero ids and localhost for --env local only', () => {
    expect(resolvePackageEnvironment({ envName: 'local', envDir, processEnv: {} }).variables).toMatchObject(LOCAL_DEFAULTS);
    expect(resolvePackageEnvironment({ envName: 'staging', envDir, processEnv: {} }).variables).toEqual({});
    expect(resolvePackageEnvironment({ envDir, processEnv: { TEAMSFX_ENV: 'ci' } }).envName).toBe('ci');
  });

  test('env files are read as the Agents Toolkit writes them', () => {
    expect(parseEnvFile("A=1\n# no\nexport B='two words'\nC = three # note\nnot a line\n")).toEqual({ A: '1', B: 'two words', C: 'three' });
  });
});

describe('the production placeholder guard for the manifest links', () => {
  let workDir: string;
  beforeEach(() => {
    workDir = mkdtempSync(path.join(os.tmpdir(), 'app-package-guard-'));
  });
  afterEach(() => rmSync(workDir, { recursive: true, force: true }));

  /** appPackage/ copied, with the developer links replaced. */
  function sourceWithDeveloper(developer: Record<string, string>): string {
    const sourceDir = path.join(workDir, 'source');
    cpSync(appPackageDir, sourceDir, { recursive: true, filter: (file) => !file.includes(`${path.sep}build`) });
    const manifest = JSON.parse(readFileSync(path.join(sourceDir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(path.join(sourceDir, 'manifest.json'), JSON.stringify({ ...manifest, developer: { ...(manifest.developer as object), ...developer } }));
    return sourceDir;
  }

  test('the repository ships example-domain links, which a dev package may keep and a prod package may not', () => {
    const build = (envName: string) => buildAppPackage({ sourceDir: appPackageDir, outputDir: path.join(workDir, 'out'), envName, variables: TEST_VARIABLES });
    expect(() => build('dev')).not.toThrow();
    let error: unknown;
    try {
      build('prod');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppPackageError);
    const problems = (error as AppPackageError).problems.filter((problem) => problem.includes('example domain'));
    expect(problems.map((problem) => problem.split(':')[1].trim())).toEqual(['developer.websiteUrl', 'developer.privacyUrl', 'developer.termsOfUseUrl']);
  });

  test("a prod package with the organisation's real pages builds", () => {
    const sourceDir = sourceWithDeveloper({
      websiteUrl: 'https://www.umcutrecht.nl/sociale-veiligheid',
      privacyUrl: 'https://www.umcutrecht.nl/sociale-veiligheid/privacy-teams-bot',
      termsOfUseUrl: 'https://www.umcutrecht.nl/sociale-veiligheid/gebruiksvoorwaarden-teams-bot',
    });
    const built = buildAppPackage({ sourceDir, outputDir: path.join(workDir, 'out'), envName: 'prod', variables: TEST_VARIABLES });
    expect(built.zipPath.endsWith('appPackage.prod.zip')).toBe(true);
  });

  test('one link left on an example domain is enough to refuse, and is the one named', () => {
    const sourceDir = sourceWithDeveloper({ websiteUrl: 'https://www.umcutrecht.nl/sociale-veiligheid', privacyUrl: 'https://www.umcutrecht.nl/privacy', termsOfUseUrl: 'https://example.com/terms' });
    expect(() => buildAppPackage({ sourceDir, outputDir: path.join(workDir, 'out'), envName: 'production', variables: TEST_VARIABLES })).toThrow(
      /developer\.termsOfUseUrl: https:\/\/example\.com\/terms is on an example domain/,
    );
  });
});
