import path from 'node:path';
import { buildCardPreviews, guidanceHeightSummary, phoneSummary } from '../tools/cardPreview/cardPreview';

/**
 * `npm run cards:preview`: renders every card in both locales as Teams would draw it and
 * writes cards-preview/index.html. Exits non-zero when any card has a render or validation error.
 */
async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  const startedAt = Date.now();
  const report = await buildCardPreviews({
    outDir: path.join(root, 'cards-preview'),
    contentDir: path.join(root, 'content'),
    cardsDir: path.join(root, 'cards'),
    // `-- --guidance`: only the guidance cards' heights on a phone, in seconds.
    guidanceOnly: process.argv.includes('--guidance'),
  });
  for (const result of report.results) {
    const mark = result.errors.length > 0 ? 'FAIL' : result.warnings.length > 0 ? 'warn' : ' ok ';
    process.stdout.write(`${mark} ${`${result.locale}/${result.name}`.padEnd(44)} ${phoneSummary(result)}\n`);
    for (const error of result.errors) process.stdout.write(`       error: ${error}\n`);
    for (const warning of result.warnings) process.stdout.write(`       warning: ${warning}\n`);
  }
  process.stdout.write(`\n${guidanceHeightSummary(report.guidanceOnPhone)}\n`);
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  process.stdout.write(
    `\n${report.results.length} cards rendered in ${seconds}s, ${report.errorCount} errors.\nOpen ${report.indexFile}\n`,
  );
  if (report.errorCount > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`cards:preview failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
