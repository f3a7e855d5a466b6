import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { TOPICS } from '../guidance/vocabulary';
import { findPlaceholders } from './contentPlaceholders';
import { findGlossaryViolations, loadGlossary } from './glossary';
import { ContentError, loadContent } from './loadContent';

/**
 * What `npm run content:check` tells a programme team before go-live: each file's version and
 * review date, whether the files are valid, texts that break the glossary, and the placeholders
 * that production would refuse.
 */
export interface ReviewedFile {
  readonly file: string;
  readonly version?: string;
  readonly reviewed?: string;
  /** When git last saw the file change ('uncommitted' for changes not yet committed); unknown outside a git checkout. */
  readonly lastChanged?: string;
}

export interface ContentCheckReport {
  readonly files: readonly ReviewedFile[];
  readonly problems: readonly string[];
  readonly glossaryViolations: readonly string[];
  readonly placeholders: readonly string[];
}

const REVIEWED_FILES = ['organisation.json', 'adviser-pools.json', ...TOPICS.map((topic) => `guidance/${topic}.json`)];

export function checkContent(contentDir: string): ContentCheckReport {
  const files = REVIEWED_FILES.map((file) => {
    try {
      const { version, reviewed } = JSON.parse(fs.readFileSync(path.join(contentDir, file), 'utf8')) as { version?: unknown; reviewed?: unknown };
      return {
        file,
        version: typeof version === 'string' ? version : undefined,
        reviewed: typeof reviewed === 'string' ? reviewed : undefined,
        lastChanged: lastChangedInGit(contentDir, file),
      };
    } catch {
      return { file };
    }
  });
  try {
    const content = loadContent(contentDir);
    return {
      files,
      problems: [],
      glossaryViolations: findGlossaryViolations(content, loadGlossary(contentDir)),
      placeholders: findPlaceholders(content.organisation),
    };
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    return { files, problems: error.problems, glossaryViolations: [], placeholders: [] };
  }
}

/**
 * A review date says when the programme team last signed a file off; a change after that date
 * has not been reviewed yet, whatever its version says. Only git knows when a file changed.
 */
function lastChangedInGit(contentDir: string, file: string): string | undefined {
  try {
    const git = (args: string[]) => execFileSync('git', args, { cwd: contentDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (git(['status', '--porcelain', '--', file]) !== '') return 'uncommitted';
    return git(['log', '-1', '--format=%cs', '--', file]) || undefined;
  } catch {
    return undefined;
  }
}

/** Files changed after their review date: not yet signed off by the programme team. */
export function changedSinceReview(report: ContentCheckReport): ReviewedFile[] {
  return report.files.filter(({ reviewed, lastChanged }) => lastChanged !== undefined && (lastChanged === 'uncommitted' || reviewed === undefined || lastChanged > reviewed));
}

export function isReadyForProduction(report: ContentCheckReport): boolean {
  return report.problems.length === 0 && report.glossaryViolations.length === 0 && report.placeholders.length === 0;
}

export function formatContentCheck(report: ContentCheckReport): string {
  const width = Math.max(...report.files.map(({ file }) => file.length));
  const list = (items: readonly string[]) => items.map((item) => `  - ${item}`);
  const unreviewed = changedSinceReview(report);
  const lines = [
    'Files (version, last review):',
    ...report.files.map(({ file, version, reviewed }) => `  ${file.padEnd(width)}  ${version ?? '(no version)'}  reviewed ${reviewed ?? '(no date)'}`),
    ...(unreviewed.length > 0
      ? [
          '',
          'Changed after their review date, so not reviewed yet (git):',
          ...unreviewed.map(({ file, lastChanged }) => `  - ${file}: last changed ${lastChanged}`),
        ]
      : []),
    '',
    report.problems.length === 0 ? 'Valid: every file passes its schema.' : `Not valid (${report.problems.length}):`,
    ...list(report.problems),
    '',
    `Glossary: ${report.glossaryViolations.length === 0 ? 'every text uses the chosen names.' : `${report.glossaryViolations.length} texts use a name to avoid:`}`,
    ...list(report.glossaryViolations),
    '',
    report.placeholders.length === 0
      ? 'Placeholders: none.'
      : `Placeholders (${report.placeholders.length}); with MicrosoftAppId set the bot refuses to start until each is replaced:`,
    ...list(report.placeholders),
    '',
    isReadyForProduction(report) ? 'Ready for production.' : 'Not ready for production.',
  ];
  return `${lines.join('\n')}\n`;
}
