import fs from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../src/config/config';
import { isLocale, type Locale } from '../src/guidance/vocabulary';
import { isCalendarDay } from '../src/shared/calendarDays';
import { buildInsightsReport } from '../src/insights/insightsReport';
import { renderInsightsCsv } from '../src/insights/reportCsv';
import { renderInsightsHtml } from '../src/insights/reportHtml';
import { reportTexts } from '../src/insights/reportTexts';
import { loadContent } from '../src/content/loadContent';
import { createTranslator } from '../src/i18n/translator';
import { createEntityStore } from '../src/storage/createEntityStore';
import { runScriptMain } from './runScriptMain';

/**
 * `npm run report -- --from 2026-01-01 --to 2026-03-31 [--out reports/] [--locale nl|en]`:
 * the programme's insights for a period, as an HTML page and a CSV, from the configured store.
 */

const USAGE = 'Usage: npm run report -- --from YYYY-MM-DD --to YYYY-MM-DD [--out reports/] [--locale nl|en]';
const EXIT_BAD_ARGUMENTS = 2;

interface ReportArguments {
  readonly from: string;
  readonly to: string;
  readonly outDirectory: string;
  readonly locale?: Locale;
}

type ParsedArguments = { readonly outcome: 'ok'; readonly args: ReportArguments } | { readonly outcome: 'help' } | { readonly outcome: 'invalid'; readonly problems: string[] };

export function parseReportArguments(argv: readonly string[]): ParsedArguments {
  const values = new Map<string, string>();
  const problems: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    if (argument === '--help' || argument === '-h') return { outcome: 'help' };
    const match = /^--(from|to|out|locale)(?:=(.*))?$/.exec(argument);
    if (!match) {
      problems.push(`unknown argument '${argument}'`);
      continue;
    }
    const value = match[2] ?? argv[++index];
    if (value === undefined || value.startsWith('--')) problems.push(`--${match[1]} needs a value`);
    else values.set(match[1]!, value);
  }
  const from = values.get('from');
  const to = values.get('to');
  const locale = values.get('locale');
  if (from === undefined) problems.push('--from is required');
  else if (!isCalendarDay(from)) problems.push(`--from '${from}' is not a date in the form YYYY-MM-DD`);
  if (to === undefined) problems.push('--to is required');
  else if (!isCalendarDay(to)) problems.push(`--to '${to}' is not a date in the form YYYY-MM-DD`);
  if (from !== undefined && to !== undefined && isCalendarDay(from) && isCalendarDay(to) && from > to) {
    problems.push(`--from ${from} comes after --to ${to}`);
  }
  if (locale !== undefined && !isLocale(locale)) problems.push(`--locale must be nl or en, not '${locale}'`);
  if (problems.length > 0 || from === undefined || to === undefined) return { outcome: 'invalid', problems };
  return {
    outcome: 'ok',
    args: { from, to, outDirectory: values.get('out') ?? 'reports', locale: locale as Locale | undefined },
  };
}

async function main(): Promise<number> {
  const parsed = parseReportArguments(process.argv.slice(2));
  if (parsed.outcome === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (parsed.outcome === 'invalid') {
    console.error(`${parsed.problems.join('\n')}\n${USAGE}`);
    return EXIT_BAD_ARGUMENTS;
  }
  const { from, to, outDirectory } = parsed.args;
  const config = loadConfig();
  const locale = parsed.args.locale ?? config.defaultLocale;
  const store = await createEntityStore(config.storage);
  try {
    const content = loadContent(config.contentDir);
    // The weeks the bot counted in: the organisation's time zone.
    const report = await buildInsightsReport(store, { from, to, now: new Date(), timeZone: content.organisation.officeHours.timeZone });
    const directory = path.resolve(outDirectory);
    await fs.mkdir(directory, { recursive: true });
    const htmlPath = path.join(directory, `insights-${from}-${to}.html`);
    const csvPath = path.join(directory, `insights-${from}-${to}.csv`);
    await fs.writeFile(htmlPath, renderInsightsHtml(report, reportTexts(createTranslator(content.strings, locale)), locale), 'utf8');
    await fs.writeFile(csvPath, renderInsightsCsv(report), 'utf8');
    if (report.period) {
      console.log(`Weeks ${report.weeks[0]!.week} to ${report.weeks[report.weeks.length - 1]!.week} (${report.period.from} to ${report.period.to})`);
    } else {
      console.log('No week of this period has closed yet; the report is empty.');
    }
    if (report.weeksNotYetClosed.length > 0) console.log(`Left out, not yet closed: ${report.weeksNotYetClosed.join(', ')}`);
    console.log(htmlPath);
    console.log(csvPath);
    return 0;
  } finally {
    await store.close();
  }
}

if (require.main === module) {
  runScriptMain(main, 'The report failed');
}
