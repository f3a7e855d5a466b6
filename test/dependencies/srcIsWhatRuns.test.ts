import fs from 'node:fs';
import path from 'node:path';

/**
 * `src/` is what the deployed bot runs: `npm run build` compiles it and `npm run stage` ships it
 * with the production packages only. A module there that loads a devDependency (the card previews'
 * Chromium and axe-core, the app package's zip and schema validator) cannot load in the staged
 * folder, so tooling lives in `tools/`, and nothing in src reaches out of it.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const SRC = path.join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

/** Every module a file loads when it runs: static imports (not `import type`), re-exports, import() and require(). */
function loadedModules(source: string): string[] {
  const specifiers = [
    ...source.matchAll(/^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm),
    ...source.matchAll(/\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g),
  ];
  return specifiers.map((match) => match[1]);
}

const packageJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
const packageOf = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

const loads = sourceFiles(SRC).flatMap((file) =>
  loadedModules(fs.readFileSync(file, 'utf8')).map((specifier) => ({ file: path.relative(ROOT, file), specifier })),
);

it('loads only Node built-ins and production dependencies', () => {
  expect(loads.length).toBeGreaterThan(300);
  const outside = loads
    .filter(({ specifier }) => !specifier.startsWith('.') && !specifier.startsWith('node:'))
    .filter(({ specifier }) => !Object.hasOwn(packageJson.dependencies, packageOf(specifier)))
    .map(({ file, specifier }) => `${file}: ${specifier}`);
  expect(outside).toEqual([]);
});

it('loads nothing from outside src, which the build leaves out (tools, scripts, tests)', () => {
  const leaving = loads
    .filter(({ specifier }) => specifier.startsWith('.'))
    .filter(({ file, specifier }) => path.relative(SRC, path.resolve(ROOT, path.dirname(file), specifier)).startsWith('..'))
    .map(({ file, specifier }) => `${file}: ${specifier}`);
  expect(leaving).toEqual([]);
});
