import { chartPngDataUri } from '../../cards/chartImage';
import { buildInsightsSummaryCard } from '../../cards/insightsSummaryCard';
import { buildNoticeCard } from '../../cards/noticeCard';
import { SUMMARY_WEEKS } from '../../insights/programmeInsights';
import { renderWeeklyChartSvg } from '../../insights/reportCharts';
import { reportTexts } from '../../insights/reportTexts';
import type { BotTurn } from '../botTurn';

/** "inzichten" / "insights": the programme lead's summary of the last weeks, with a chart. */
export async function showInsightsSummary(turn: BotTurn): Promise<void> {
  const result = await turn.services.programmeInsights.summaryFor(turn.user.userId);
  if (result.outcome === 'notAProgrammeLead') {
    await turn.send(buildNoticeCard({ title: turn.t('insights.refused.title'), text: turn.t('insights.refused.text') }));
    return;
  }
  const { summary, report } = result;
  const chart = summary.period ? await drawChart(turn, renderWeeklyChartSvg(report, SUMMARY_WEEKS, reportTexts(turn.t))) : null;
  await turn.send(buildInsightsSummaryCard(turn.cardContext, summary, chart, report.kAnonymityThreshold));
}

/** The figures matter more than the picture: without a chart the card still goes out. */
async function drawChart(turn: BotTurn, svg: string): Promise<string | null> {
  try {
    return await chartPngDataUri(svg);
  } catch (error) {
    turn.services.logger.warn({ event: 'chartFailed', errorName: (error as Error).name }, 'insights chart not drawn');
    return null;
  }
}
