import type { CardContext } from './cardContext';
import type { CardSpec } from './cardRenderer';
import type { InsightsSummary, PublishedCount } from '../insights/insightsReport';
import { SUMMARY_WEEKS } from '../insights/programmeInsights';
import { formatMinuteRange, formatRate, reportTexts } from '../insights/reportTexts';

export interface InsightsSummaryCardData {
  readonly title: string;
  readonly period: string;
  readonly facts: readonly { readonly title: string; readonly value: string }[];
  /** A PNG data URI of the weekly chart, or null when no week has closed yet. */
  readonly chartImageUrl: string | null;
  readonly chartAltText: string;
  readonly disclosure: string;
}

/** The programme lead's summary: published (banded) figures only, never an exact small count. */
export function buildInsightsSummaryCard(
  context: CardContext,
  summary: InsightsSummary,
  chartImageUrl: string | null,
  kAnonymityThreshold: number,
): CardSpec<InsightsSummaryCardData> {
  const { t, locale, content } = context;
  const tooFew = t('insights.value.tooFew');
  const count = (published: PublishedCount) => String(published);
  const facts = summary.period
    ? [
        { title: t('insights.fact.guidanceShown'), value: count(summary.guidanceShown) },
        { title: t('insights.fact.helpfulRate'), value: summary.helpfulRate === null ? tooFew : formatRate(summary.helpfulRate) },
        {
          title: t('insights.fact.topTopics'),
          value:
            summary.topTopics.length === 0
              ? tooFew
              : summary.topTopics.map(({ topic, count: asked }) => `${content.guidance[topic].title[locale]} (${asked})`).join(', '),
        },
        { title: t('insights.fact.urgentRoutes'), value: count(summary.urgentRoutesShown) },
        { title: t('insights.fact.handoffsRequested'), value: count(summary.handoffsRequested) },
        { title: t('insights.fact.handoffsClaimed'), value: count(summary.handoffsClaimed) },
        {
          title: t('insights.fact.medianToClaim'),
          value: summary.medianMinutesToClaim ? formatMinuteRange(summary.medianMinutesToClaim, reportTexts(t)) : tooFew,
        },
        { title: t('insights.fact.dialogueRequests'), value: count(summary.dialogueRequests) },
      ]
    : [];
  return {
    template: 'insights-summary',
    data: {
      title: t('insights.title', { weeks: SUMMARY_WEEKS }),
      period: summary.period ? t('insights.period', summary.period) : t('insights.noWeeks'),
      facts,
      chartImageUrl,
      chartAltText: t('insights.chartAlt'),
      disclosure: t('insights.disclosure', { k: kAnonymityThreshold }),
    },
  };
}
