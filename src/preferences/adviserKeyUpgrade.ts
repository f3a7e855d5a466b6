import type { AuditEntry } from '../audit/auditTrail';
import { OutboundCallError } from '../handoff/advisorPorts';
import { advisorCardsPartition, type CaseRepository } from '../handoff/caseRepository';
import { advisersNamedIn } from '../handoff/caseVisibility';
import type { Clock } from '../handoff/clock';
import type { HandoffCase } from '../handoff/handoffCase';
import type { EntityStore } from '../storage/entityStore';
import type { PersonKeys } from './personKeys';
import type { AdviserSettings, PreferencesRepository } from './preferences';

/**
 * Versions before 7 December 2026 (15459ee) filed what the bot keeps about an adviser under their person key: the
 * record of each case card posted to them (with their object id), their audit rows and their cards'
 * language and time zone. An adviser's own anonymous request holds that same key, so those rows
 * named its requester to a reader of the tables. The readers find such rows either way; this moves
 * them under the adviser key on each instance's first sweep that can name the advisers (the
 * directory answering), and once more OLDER_INSTANCES_DRAINED_MS after it.
 *
 * It keeps scanning at every start rather than leaving a "done" marker in the store, because no instance can know
 * when such a marker would be safe: in a rolling deploy an instance of an earlier version still files rows the old way
 * for a few minutes after a newer one has swept, and a rollback to a version before 15459ee files them again for as
 * long as it runs, and cannot clear a marker it does not know. A row left there would join an anonymous requester to
 * the advisers for the whole audit retention. The scan is cheap enough to repeat: once per instance start and once
 * after the drain, in the background sweep (never before the bot is ready), on a store of 10,365 rows (500 cases with
 * 1,000 card records, 5,000 audit rows over 365 days, 2,000 people's preferences; nothing to move) it took 50-75 ms on
 * SQLite and 2.6-3.7 s on Azurite over loopback (about 870 queries), on this project's 2-core machines, 7 December 2026.
 *
 * Audit rows are moved for person keys known to be an adviser's (named in a case, in a card record,
 * or a member of a group the bot notifies) and for every requester's person key a stored case holds:
 * a row a newer version wrote holds an adviser key, which is no one's person key, so an actor that is
 * a requester's key is an earlier version's adviser row, and a former adviser who has since asked for
 * help would otherwise stay joined to that request. A row of someone no longer known who asked
 * nothing stays where it is, still found by `npm run audit` and `export-person`, and goes at the end
 * of its retention.
 */
export interface AdviserKeyUpgradeSources {
  readonly cases: Pick<CaseRepository, 'listAll' | 'refilePostedAdvisorCard'>;
  /** Every member of the groups the bot notifies; throws an OutboundCallError while the directory cannot answer. */
  readonly notifiedMembers: () => Promise<readonly string[]>;
}

export interface AdviserKeyUpgradeResult {
  readonly cardRecords: number;
  readonly auditRows: number;
  readonly settings: number;
}

/**
 * How long after this instance's first pass an instance of an earlier version may still file rows the old way: a
 * rolling deploy drains the old instances within minutes. The second pass moves what they filed meanwhile.
 */
export const OLDER_INSTANCES_DRAINED_MS = 30 * 60_000;

export class AdviserKeyUpgrade {
  private firstPassAt: number | undefined;
  private passes = 0;

  constructor(
    private readonly store: EntityStore,
    private readonly keys: Pick<PersonKeys, 'keyFor' | 'adviserKeyOf'>,
    private readonly preferences: PreferencesRepository,
    private readonly sources: AdviserKeyUpgradeSources,
    private readonly clock: Clock,
  ) {}

  /** The rows it moved: at this instance's first sweep that reaches the directory and once after the drain; else nothing. */
  async runWhenDue(): Promise<AdviserKeyUpgradeResult> {
    const none = { cardRecords: 0, auditRows: 0, settings: 0 };
    const now = this.clock.now().getTime();
    if (this.passes >= 2 || (this.firstPassAt !== undefined && now - this.firstPassAt < OLDER_INSTANCES_DRAINED_MS)) return none;
    let members: readonly string[];
    try {
      members = await this.sources.notifiedMembers();
    } catch (error) {
      if (error instanceof OutboundCallError) return none;
      throw error;
    }
    const cases = await this.sources.cases.listAll();
    const advisers = new Set(members);
    for (const handoffCase of cases) for (const userId of advisersNamedIn(handoffCase)) advisers.add(userId);
    const cardRecords = await this.moveCardRecords(cases, advisers);
    const requesters = cases.map((handoffCase) => handoffCase.requester.personKey).filter((personKey) => personKey !== 'purged');
    const auditRows = await this.moveAuditRows(new Set([...[...advisers].map((userId) => this.keys.keyFor(userId)), ...requesters]));
    const settings = await this.moveSettings();
    this.passes += 1;
    this.firstPassAt ??= now;
    return { cardRecords, auditRows, settings };
  }

  /** Also adds whoever a record names to the advisers, for the audit rows. */
  private async moveCardRecords(cases: readonly HandoffCase[], advisers: Set<string>): Promise<number> {
    let moved = 0;
    for (const handoffCase of cases) {
      const partition = advisorCardsPartition(handoffCase.id);
      for (const record of await this.store.listPartition<{ userId: string; activityId: string }>('conversations', partition)) {
        advisers.add(record.value.userId);
        if (record.rowKey !== this.keys.keyFor(record.value.userId)) continue;
        await this.sources.cases.refilePostedAdvisorCard(handoffCase.id, record.rowKey, this.keys.adviserKeyOf(record.rowKey), record.value);
        moved += 1;
      }
    }
    return moved;
  }

  private async moveAuditRows(adviserPersonKeys: ReadonlySet<string>): Promise<number> {
    let moved = 0;
    for (const day of await this.store.listPartition('audit', 'days')) {
      for (const row of await this.store.listPartition<AuditEntry>('audit', day.rowKey)) {
        if (!adviserPersonKeys.has(row.value.actor)) continue;
        // The same row, the same moment and action: only the key that names the adviser changes.
        await this.store.upsert<AuditEntry>('audit', day.rowKey, row.rowKey, { ...row.value, actor: this.keys.adviserKeyOf(row.value.actor) });
        moved += 1;
      }
    }
    return moved;
  }

  /** A person row with an adviser's settings: to the adviser row (unless a newer version wrote one), then off the person row. */
  private async moveSettings(): Promise<number> {
    let moved = 0;
    for (const row of await this.store.listPartition<AdviserSettings>('preferences', 'person')) {
      const { adviserLocale, adviserTimeZone } = row.value;
      if (adviserLocale === undefined && adviserTimeZone === undefined) continue;
      const adviserKey = this.keys.adviserKeyOf(row.rowKey);
      const current = await this.preferences.getAdviserSettings(adviserKey);
      if (current.adviserLocale === undefined && current.adviserTimeZone === undefined) {
        await this.preferences.saveAdviserSettings(adviserKey, { adviserLocale, adviserTimeZone });
      }
      await this.preferences.update(row.rowKey, { adviserLocale: undefined, adviserTimeZone: undefined });
      moved += 1;
    }
    return moved;
  }
}
