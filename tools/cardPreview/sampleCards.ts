import { buildAdvisorCaseCard } from '../../src/cards/advisorCaseCard';
import { cardContextFor } from '../../src/cards/cardContext';
import type { CardSpec } from '../../src/cards/cardRenderer';
import { buildDialogueRequestCard } from '../../src/cards/dialogueRequestCard';
import { buildEmergencyCard } from '../../src/cards/emergencyCard';
import { buildGuidanceCard } from '../../src/cards/guidanceCard';
import { chartPngDataUri } from '../../src/cards/chartImage';
import { buildHandoffConsentCard, buildHandoffStatusCard, buildNobodyElseCard, buildTooManyRequestsCard } from '../../src/cards/handoffCards';
import { buildCodeOfConductCard, buildPrivacyCard, buildReportingCard, buildTrainingCard } from '../../src/cards/infoCards';
import { buildInsightsSummaryCard } from '../../src/cards/insightsSummaryCard';
import { buildNoticeCard } from '../../src/cards/noticeCard';
import { keepOnOneLine } from '../../src/cards/keepOnOneLine';
import { buildQuestionCard } from '../../src/cards/questionCard';
import { buildRelayChoiceCard } from '../../src/cards/relayChoiceCard';
import { buildRelayMessageCard } from '../../src/cards/relayMessageCard';
import { buildWelcomeCard } from '../../src/cards/welcomeCard';
import { buildWriteItDownCard } from '../../src/cards/writeItDownCard';
import { buildCheckInReminderCard } from '../../src/cards/checkInReminderCard';
import { buildCasesWithColleaguesCard } from '../../src/cards/casesWithColleaguesCard';
import { buildReminderOfferCard } from '../../src/cards/reminderOfferCard';
import { buildWrittenNoteCard, type WrittenNote } from '../../src/cards/writtenNoteCard';
import type { AppContent } from '../../src/content/appContent';
import { DEFAULT_AUDIT_RETENTION_DAYS } from '../../src/config/config';
import { resolveGuidance } from '../../src/guidance/guidance';
import { PERSPECTIVES, TOPICS, type Locale, type Perspective, type Role, type Topic } from '../../src/guidance/vocabulary';
import { newHandoffCase, type HandoffCase } from '../../src/handoff/handoffCase';
import { COUNTER_NAMES } from '../../src/insights/insightEvents';
import type { IsoWeek } from '../../src/shared/calendarDays';
import { countsFromDistinctPeople } from '../../src/insights/insightsRecorder';
import { publishInsights, summariseInsights, type InsightsReport } from '../../src/insights/insightsReport';
import { SUMMARY_WEEKS } from '../../src/insights/programmeInsights';
import { renderWeeklyChartSvg } from '../../src/insights/reportCharts';
import { reportTexts } from '../../src/insights/reportTexts';

/** One card as a person would see it, built by the real builder from the shipped content. */
export interface PreviewCard {
  /** File-safe and the same in every locale, so the index can put the locales side by side. */
  readonly name: string;
  readonly spec: CardSpec;
}

/** The situations the guidance previews show: one per perspective, over different help routes. */
const GUIDANCE_SAMPLES: readonly { topic: Topic; perspective: Perspective; role: Role }[] = [
  { topic: 'bullying', perspective: 'witness', role: 'employee' },
  { topic: 'sexual-harassment', perspective: 'target', role: 'student' },
  { topic: 'discrimination', perspective: 'accused', role: 'employee' },
  { topic: 'aggression', perspective: 'manager', role: 'manager' },
  { topic: 'research-integrity', perspective: 'witness', role: 'student' },
];

// A fixed moment inside office hours keeps the status texts and the PNGs stable between runs.
const PREVIEW_NOW = new Date('2026-03-10T10:15:00+01:00');

/** What people write, which cards show as it came: realistic in the previews, hostile in the tests. */
export interface WrittenByPeople {
  readonly understood: string;
  readonly requesterMessage: string;
  readonly advisorMessage: string;
  readonly dialogueReason: string;
  readonly note: WrittenNote;
}

export interface SampleCardOptions {
  /** Without it, the realistic texts of the card's language. */
  readonly written?: WrittenByPeople;
  /** The insights summary's chart as a data URI (drawing it is asynchronous and slow), or none. */
  readonly chart: string | null;
  /** Every topic × perspective's guidance card (the tests), or one per perspective (the previews). */
  readonly guidance: 'every' | 'samples';
}

/**
 * Every card template with realistic data for one locale, in the order a person meets them: the one
 * list that `npm run cards:preview` draws and the card tests check (test/support/sampleCards.ts). A
 * new card is one entry here.
 */
export function sampleCards(content: AppContent, locale: Locale, options: SampleCardOptions): PreviewCard[] {
  const context = cardContextFor(content, locale);
  const { t } = context;
  const sample = options.written ?? sampleTexts[locale];
  const guidanceShown =
    options.guidance === 'samples'
      ? GUIDANCE_SAMPLES
      : TOPICS.flatMap((topic) =>
          PERSPECTIVES.map((perspective) => ({
            topic,
            perspective,
            role: GUIDANCE_SAMPLES.find((shown) => shown.topic === topic && shown.perspective === perspective)?.role ?? ('student' as const),
          })),
        );

  const cards: PreviewCard[] = [
    { name: 'welcome', spec: buildWelcomeCard(context) },
    { name: 'question-perspective', spec: buildQuestionCard(context, { step: 'perspective', flow: {} }) },
    { name: 'question-topic', spec: buildQuestionCard(context, { step: 'topic', flow: { perspective: 'witness' } }) },
    {
      name: 'question-topic-likely',
      spec: buildQuestionCard(context, {
        step: 'topic',
        flow: { perspective: 'witness' },
        likelyTopics: ['bullying', 'aggression'],
        understood: sample.understood,
      }),
    },
    { name: 'question-danger', spec: buildQuestionCard(context, { step: 'danger', flow: { perspective: 'witness', topic: 'bullying' } }) },
    { name: 'question-danger-first', spec: buildQuestionCard(context, { step: 'danger', flow: {}, likelyTopics: ['aggression', 'bullying'], dangerFirst: true }) },
    {
      name: 'question-role',
      spec: buildQuestionCard(context, { step: 'role', flow: { perspective: 'witness', topic: 'bullying', urgent: false } }),
    },
  ];
  for (const { topic, perspective, role } of guidanceShown) {
    const guidance = resolveGuidance(content, { topic, perspective, role, locale });
    cards.push({
      name: `guidance-${topic}-${perspective}`,
      spec: buildGuidanceCard(context, guidance, { topic, perspective, urgent: false }),
    });
  }
  cards.push(
    { name: 'emergency', spec: buildEmergencyCard(context) },
    { name: 'code-of-conduct', spec: buildCodeOfConductCard(context) },
    { name: 'reporting', spec: buildReportingCard(context) },
    { name: 'training', spec: buildTrainingCard(context) },
    { name: 'privacy', spec: buildPrivacyCard(context, { auditRetentionDays: DEFAULT_AUDIT_RETENTION_DAYS }) },
    {
      name: 'notice',
      spec: buildNoticeCard({
        title: t('feedback.thanks.title'),
        text: t('feedback.thanks.notHelped'),
        buttons: [
          { title: t('guidance.talk'), action: { verb: 'handoff.start', flow: { topic: 'bullying', perspective: 'witness' } } },
          { title: t('common.menu'), action: { verb: 'welcome.show' } },
        ],
      }),
    },
    { name: 'handoff-consent', spec: buildHandoffConsentCard(context, { topic: 'bullying', perspective: 'witness', urgent: false }) },
    {
      name: 'handoff-consent-people-changed',
      spec: buildHandoffConsentCard(context, { topic: 'bullying', perspective: 'witness' }, { mode: 'anonymous', message: sample.requesterMessage, contact: 'call', urgent: 'false', notSentBecause: 'peopleChanged' }),
    },
    {
      name: 'handoff-consent-older-form',
      spec: buildHandoffConsentCard(context, { topic: 'research-integrity' }, { mode: 'named', message: sample.requesterMessage, notSentBecause: 'olderForm' }),
    },
    { name: 'handoff-status', spec: buildHandoffStatusCard(context, sampleCase(locale, sample), 'confirmed', PREVIEW_NOW) },
    {
      name: 'handoff-status-claimed',
      spec: buildHandoffStatusCard(
        context,
        sampleCase(locale, sample, { mode: 'named', status: 'claimed', claimedBy: ADVISOR, claimedAt: PREVIEW_NOW.toISOString() }),
        'claimed',
        PREVIEW_NOW,
      ),
    },
    {
      name: 'handoff-status-added-to-open',
      spec: buildHandoffStatusCard(context, sampleCase(locale, sample, { urgent: true }), 'alreadyOpen', PREVIEW_NOW, { fate: 'added', urgent: true }),
    },
    {
      name: 'handoff-status-other-mode',
      spec: buildHandoffStatusCard(context, sampleCase(locale, sample, { mode: 'named' }), 'alreadyOpen', PREVIEW_NOW, { fate: 'otherMode', urgent: true }),
    },
    {
      name: 'handoff-status-other-pool',
      spec: buildHandoffStatusCard(context, sampleCase(locale, sample), 'alreadyOpen', PREVIEW_NOW, { fate: 'otherPool', urgent: false }),
    },
    {
      name: 'handoff-nobody-else',
      spec: buildNobodyElseCard(context, sampleCase(locale, sample, { status: 'claimed', claimedBy: ADVISOR, claimedAt: PREVIEW_NOW.toISOString() })),
    },
    {
      name: 'handoff-too-many-requests',
      spec: buildTooManyRequestsCard(context, { kind: 'advice', limit: 3, nextAllowedAt: '11:05', openRequest: sampleCase(locale, sample, { kind: 'team-dialogue' }) }),
    },
    { name: 'handoff-marked-urgent', spec: buildNoticeCard({ title: t('handoff.markedUrgent.title'), text: t('handoff.markedUrgent.followUp', { code: keepOnOneLine(CASE_CODE) }) }) },
    {
      // Two requests with an adviser each (after the upgrade from unkeyed person keys): the person chooses whose the words are.
      name: 'handoff-relay-choice',
      spec: buildRelayChoiceCard(context, {
        requests: [
          sampleCase(locale, sample, { status: 'claimed', claimedBy: ADVISOR, claimedAt: PREVIEW_NOW.toISOString() }),
          sampleCase(locale, sample, {
            id: OTHER_CASE_ID,
            code: OTHER_CASE_CODE,
            topic: 'research-integrity',
            pool: 'research-integrity',
            status: 'claimed',
            claimedBy: ADVISOR,
            claimedAt: PREVIEW_NOW.toISOString(),
          }),
        ],
        message: sample.requesterMessage,
        messageId: '1733570400000',
        maxLength: 2000,
      }),
    },
    { name: 'advisor-case-open', spec: buildAdvisorCaseCard(context, sampleCase(locale, sample), { userId: ADVISOR.userId }, [ADVISOR.userId]) },
    {
      name: 'advisor-case-added-urgent',
      spec: buildAdvisorCaseCard(
        context,
        sampleCase(locale, sample, { urgent: true, addedMessages: [{ id: 'preview', at: PREVIEW_NOW.toISOString(), text: sample.requesterMessage }] }),
        { userId: ADVISOR.userId },
        [ADVISOR.userId],
      ),
    },
    {
      name: 'advisor-case-claimed',
      spec: buildAdvisorCaseCard(
        context,
        sampleCase(locale, sample, { status: 'claimed', claimedBy: ADVISOR, claimedAt: PREVIEW_NOW.toISOString() }),
        { userId: ADVISOR.userId },
        [ADVISOR.userId],
      ),
    },
    {
      name: 'advisor-case-dialogue',
      spec: buildAdvisorCaseCard(
        context,
        sampleCase(locale, sample, {
          kind: 'team-dialogue',
          mode: 'named',
          message: null,
          requester: { personKey: 'preview', displayName: 'Sanne de Vries' },
          dialogue: { team: 'Afdeling Cardiologie', teamSize: t('dialogue.size.medium'), preferredPeriod: 'maart', reason: sample.dialogueReason, contact: 'Teams' },
        }),
        { userId: ADVISOR.userId },
        [],
      ),
    },
    {
      name: 'relay-message-to-advisor',
      spec: buildRelayMessageCard(context, { direction: 'toAdvisor', code: CASE_CODE, caseId: CASE_ID, message: sample.requesterMessage }),
    },
    {
      name: 'relay-message-to-requester',
      spec: buildRelayMessageCard(context, { direction: 'toRequester', code: CASE_CODE, caseId: CASE_ID, message: sample.advisorMessage }),
    },
    { name: 'dialogue-request', spec: buildDialogueRequestCard(context) },
    { name: 'dialogue-request-one-to-one', spec: buildDialogueRequestCard(context, 'one-to-one') },
    { name: 'write-it-down', spec: buildWriteItDownCard(context) },
    { name: 'check-in-reminder', spec: buildCheckInReminderCard(context, 'bullying') },
    { name: 'reminder-offer', spec: buildReminderOfferCard(context, { topic: 'bullying', hours: { morningHour: 9, afterShiftHour: 17 }, days: { first: '2026-12-06', last: '2027-01-05' } }) },
    { name: 'reminder-offer-refused', spec: buildReminderOfferCard(context, { topic: 'bullying', hours: { morningHour: 9, afterShiftHour: 17 }, days: { first: '2026-12-06', last: '2027-01-05' }, refused: { problem: t('reminder.chosenMoment.passed'), day: '2026-12-06', time: '07:30' } }) },
    {
      name: 'cases-with-colleagues',
      spec: buildCasesWithColleaguesCard(context, {
        cases: [
          { code: 'VK-7KQ2-M4TX', kind: 'advice', pool: 'confidential-advisers', createdAt: '2026-12-01T09:15:00Z' },
          { code: 'VK-R9WD-2HCN', kind: 'team-dialogue', createdAt: '2026-12-03T14:40:00Z' },
        ],
        buttons: [{ title: t('advisor.openCases.button.all'), action: { verb: 'cases.list' } }],
      }),
    },
    { name: 'written-note', spec: buildWrittenNoteCard(context, sample.note, { at: PREVIEW_NOW }) },
  );
  const report = sampleInsightsReport();
  const summary = summariseInsights(report);
  cards.push(
    { name: 'insights-summary', spec: buildInsightsSummaryCard(context, summary, options.chart, report.kAnonymityThreshold) },
    { name: 'insights-summary-empty', spec: buildInsightsSummaryCard(context, { ...summary, period: null, weeks: 0 }, null, report.kAnonymityThreshold) },
  );
  return cards;
}

/** The cards as `npm run cards:preview` draws them: realistic texts, the real chart, one guidance card per perspective. */
export async function previewCards(content: AppContent, locale: Locale): Promise<PreviewCard[]> {
  const report = sampleInsightsReport();
  const chart = await chartPngDataUri(renderWeeklyChartSvg(report, SUMMARY_WEEKS, reportTexts(cardContextFor(content, locale).t)));
  return sampleCards(content, locale, { chart, guidance: 'samples' });
}

/** Eight weeks of a campaign's counts, with some cells small enough to be suppressed. */
function sampleInsightsReport(): InsightsReport {
  const weeks = Array.from({ length: SUMMARY_WEEKS }, (_, index) => `2026-W${String(index + 3).padStart(2, '0')}` as IsoWeek);
  const weekly: Record<string, number> = {
    'guidance:shown': 64, 'topic:bullying': 19, 'topic:sexual-harassment': 11, 'topic:discrimination': 9, 'topic:aggression': 14,
    'topic:abuse-of-power': 6, 'topic:research-integrity': 2, 'topic:other-integrity': 3, 'feedback:helpful': 23,
    'feedback:not-helpful': 6, 'urgent-route:shown': 3, 'handoff:requested': 7, 'handoff:claimed': 6, 'dialogue:requested': 1,
  };
  return publishInsights({
    requested: { from: '2026-01-12', to: '2026-03-08' },
    weeks: weeks.map((week, index) => ({
      week,
      counts: countsFromDistinctPeople(
        new Map(COUNTER_NAMES.filter((name) => name in weekly).map((name) => [name, Math.round(weekly[name]! * (0.7 + ((index * 37) % 9) / 10))])),
        new Map([['0-5', 1], ['5-15', 2], ['15-30', 2], ['30-60', 1]]),
      ),
    })),
    weeksNotYetClosed: [],
    kAnonymityThreshold: 5,
  });
}

const CASE_ID = '5f0c9a7e2b8d4c1a9e6f3b2d7c4a1e08';
const CASE_CODE = 'VK-7KQ2-M4TX';
const OTHER_CASE_ID = '9a1e4c7b2d8f4a0c8e5b3d6f1a7c2e94';
const OTHER_CASE_CODE = 'VK-R3DW-9PLN';
const ADVISOR = { userId: '3b9c2f4e-7a1d-4e8b-9c6f-2d5a8e1b7c40', displayName: 'Femke Visser' } as const;

const sampleTexts: Record<Locale, WrittenByPeople> = {
  nl: {
    understood: 'pesten door een collega',
    requesterMessage:
      'Een collega op mijn afdeling wordt al weken buitengesloten bij de overdracht. Ik weet niet of ik het moet aankaarten bij onze leidinggevende.',
    advisorMessage: 'Dank voor je bericht. Zullen we donderdag om 14.00 uur even bellen? Je kunt ook anoniem blijven.',
    dialogueReason: 'Sinds de reorganisatie praten de dag- en nachtdienst niet meer met elkaar; bij de overdracht vallen harde woorden.',
    note: {
      what: 'Bij de overdracht zei een collega tegen de nieuwe verpleegkundige dat ze "toch niets kan" en dat ze beter kon vertrekken.',
      whenDate: '2026-03-09',
      whenTime: '07:45',
      where: 'Teampost afdeling 4 Noord',
      who: 'Twee verpleegkundigen van de dagdienst, de afdelingssecretaresse',
      said: '"Jij kunt toch niets, ga maar naar huis."',
      did: 'Ik heb gevraagd of ze even mee wilde lopen en later gevraagd hoe het met haar ging.',
    },
  },
  en: {
    understood: 'bullying by a colleague',
    requesterMessage:
      'A colleague on my ward has been left out of the handover for weeks. I do not know whether to raise it with our manager.',
    advisorMessage: 'Thank you for your message. Shall we have a call on Thursday at 2 pm? You can stay anonymous.',
    dialogueReason: 'Since the reorganisation the day and night shifts no longer talk to each other; harsh words fly at the handover.',
    note: {
      what: 'At the handover a colleague told the new nurse that she "can\'t do anything anyway" and had better leave.',
      whenDate: '2026-03-09',
      whenTime: '07:45',
      where: 'Nurses\' station, ward 4 North',
      who: 'Two nurses of the day shift, the ward secretary',
      said: '"You can\'t do anything anyway, just go home."',
      did: 'I asked her to walk with me for a moment and later asked how she was doing.',
    },
  },
};

function sampleCase(locale: Locale, written: WrittenByPeople, overrides: Partial<HandoffCase> = {}): HandoffCase {
  const requested = newHandoffCase(
    {
      id: CASE_ID,
      code: CASE_CODE,
      kind: 'advice',
      mode: 'anonymous',
      requester: { personKey: 'preview' },
      locale,
      topic: 'bullying',
      perspective: 'witness',
      urgent: false,
      contactPreference: 'teams-chat',
      message: written.requesterMessage,
      dialogue: null,
    },
    PREVIEW_NOW,
  );
  return { ...requested, status: 'notified', notifiedAt: PREVIEW_NOW.toISOString(), ...overrides };
}
