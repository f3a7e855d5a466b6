import type { Clock } from '../handoff/clock';

/**
 * Who read or changed which case, and when: the privacy officer's answer to "who saw my case?".
 * A row holds the case key (the case code as a keyed hash), the adviser key (never an
 * object id, a name or the person key their own requests are filed under), what they did and when; never the message, the requester or any other
 * content. Rows are kept for AUDIT_RETENTION_DAYS, also after the case itself is purged, which is
 * why the code is keyed: then nothing in the table leads back to the code the requester holds.
 * Only administrators with a storage role and the person-key secret read them (`npm run audit`).
 */

export const AUDIT_ACTIONS = [
  /** A case card with the request's content was posted into the adviser's chat. */
  'cardReceived',
  /** The adviser opened or refreshed the case card (a colleague's claimed case shows nothing and is not a read). */
  'viewed',
  /** The case, with its content, was one of the adviser's `cases` / `zaken` entries. */
  'listed',
  'claimed',
  /** The adviser sent the requester a message through the bot. */
  'messageSent',
  /** A message of the requester was delivered to the adviser. */
  'messageReceived',
  /** The requester's name, after a reveal, was shown to the adviser. */
  'identityShown',
  /**
   * Teams refused for good (403, 404: the adviser removed or blocked the bot) the card or message just recorded as
   * received, identity shown included: they were not shown it. Written after that row, which goes first for a crash.
   */
  'notDelivered',
  /** The case went back to the pool: the adviser gave it back, left the group, cannot be reached, or the requester asked for another. */
  'released',
  /** The claimer offered the case to a colleague, who accepted or declined it, or the claimer withdrew the offer. */
  'handOverOffered',
  'handOverAccepted',
  'handOverDeclined',
  'handOverWithdrawn',
  'closed',
  /** The adviser was reminded of a case without activity, or it closed for inactivity. */
  'inactivityReminder',
  'closedForInactivity',
  /** An administrator exported the case for an access request (`npm run export-person`). */
  'exported',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Stands in for a person key when an administrator, not an adviser, read the case. */
export const ADMINISTRATOR = 'administrator';

export interface AuditEntry {
  /** The case code as a keyed hash (PersonKeys.caseKeyFor). */
  readonly caseKey: string;
  /** The adviser key (PersonKeys.adviserKeyFor; rows written before 7 December 2026, 15459ee: the person key), or ADMINISTRATOR. */
  readonly actor: string;
  readonly action: AuditAction;
  readonly at: string;
}

/** Where audit rows are kept (src/storage/auditLogStore.ts); append-only but for the retention purge. */
export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  /** Every entry, oldest first, optionally only those of one case or of some actors. */
  list(filter: { readonly caseKey?: string; readonly actor?: string | readonly string[] }): Promise<AuditEntry[]>;
  /** The `count` latest entries, newest first, reading no more of the trail than the days that hold them. */
  latest(count: number): Promise<AuditEntry[]>;
  /** Deletes entries from before `cutoff`; returns how many went. */
  deleteBefore(cutoff: Date): Promise<number>;
}

/** How the trail keys people and cases (src/preferences/personKeys.ts). */
export interface AuditKeys {
  keyFor(userId: string): string;
  adviserKeyFor(userId: string): string;
  adviserKeyOf(personKey: string): string;
  caseKeyFor(caseCode: string): string;
}

export class AuditTrail {
  constructor(
    private readonly log: AuditLog,
    private readonly clock: Clock,
    private readonly keys: AuditKeys,
    private readonly retentionDays: number,
  ) {}

  /** Stored before the adviser sees anything: no row, no read. */
  async recordAdviser(caseCode: string, adviserUserId: string, action: AuditAction): Promise<void> {
    await this.log.append({ caseKey: this.keys.caseKeyFor(caseCode), actor: this.keys.adviserKeyFor(adviserUserId), action, at: this.clock.now().toISOString() });
  }

  async recordAdministrator(caseCode: string, action: AuditAction): Promise<void> {
    await this.log.append({ caseKey: this.keys.caseKeyFor(caseCode), actor: ADMINISTRATOR, action, at: this.clock.now().toISOString() });
  }

  async forCase(caseCode: string): Promise<AuditEntry[]> {
    return this.log.list({ caseKey: this.keys.caseKeyFor(caseCode) });
  }

  async forCaseKey(caseKey: string): Promise<AuditEntry[]> {
    return this.log.list({ caseKey });
  }

  /** The latest rows over all cases, newest first. */
  async latest(count: number): Promise<AuditEntry[]> {
    return this.log.latest(count);
  }

  caseKeyFor(caseCode: string): string {
    return this.keys.caseKeyFor(caseCode);
  }

  async forAdviser(adviserUserId: string): Promise<AuditEntry[]> {
    return this.forPersonKey(this.keys.keyFor(adviserUserId));
  }

  /** Under the adviser key, and under the person key itself for rows written before advisers had a key of their own. */
  async forPersonKey(personKey: string): Promise<AuditEntry[]> {
    return this.log.list({ actor: [this.keys.adviserKeyOf(personKey), personKey] });
  }

  /** The sweep's part: rows older than the retention period go. */
  async deleteExpired(): Promise<number> {
    return this.log.deleteBefore(new Date(this.clock.now().getTime() - this.retentionDays * 86_400_000));
  }
}
