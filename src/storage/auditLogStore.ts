import { randomBytes } from 'node:crypto';
import type { AuditEntry, AuditLog } from '../audit/auditTrail';
import type { EntityStore } from './entityStore';

/**
 * The audit trail in the `audit` table: one partition per day (`<yyyy-mm-dd>`, rows keyed by
 * time and a random suffix), and a `days` partition listing the days that hold rows, so the
 * retention purge deletes whole days without scanning the table, a reader finds every row, and
 * the latest rows are read from the newest days only.
 */
const DAYS = 'days';
/** Orders rows written in the same millisecond by this process as they were written. */
let sequence = 0;

export class AuditLogStore implements AuditLog {
  constructor(private readonly store: EntityStore) {}

  async append(entry: AuditEntry): Promise<void> {
    const day = entry.at.slice(0, 10);
    await this.store.upsert('audit', DAYS, day, {});
    sequence = (sequence + 1) % 1e9;
    await this.store.insert('audit', day, `${entry.at}-${String(sequence).padStart(9, '0')}-${randomBytes(4).toString('hex')}`, entry);
  }

  async list(filter: { readonly caseKey?: string; readonly actor?: string | readonly string[] }): Promise<AuditEntry[]> {
    const actors = filter.actor === undefined ? undefined : typeof filter.actor === 'string' ? [filter.actor] : filter.actor;
    const entries: { readonly rowKey: string; readonly entry: AuditEntry }[] = [];
    for (const day of await this.store.listPartition('audit', DAYS)) {
      for (const row of await this.store.listPartition<AuditEntry>('audit', day.rowKey)) {
        if (filter.caseKey !== undefined && row.value.caseKey !== filter.caseKey) continue;
        if (actors !== undefined && !actors.includes(row.value.actor)) continue;
        entries.push({ rowKey: row.rowKey, entry: row.value });
      }
    }
    return entries.sort((a, b) => a.rowKey.localeCompare(b.rowKey)).map(({ entry }) => entry);
  }

  async latest(count: number): Promise<AuditEntry[]> {
    const newestDayFirst = (await this.store.listPartition('audit', DAYS)).map((day) => day.rowKey).sort().reverse();
    const latest: AuditEntry[] = [];
    for (const day of newestDayFirst) {
      if (latest.length >= count) break;
      const rows = await this.store.listPartition<AuditEntry>('audit', day);
      latest.push(...rows.sort((a, b) => b.rowKey.localeCompare(a.rowKey)).map((row) => row.value));
    }
    return latest.slice(0, count);
  }

  async deleteBefore(cutoff: Date): Promise<number> {
    const cutoffTime = cutoff.toISOString();
    let deleted = 0;
    for (const day of await this.store.listPartition('audit', DAYS)) {
      if (day.rowKey > cutoffTime.slice(0, 10)) continue;
      let remaining = 0;
      for (const row of await this.store.listPartition<AuditEntry>('audit', day.rowKey)) {
        if (row.value.at >= cutoffTime) {
          remaining += 1;
          continue;
        }
        await this.store.delete('audit', day.rowKey, row.rowKey);
        deleted += 1;
      }
      if (remaining === 0) await this.store.delete('audit', DAYS, day.rowKey);
    }
    return deleted;
  }
}
