import type { AdvisorRoster } from '../handoff/advisorRoster';
import type { Clock } from '../handoff/clock';
import type { EntityStore } from '../storage/entityStore';
import {
  DEFAULT_K_ANONYMITY_THRESHOLD,
  buildInsightsReport,
  periodOfLastClosedWeeks,
  summariseInsights,
  type InsightsReport,
  type InsightsSummary,
} from './insightsReport';

/** The programme lead's summary in Teams covers the last eight closed weeks. */
export const SUMMARY_WEEKS = 8;

export type ProgrammeSummaryOutcome =
  | { readonly outcome: 'summary'; readonly summary: InsightsSummary; readonly report: InsightsReport }
  | { readonly outcome: 'notAProgrammeLead' };

/**
 * The programme's figures as programme leads ask for them in Teams: the same published report
 * as `npm run report`, so the disclosure rule holds here too, and only for members of the
 * programme-lead group.
 */
export class ProgrammeInsights {
  constructor(
    private readonly store: EntityStore,
    private readonly roster: AdvisorRoster,
    private readonly clock: Clock,
    /** The organisation's time zone, which decides when a week has closed: the one the recorder counts in. */
    private readonly timeZone: string,
    private readonly kAnonymityThreshold: number = DEFAULT_K_ANONYMITY_THRESHOLD,
  ) {}

  async summaryFor(userId: string): Promise<ProgrammeSummaryOutcome> {
    if (!userId || !(await this.roster.findMember(['programmeLeads'], userId))) return { outcome: 'notAProgrammeLead' };
    const now = this.clock.now();
    const report = await buildInsightsReport(this.store, {
      ...periodOfLastClosedWeeks(now, SUMMARY_WEEKS, this.timeZone),
      now,
      timeZone: this.timeZone,
      kAnonymityThreshold: this.kAnonymityThreshold,
    });
    return { outcome: 'summary', summary: summariseInsights(report), report };
  }
}
