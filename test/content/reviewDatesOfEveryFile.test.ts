import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { changedSinceReview, checkContent } from '../../src/content/contentCheck';
import { CONTENT_DIR } from '../support/sampleCards';

/**
 * The review-date row: `npm run content:check` lists *every* file that changed after its review
 * date. reviewDates.test.ts changes one guidance file, so a check that left out organisation.json
 * (the emergency numbers) or adviser-pools.json (who sees a request) passed. Here every content
 * file that carries a review date is changed after it, found by reading the files, not from the
 * list the check keeps.
 */
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

describe('content:check lists every reviewed file changed after its review', () => {
  let directory: string;
  const git = (args: string[], date: string) =>
    execFileSync('git', args, {
      cwd: directory,
      stdio: 'ignore',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Programme team',
        GIT_AUTHOR_EMAIL: 'programme@umc.example',
        GIT_COMMITTER_NAME: 'Programme team',
        GIT_COMMITTER_EMAIL: 'programme@umc.example',
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
      },
    });

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
