import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';

export const ROOT = path.resolve(__dirname, '..');

export interface CompiledBuild {
  readonly dir: string;
  /** The bot's entry point, as App Service starts it (`node dist/src/main.js`). */
  readonly botEntry: string;
  /** The bare-SDK echo bot the full bot is compared with. */
  readonly echoEntry: string;
  remove(): void;
}

/**
 * Production runs compiled JavaScript, not ts-node, so the processes under test do too. Each
 * file is transpiled on its own (as `isolatedModules` allows): seconds, and no type check that
 * someone's unfinished edit could fail. The layout mirrors dist/ so `cards/` is found the same way.
 */
export function compileForBench(): CompiledBuild {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bystander-bench-'));
  const compilerOptions: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    esModuleInterop: true,
    resolveJsonModule: true,
    sourceMap: false,
  };
  const sources = [...listFiles(path.join(ROOT, 'src')), path.join(ROOT, 'bench', 'echoBot.ts')];
  for (const source of sources) {
    const relative = path.relative(ROOT, source);
    const target = path.join(dir, relative.replace(/\.ts$/, '.js'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (source.endsWith('.ts') && !source.endsWith('.d.ts')) {
      const output = ts.transpileModule(fs.readFileSync(source, 'utf8'), { compilerOptions, fileName: source });
      fs.writeFileSync(target, output.outputText);
    } else if (source.endsWith('.json')) {
      fs.copyFileSync(source, target);
    }
  }
  for (const shared of ['cards', 'node_modules']) fs.symlinkSync(path.join(ROOT, shared), path.join(dir, shared), 'dir');
  return {
    dir,
    botEntry: path.join(dir, 'src', 'main.js'),
    echoEntry: path.join(dir, 'bench', 'echoBot.js'),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

function listFiles(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}
