/**
 * Builds the Teams app package: `npm run package -- --env dev` writes appPackage/build/appPackage.dev.zip.
 * Placeholder values come from the environment, then from env/.env.<name>; `--env local` falls back
 * to zero ids and localhost so the package can be checked before anything is registered.
 */
import path from 'node:path';
import { APP_PACKAGE_VARIABLES, resolvePackageEnvironment } from '../tools/appPackage/appPackageEnvironment';
import { AppPackageError, buildAppPackage } from '../tools/appPackage/buildAppPackage';

const projectRoot = path.resolve(__dirname, '..');

function readEnvArgument(argv: readonly string[]): string | undefined {
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    if (argument === '--env') {
      const value = argv[index + 1];
      if (!value || value.startsWith('--')) throw new Error('--env needs a name, e.g. --env dev');
      return value;
    }
    if (argument.startsWith('--env=')) return argument.slice('--env='.length);
    if (argument === '--help' || argument === '-h') {
      process.stdout.write(`usage: npm run package [-- --env <name>]\nvariables: ${APP_PACKAGE_VARIABLES.join(', ')}\n`);
      process.exit(0);
    }
    throw new Error(`unknown argument ${argument}; usage: npm run package [-- --env <name>]`);
  }
  return undefined;
}

function main(): void {
  const envName = readEnvArgument(process.argv.slice(2));
  const environment = resolvePackageEnvironment({ envName, envDir: path.join(projectRoot, 'env'), processEnv: process.env });
  if (envName && !environment.envFile) process.stderr.write(`note: env/.env.${envName} not found; using the process environment only\n`);
  if (environment.defaultsUsed.length > 0) {
    process.stderr.write(`note: local placeholder values for ${environment.defaultsUsed.join(', ')}; this package cannot be uploaded to Teams\n`);
  }
  try {
    const built = buildAppPackage({
      sourceDir: path.join(projectRoot, 'appPackage'),
      outputDir: path.join(projectRoot, 'appPackage', 'build'),
      envName: environment.envName,
      variables: environment.variables,
    });
    process.stdout.write(`wrote ${path.relative(process.cwd(), built.zipPath)} (${built.entries.join(', ')})\n`);
  } catch (error) {
    if (!(error instanceof AppPackageError)) throw error;
    process.stderr.write(`${error.message}\n`);
    if (error.missingVariables.length > 0) {
      const where = environment.envFile ?? (envName ? `env/.env.${envName}` : 'env/.env.<name> with --env <name>');
      process.stderr.write(`Set ${error.missingVariables.join(', ')} in the environment or in ${where}.\n`);
    }
    process.exit(1);
  }
}

try {
  main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
