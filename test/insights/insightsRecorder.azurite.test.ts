import { TAG_KEY_SEALING } from '../support/insightsTagKeys';
import { randomBytes } from 'node:crypto';
import type { IsoWeek } from '../../src/shared/calendarDays';
import { BufferedInsightsRecorder, InsightsRecorder, readInsightWeek } from '../../src/insights/insightsRecorder';
import { buildInsightsReport } from '../../src/insights/insightsReport';
import { AzureTablesEntityStore } from '../../src/storage/azureTablesEntityStore';
import { startAzurite, type RunningAzurite } from '../support/azurite';
import { PROGRAMME_QUARTER_START_TOTALS, programmeQuarterStart } from './scriptedConversations';

let azurite: RunningAzurite;

beforeAll(async () => {
  azurite = await startAzurite();
});

afterAll(async () => {
  await azurite?.stop();
});

const QUARTER_START_WEEKS: IsoWeek[] = ['2026-W02', '2026-W03', '2026-W04'];

describe('insights on Azure Tables (Azurite)', () => {
  it('adds up exactly when two bot processes record the same conversations at the same time', async () => {
    const options = { connectionString: azurite.connectionString, tablePrefix: `t${randomBytes(6).toString('hex')}`, allowInsecureConnection: true };
    const firstProcess = await AzureTablesEntityStore.create(options);
    const secondProcess = await AzureTablesEntityStore.create(options);
    const buffered = new BufferedInsightsRecorder(firstProcess, { tagKeySealing: TAG_KEY_SEALING, flushIntervalMs: 20 });
    const direct = new InsightsRecorder(secondProcess, { tagKeySealing: TAG_KEY_SEALING });
    const script = programmeQuarterStart();

    // One process buffers and flushes on its timer, the other writes through: both hit the same week entities.
    const writes: Promise<void>[] = [];
    for (const { event, at, person } of script) {
      buffered.record(event, at, person);
      writes.push(direct.record(event, at, person));
    }
    await Promise.all(writes);
    await buffered.close();

    const totals: Record<string, number> = {};
    for (const week of QUARTER_START_WEEKS) {
      for (const [name, count] of (await readInsightWeek(secondProcess, week)).counts) totals[name] = (totals[name] ?? 0) + count;
    }
    expect(totals).toEqual(Object.fromEntries(Object.entries(PROGRAMME_QUARTER_START_TOTALS).map(([name, count]) => [name, count * 2])));

    const report = await buildInsightsReport(firstProcess, { from: '2026-01-05', to: '2026-01-25', now: new Date('2026-03-01T12:00:00Z') });
    // Both processes counted the same people: the distinct-person tags agree across instances.
    const weekThree = await readInsightWeek(secondProcess, '2026-W03');
    expect(weekThree.people.get('topic:bullying')!.size * 2).toBe(weekThree.counts.get('topic:bullying'));
    expect(report.weeks.map((week) => week.counts['urgent-route:shown'])).toEqual(['<5', '<5', '<5']);
  });
});
