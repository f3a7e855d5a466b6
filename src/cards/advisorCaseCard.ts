import type { HandoffCase } from '../handoff/handoffCase';
import { OUTCOME_CATEGORIES, canRecordOutcome, isRelayedThroughBot } from '../handoff/handoffCase';
import { isTakenByColleague } from '../handoff/caseVisibility';
import type { CardContext } from './cardContext';
import type { CardSpec } from './cardRenderer';

export interface AdvisorCaseAction {
  readonly title: string;
  readonly verb: 'case.claim' | 'case.reply' | 'case.close' | 'case.refresh';
  readonly data: { readonly caseId: string };
  readonly style: 'default' | 'positive' | 'destructive';
}

export interface AdvisorCaseCardData {
  readonly title: string;
  /** On a line of its own that never wraps, so a phone never splits it. */
  readonly code: string;
  readonly headerStyle: 'attention' | 'warning' | 'good' | 'emphasis';
  readonly statusLine: string;
  readonly facts: readonly { readonly title: string; readonly value: string }[];
  readonly messageTitle: string;
  /** The requester's own words: rendered as a TextRun, so Markdown and links stay plain text. */
  readonly message: string | null;
  readonly canReply: boolean;
  readonly replyLabel: string;
  readonly canClose: boolean;
  readonly outcomeLabel: string;
  readonly outcomePlaceholder: string;
  readonly outcomes: readonly { readonly title: string; readonly value: string }[];
  readonly followUpLabel: string;
  readonly actions: readonly AdvisorCaseAction[];
  readonly refreshData: { readonly caseId: string };
  readonly refreshUserIds: readonly string[];
}

export interface AdvisorCardViewer {
  /** Entra object id of the advisor looking at the card. */
  readonly userId: string;
}

/**
 * The card advisors see for a case, drawn for one viewer: the claimer gets reply and
 * close, others see who claimed it. Universal Actions refresh it for every advisor listed
 * in `refreshUserIds` when they open the chat.
 */
export function buildAdvisorCaseCard(
  context: CardContext,
  handoffCase: HandoffCase,
  viewer: AdvisorCardViewer,
  refreshUserIds: readonly string[],
): CardSpec<AdvisorCaseCardData> {
  const { t, content, locale } = context;
  const caseId = handoffCase.id;
  if (isTakenByColleague(handoffCase, viewer.userId)) return takenByColleagueCard(context, handoffCase, refreshUserIds);
  const isClaimer = handoffCase.status === 'claimed' && handoffCase.claimedBy?.userId === viewer.userId;
  const waiting = handoffCase.status === 'requested' || handoffCase.status === 'notified';
  const facts =
    handoffCase.kind === 'team-dialogue' && handoffCase.dialogue
      ? [
          { title: t('advisor.fact.requester'), value: handoffCase.requester.displayName ?? t('advisor.value.unknown') },
          { title: t('advisor.fact.team'), value: handoffCase.dialogue.team },
          { title: t('advisor.fact.teamSize'), value: handoffCase.dialogue.teamSize },
          { title: t('advisor.fact.period'), value: handoffCase.dialogue.preferredPeriod },
          { title: t('advisor.fact.dialogueContact'), value: handoffCase.dialogue.contact },
          { title: t('advisor.fact.language'), value: t(`advisor.language.${handoffCase.locale}`) },
        ]
      : [
          {
            title: t('advisor.fact.topic'),
            value: handoffCase.topic ? content.guidance[handoffCase.topic].title[locale] : t('advisor.value.unknown'),
          },
          {
            title: t('advisor.fact.perspective'),
            value: handoffCase.perspective ? t(`perspective.${handoffCase.perspective}`) : t('advisor.value.unknown'),
          },
          { title: t('advisor.fact.urgency'), value: t(handoffCase.urgent ? 'advisor.value.urgent' : 'advisor.value.notUrgent') },
          { title: t('advisor.fact.mode'), value: t(`handoff.modeShort.${handoffCase.mode}`) },
          {
            title: t('advisor.fact.requester'),
            value:
              handoffCase.mode === 'named' && handoffCase.requester.displayName
                ? handoffCase.requester.displayName
                : t('advisor.value.anonymousRequester'),
          },
          { title: t('advisor.fact.language'), value: t(`advisor.language.${handoffCase.locale}`) },
          { title: t('advisor.fact.contact'), value: t(`handoff.contact.${handoffCase.contactPreference}`) },
        ];
  const actions: AdvisorCaseAction[] = [];
  if (waiting) actions.push({ title: t('advisor.claim'), verb: 'case.claim', data: { caseId }, style: 'positive' });
  const relayed = isClaimer && isRelayedThroughBot(handoffCase);
  const outcomeStillOpen = canRecordOutcome(handoffCase, viewer.userId);
  if (relayed) {
    actions.push({ title: t('advisor.reply'), verb: 'case.reply', data: { caseId }, style: 'positive' });
  }
  if (isClaimer) actions.push({ title: t('advisor.close'), verb: 'case.close', data: { caseId }, style: 'default' });
  if (outcomeStillOpen) actions.push({ title: t('advisor.recordOutcome'), verb: 'case.close', data: { caseId }, style: 'default' });

  return {
    template: 'advisor-case',
    data: {
      title: t(handoffCase.kind === 'team-dialogue' ? 'advisor.dialogue.title' : 'advisor.case.title'),
      code: handoffCase.code,
      headerStyle: waiting ? (handoffCase.urgent ? 'attention' : 'warning') : handoffCase.status === 'claimed' ? 'good' : 'emphasis',
      statusLine: statusLine(context, handoffCase),
      facts,
      messageTitle: t('advisor.messageTitle'),
      message: handoffCase.kind === 'team-dialogue' ? (handoffCase.dialogue?.reason ?? null) : handoffCase.message,
      canReply: relayed,
      replyLabel: t('advisor.replyLabel'),
      canClose: isClaimer || outcomeStillOpen,
      outcomeLabel: t('advisor.outcomeLabel'),
      outcomePlaceholder: t('advisor.outcomePlaceholder'),
      outcomes: OUTCOME_CATEGORIES.map((outcome) => ({ title: t(`advisor.outcome.${outcome}`), value: outcome })),
      followUpLabel: t('advisor.followUpLabel'),
      actions,
      refreshData: { caseId },
      refreshUserIds,
    },
  };
}

/** What every adviser but the claimer sees of a claimed case: its code and that a colleague has it. */
function takenByColleagueCard(
  { t }: CardContext,
  handoffCase: HandoffCase,
  refreshUserIds: readonly string[],
): CardSpec<AdvisorCaseCardData> {
  return {
    template: 'advisor-case',
    data: {
      title: t(handoffCase.kind === 'team-dialogue' ? 'advisor.dialogue.title' : 'advisor.case.title'),
      code: handoffCase.code,
      headerStyle: 'emphasis',
      statusLine: t('advisor.status.takenByColleague'),
      facts: [],
      messageTitle: t('advisor.messageTitle'),
      message: null,
      canReply: false,
      replyLabel: t('advisor.replyLabel'),
      canClose: false,
      outcomeLabel: t('advisor.outcomeLabel'),
      outcomePlaceholder: t('advisor.outcomePlaceholder'),
      outcomes: [],
      followUpLabel: t('advisor.followUpLabel'),
      actions: [],
      refreshData: { caseId: handoffCase.id },
      refreshUserIds,
    },
  };
}

function statusLine({ t, content }: CardContext, handoffCase: HandoffCase): string {
  switch (handoffCase.status) {
    case 'requested':
    case 'notified':
      return t(handoffCase.escalatedAt ? 'advisor.status.escalated' : 'advisor.status.open');
    case 'claimed': {
      const time = claimedAtFormat(content.organisation.officeHours.timeZone).format(new Date(handoffCase.claimedAt ?? handoffCase.createdAt));
      return t('advisor.status.claimed', { advisor: handoffCase.claimedBy?.displayName ?? '', time });
    }
    default:
      return t(`advisor.status.${handoffCase.status}`);
  }
}

// Building an Intl.DateTimeFormat costs more than formatting with it; every refresh of every advisor's card formats.
const claimedAtFormats = new Map<string, Intl.DateTimeFormat>();

function claimedAtFormat(timeZone: string): Intl.DateTimeFormat {
  let format = claimedAtFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('nl-NL', { timeZone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
    claimedAtFormats.set(timeZone, format);
  }
  return format;
}
