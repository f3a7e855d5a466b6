import path from 'node:path';
import { buildAdvisorCaseCard } from '../../src/cards/advisorCaseCard';
import { cardContextFor } from '../../src/cards/cardContext';
import type { CardSpec } from '../../src/cards/cardRenderer';
import { buildDialogueRequestCard } from '../../src/cards/dialogueRequestCard';
import { buildEmergencyCard } from '../../src/cards/emergencyCard';
import { buildGuidanceCard } from '../../src/cards/guidanceCard';
import { buildHandoffConsentCard, buildHandoffStatusCard } from '../../src/cards/handoffCards';
import { buildCodeOfConductCard, buildPrivacyCard, buildReportingCard, buildTrainingCard } from '../../src/cards/infoCards';
import { buildInsightsSummaryCard } from '../../src/cards/insightsSummaryCard';
import { buildNoticeCard } from '../../src/cards/noticeCard';
import { buildQuestionCard } from '../../src/cards/questionCard';
import { buildRelayMessageCard } from '../../src/cards/relayMessageCard';
import { buildWelcomeCard } from '../../src/cards/welcomeCard';
import { buildCheckInReminderCard } from '../../src/cards/checkInReminderCard';
import { buildCasesWithColleaguesCard } from '../../src/cards/casesWithColleaguesCard';
import { buildReminderOfferCard } from '../../src/cards/reminderOfferCard';
import { buildWriteItDownCard } from '../../src/cards/writeItDownCard';
import { buildWrittenNoteCard } from '../../src/cards/writtenNoteCard';
import { withEveryPoolDeployed, type AppContent } from '../../src/content/appContent';
import { loadContent } from '../../src/content/loadContent';
import { DEFAULT_AUDIT_RETENTION_DAYS } from '../../src/config/config';
import { resolveGuidance } from '../../src/guidance/guidance';
import { LOCALES, PERSPECTIVES, TOPICS, type Locale } from '../../src/guidance/vocabulary';
import { newHandoffCase, type HandoffCase } from '../../src/handoff/handoffCase';
import type { InsightsSummary } from '../../src/insights/insightsReport';

export const CONTENT_DIR = path.resolve(__dirname, '..', '..', 'content');

/** Text a hostile or careless user might type, used wherever user text reaches a card. */
export const HOSTILE_TEXT = '${$root.secret} {{name}} **bold** [click me](https://evil.example) <script>alert(1)</script> 😀 مرحبا';

export function sampleCase(overrides: Partial<HandoffCase> = {}): HandoffCase {
  const requested = newHandoffCase(
    {
      id: '0123456789abcdef0123456789abcdef',
      code: 'VK-ABCD-EFGH',
      kind: 'advice',
      mode: 'anonymous',
      requester: { personKey: 'k' },
      locale: 'nl',
      topic: 'bullying',
      perspective: 'target',
      urgent: false,
      contactPreference: 'teams-chat',
      message: HOSTILE_TEXT,
      dialogue: null,
    },
    new Date('2026-11-24T10:00:00.000Z'),
  );
  return { ...requested, status: 'notified', notifiedAt: '2026-11-24T10:00:01.000Z', ...overrides };
}

const ONE_PIXEL_PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const sampleInsightsSummary: InsightsSummary = {
  period: { from: '2026-09-28', to: '2026-11-22' },
  weeks: 8,
  guidanceShown: 410,
  helpfulRate: 0.78,
  topTopics: [
    { topic: 'bullying', count: 120 },
    { topic: 'aggression', count: 85 },
  ],
  urgentRoutesShown: 20,
  handoffsRequested: 45,
  handoffsClaimed: 40,
  medianMinutesToClaim: { fromMinutes: 15, toMinutes: 30 },
  dialogueRequests: '<5',
  suppressedLabel: '<5',
};

/** Every card template with realistic data, for one locale: what the render and schema tests check. */
export function sampleCards(content: AppContent, locale: Locale): { name: string; spec: CardSpec }[] {
  const context = cardContextFor(content, locale);
  const now = new Date('2026-11-24T10:00:00Z');
  const cards: { name: string; spec: CardSpec }[] = [
    { name: 'welcome', spec: buildWelcomeCard(context) },
    { name: 'question-perspective', spec: buildQuestionCard(context, { step: 'perspective', flow: {} }) },
    { name: 'question-topic-likely', spec: buildQuestionCard(context, { step: 'topic', flow: { perspective: 'witness' }, likelyTopics: ['bullying', 'aggression'], understood: 'pesten' }) },
    { name: 'question-topic-all', spec: buildQuestionCard(context, { step: 'topic', flow: { perspective: 'witness' } }) },
    { name: 'question-danger', spec: buildQuestionCard(context, { step: 'danger', flow: { perspective: 'witness', topic: 'aggression' } }) },
    { name: 'question-danger-first', spec: buildQuestionCard(context, { step: 'danger', flow: {}, likelyTopics: ['aggression', 'bullying'], dangerFirst: true }) },
    { name: 'question-role', spec: buildQuestionCard(context, { step: 'role', flow: { perspective: 'witness', topic: 'aggression', urgent: false } }) },
    { name: 'emergency', spec: buildEmergencyCard(context) },
    { name: 'code-of-conduct', spec: buildCodeOfConductCard(context) },
    { name: 'reporting', spec: buildReportingCard(context) },
    { name: 'training', spec: buildTrainingCard(context) },
    { name: 'privacy', spec: buildPrivacyCard(context, { auditRetentionDays: DEFAULT_AUDIT_RETENTION_DAYS }) },
    { name: 'notice', spec: buildNoticeCard({ title: 'Title', text: HOSTILE_TEXT, buttons: [{ title: 'Menu', action: { verb: 'welcome.show' } }] }) },
    { name: 'handoff-consent', spec: buildHandoffConsentCard(context, { topic: 'bullying', perspective: 'target' }) },
    { name: 'handoff-status', spec: buildHandoffStatusCard(context, sampleCase({ locale }), 'confirmed', now) },
    { name: 'handoff-status-claimed', spec: buildHandoffStatusCard(context, sampleCase({ locale, mode: 'named', status: 'claimed', claimedBy: { userId: 'u1', displayName: 'Femke Visser' }, claimedAt: now.toISOString() }), 'claimed', now) },
    { name: 'advisor-case-open', spec: buildAdvisorCaseCard(context, sampleCase(), { userId: 'u1' }, ['u1', 'u2']) },
    { name: 'advisor-case-claimed', spec: buildAdvisorCaseCard(context, sampleCase({ status: 'claimed', claimedBy: { userId: 'u1', displayName: 'Femke Visser' }, claimedAt: now.toISOString() }), { userId: 'u1' }, ['u1']) },
    { name: 'advisor-case-dialogue', spec: buildAdvisorCaseCard(context, sampleCase({ kind: 'team-dialogue', mode: 'named', requester: { personKey: 'k', displayName: 'Sanne' }, dialogue: { team: 'Afdeling Cardiologie', teamSize: '10 tot 25 mensen', preferredPeriod: 'maart', reason: HOSTILE_TEXT, contact: 'Teams' } }), { userId: 'u1' }, []) },
    { name: 'relay-message-to-advisor', spec: buildRelayMessageCard(context, { direction: 'toAdvisor', code: 'VK-ABCD-EFGH', caseId: sampleCase().id, message: HOSTILE_TEXT }) },
    { name: 'relay-message-to-requester', spec: buildRelayMessageCard(context, { direction: 'toRequester', code: 'VK-ABCD-EFGH', caseId: sampleCase().id, message: HOSTILE_TEXT }) },
    { name: 'dialogue-request', spec: buildDialogueRequestCard(context) },
    { name: 'dialogue-request-one-to-one', spec: buildDialogueRequestCard(context, 'one-to-one') },
    { name: 'write-it-down', spec: buildWriteItDownCard(context) },
    { name: 'check-in-reminder', spec: buildCheckInReminderCard(context, 'bullying') },
    { name: 'reminder-offer', spec: buildReminderOfferCard(context, { topic: 'bullying', hours: { morningHour: 9, afterShiftHour: 17 }, days: { first: '2026-12-06', last: '2027-01-05' } }) },
    { name: 'reminder-offer-refused', spec: buildReminderOfferCard(context, { topic: 'bullying', hours: { morningHour: 9, afterShiftHour: 17 }, days: { first: '2026-12-06', last: '2027-01-05' }, refused: { problem: context.t('reminder.chosenMoment.passed'), day: '2026-12-06', time: '07:30' } }) },
    {
      name: 'cases-with-colleagues',
      spec: buildCasesWithColleaguesCard(context, {
        cases: [
          { code: 'VK-7KQ2-M4TX', kind: 'advice', pool: 'confidential-advisers', createdAt: '2026-12-01T09:15:00Z' },
          { code: 'VK-R9WD-2HCN', kind: 'team-dialogue', createdAt: '2026-12-03T14:40:00Z' },
        ],
        buttons: [{ title: context.t('advisor.openCases.button.all'), action: { verb: 'cases.list' } }],
      }),
    },
    {
      name: 'written-note',
      spec: buildWrittenNoteCard(
        context,
        { what: HOSTILE_TEXT, whenDate: '2026-11-23', whenTime: '14:30', where: HOSTILE_TEXT, who: HOSTILE_TEXT, said: HOSTILE_TEXT, did: HOSTILE_TEXT },
        { at: now },
      ),
    },
    { name: 'insights-summary', spec: buildInsightsSummaryCard(context, sampleInsightsSummary, ONE_PIXEL_PNG, 5) },
    { name: 'insights-summary-empty', spec: buildInsightsSummaryCard(context, { ...sampleInsightsSummary, period: null, weeks: 0 }, null, 5) },
  ];
  for (const topic of TOPICS) {
    for (const perspective of PERSPECTIVES) {
      const guidance = resolveGuidance(content, { topic, perspective, role: 'student', locale });
      cards.push({ name: `guidance-${topic}-${perspective}`, spec: buildGuidanceCard(context, guidance, { topic, perspective, urgent: false }) });
    }
  }
  return cards;
}

/** The shipped content as a fully staffed deployment runs it (every pool with people and a backup). */
export function loadShippedContent(): AppContent {
  return withEveryPoolDeployed(loadContent(CONTENT_DIR));
}

export { LOCALES };
