/**
 * Runs a command-line script's `main`: the number it resolves to is the exit code. A failure prints
 * only the error's message: config, content and storage errors name the setting, file or field and
 * never carry what a person typed or their ids, and a stack trace would add nothing for the reader.
 */
export function runScriptMain(main: () => Promise<number>, fallbackMessage: string): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : fallbackMessage);
      process.exitCode = 1;
    },
  );
}
