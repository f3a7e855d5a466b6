import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { changedSinceReview, checkContent, formatContentCheck } from '../../src/content/contentCheck';
import { CONTENT_DIR } from '../support/sampleCards';

/**
 * A review date must not claim more than it can: `npm run content:check` lists every file that
 * changed after its review date (from git), so a change nobody signed off is visible.
 */
function gitIn(directory: () => string) {
  return (args: string[], date?: string) =>
    execFileSync('git', args, {
      cwd: directory(),
      stdio: 'ignore',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Programme team',
        GIT_AUTHOR_EMAIL: 'programme@umc.example',
        GIT_COMMITTER_NAME: 'Programme team',
        GIT_COMMITTER_EMAIL: 'programme@umc.example',
        ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}),
      },
    });
}

/** Every content file with a top-level review date, found by reading the files, not from the list the check keeps. */
function filesWithAReviewDate(directory: string): string[] {
  const found: string[] = [];
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(directory, relative), { withFileTypes: true })) {
      const name = path.posix.join(relative, entry.name);
      if (entry.isDirectory()) walk(name);
      else if (entry.name.endsWith('.json')) {
        const parsed = JSON.parse(fs.readFileSync(path.join(directory, name), 'utf8')) as unknown;
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed) && typeof (parsed as { reviewed?: unknown }).reviewed === 'string') found.push(name);
      }
    }
  };
  walk('');
  return found.sort();
}

describe('review dates in content:check', () => {
  let directory: string;
  const git = gitIn(() => directory);

  beforeAll(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'content-review-'));
    fs.cpSync(CONTENT_DIR, directory, { recursive: true });
    git(['init', '-q']);
    git(['add', '.']);
    // Everything committed before the oldest review date in the files.
    git(['commit', '-q', '-m', 'content as reviewed'], '2026-11-20T10:00:00Z');
  });
  afterAll(() => {
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it('lists nothing when no file changed after its review', () => {
    expect(changedSinceReview(checkContent(directory))).toEqual([]);
  });

  it('lists a file changed after its review date, committed or not', () => {
    const file = path.join(directory, 'guidance', 'bullying.json');
    const guidance = JSON.parse(fs.readFileSync(file, 'utf8'));
    guidance.summary.en = `${guidance.summary.en} Changed.`;
    fs.writeFileSync(file, `${JSON.stringify(guidance, null, 2)}\n`);
    expect(changedSinceReview(checkContent(directory))).toEqual([expect.objectContaining({ file: 'guidance/bullying.json', lastChanged: 'uncommitted' })]);

    git(['commit', '-q', '-am', 'a change nobody reviewed'], '2026-12-01T10:00:00Z');
    const report = checkContent(directory);
    expect(changedSinceReview(report)).toEqual([expect.objectContaining({ file: 'guidance/bullying.json', lastChanged: '2026-12-01' })]);
    expect(formatContentCheck(report)).toContain('Changed after their review date, so not reviewed yet (git):\n  - guidance/bullying.json: last changed 2026-12-01');
  });

  it('says nothing about changes outside a git checkout', () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'content-copy-'));
    try {
      fs.cpSync(CONTENT_DIR, copy, { recursive: true });
      expect(checkContent(copy).files.every((file) => file.lastChanged === undefined)).toBe(true);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
});

// One guidance file changed (above) would pass a check that left out organisation.json (the
// emergency numbers) or adviser-pools.json (who sees a request); here every reviewed file changes.
describe('content:check lists every reviewed file changed after its review', () => {
  let directory: string;
  const git = gitIn(() => directory);

  beforeAll(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'content-review-every-'));
    fs.cpSync(CONTENT_DIR, directory, { recursive: true });
    git(['init', '-q'], '2026-11-20T10:00:00Z');
    git(['add', '.'], '2026-11-20T10:00:00Z');
    git(['commit', '-q', '-m', 'content as reviewed'], '2026-11-20T10:00:00Z');
  });
  afterAll(() => {
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it('names each of them, the organisation (emergency numbers) and the adviser pools among them', () => {
    const reviewed = filesWithAReviewDate(directory);
    expect(reviewed).toEqual(expect.arrayContaining(['organisation.json', 'adviser-pools.json', 'guidance/bullying.json']));
    expect(changedSinceReview(checkContent(directory))).toEqual([]);

    for (const file of reviewed) fs.appendFileSync(path.join(directory, file), '\n');
    git(['commit', '-q', '-am', 'changes nobody reviewed'], '2030-01-01T10:00:00Z');

    const listed = changedSinceReview(checkContent(directory)).map(({ file }) => file).sort();
    expect(listed).toEqual(reviewed);
  });
});
