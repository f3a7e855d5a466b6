import { OutboundCallError } from '../handoff/advisorPorts';
import type { AdvisorRoster } from '../handoff/advisorRoster';
import type { CaseRepository } from '../handoff/caseRepository';
import type { AuditEntry, AuditTrail } from './auditTrail';

/** An audit row as an auditor reads it: with the case code while the case is kept, else only its key. */
export interface AuditLine extends AuditEntry {
  readonly caseCode: string | null;
}

export type AuditReadOutcome =
  | { readonly outcome: 'ok'; readonly lines: readonly AuditLine[] }
  | { readonly outcome: 'notAnAuditor' }
  | { readonly outcome: 'directoryBusy' };

/** How many of the latest rows `audit` shows in Teams; the full trail is `npm run audit`. */
export const RECENT_AUDIT_LINES = 20;

/**
 * The audit trail in Teams, for the members of the auditors' group (AUDITOR_GROUP_ID) only:
 * the privacy officer and whom they name, never the advisers whose reads it records. Anyone
 * else gets a refusal that says nothing about the trail.
 */
export class AuditAccess {
  constructor(
    private readonly trail: AuditTrail,
    private readonly roster: AdvisorRoster,
    private readonly cases: CaseRepository,
  ) {}

  /** The latest rows over all cases, newest first. */
  async recent(userId: string): Promise<AuditReadOutcome> {
    return this.asAuditor(userId, () => this.trail.latest(RECENT_AUDIT_LINES));
  }

  /** One case's whole trail, oldest first. */
  async forCase(userId: string, caseKey: string): Promise<AuditReadOutcome> {
    return this.asAuditor(userId, () => this.trail.forCaseKey(caseKey));
  }

  private async asAuditor(userId: string, read: () => Promise<AuditEntry[]>): Promise<AuditReadOutcome> {
    try {
      if (!userId || !(await this.roster.findMember(['auditors'], userId))) return { outcome: 'notAnAuditor' };
    } catch (error) {
      if (error instanceof OutboundCallError && error.retryable) return { outcome: 'directoryBusy' };
      throw error;
    }
    return { outcome: 'ok', lines: await withCaseCodes(await read(), this.cases, (code) => this.trail.caseKeyFor(code)) };
  }
}

/**
 * Each row with the code of its case while the case is kept. A purged case's rows keep only its
 * key: the code the requester holds finds them when it is asked for by name (`askedFor`).
 */
export async function withCaseCodes(
  entries: readonly AuditEntry[],
  cases: CaseRepository,
  caseKeyFor: (caseCode: string) => string,
  askedFor: readonly string[] = [],
): Promise<AuditLine[]> {
  const kept = (await cases.listAll()).map((handoffCase) => handoffCase.code);
  const codes = new Map([...kept, ...askedFor].map((code) => [caseKeyFor(code), code]));
  return entries.map((entry) => ({ ...entry, caseCode: codes.get(entry.caseKey) ?? null }));
}
