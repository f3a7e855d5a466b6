import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadContent } from '../../src/content/loadContent';
import { TOPICS } from '../../src/guidance/vocabulary';

/** content/adviser-pools.json: every topic has exactly one pool, and a mistake names the file and field. */

const CONTENT_DIR = path.resolve(__dirname, '..', '..', 'content');

function withPools(change: (pools: any) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'content-pools-'));
  fs.cpSync(CONTENT_DIR, dir, { recursive: true });
  const file = path.join(dir, 'adviser-pools.json');
  const pools = JSON.parse(fs.readFileSync(file, 'utf8'));
  change(pools);
  fs.writeFileSync(file, JSON.stringify(pools));
  return dir;
}

function problemsOf(dir: string): string {
  try {
    loadContent(dir);
    return '';
  } catch (error) {
    return (error as Error).message;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('adviser pools in the content', () => {
  it('gives every topic exactly one pool, and names research integrity and other integrity their own', () => {
    const { adviserPools } = loadContent(CONTENT_DIR);
    for (const topic of TOPICS) expect(adviserPools.pools.filter((pool) => pool.topics.includes(topic))).toHaveLength(1);
    const poolOf = (topic: string) => adviserPools.pools.find((pool) => pool.topics.includes(topic as never))!.id;
    expect(poolOf('research-integrity')).toBe('research-integrity');
    expect(poolOf('other-integrity')).toBe('integrity-office');
    expect(poolOf('bullying')).toBe(adviserPools.defaultPool);
  });

  it('names the file and field when a topic is in two pools, in none, or the default pool does not exist', () => {
    const message = problemsOf(
      withPools((pools) => {
        pools.pools[1].topics.push('bullying');
        pools.pools[2].topics = [];
        pools.defaultPool = 'nobody';
      }),
    );
    expect(message).toContain('adviser-pools.json: pools.1.topics: "bullying" already belongs to pool "confidential-advisers"');
    expect(message).toContain('adviser-pools.json: pools: no pool takes the topic "other-integrity"');
    expect(message).toContain('adviser-pools.json: defaultPool: names no pool ("nobody")');
  });

  it('refuses a pool without a Dutch name, and template syntax in its texts', () => {
    const message = problemsOf(
      withPools((pools) => {
        delete pools.pools[0].name.nl;
        pools.pools[1].about.en = 'Ask ${someone}';
      }),
    );
    expect(message).toContain('adviser-pools.json: pools.0.name.nl');
    expect(message).toContain('adviser-pools.json: pools.1.about.en: must not contain template syntax');
  });
});
