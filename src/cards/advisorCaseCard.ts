import { poolOfCase } from '../handoff/adviserPools';
import type { Advisor, HandoffCase } from '../handoff/handoffCase';
import { FOLLOW_UP_DAYS, OUTCOME_CATEGORIES, canRecordOutcome, isRelayedThroughBot, latestOffer } from '../handoff/handoffCase';
import type { CardLink } from './cardActions';
import { isOfferedTo, isTakenByColleague, wasMovedAwayFrom } from '../handoff/caseVisibility';
import type { AdvisorCardData, AdvisorCardVerb } from './cardActions';
import type { CardContext } from './cardContext';
import type { CardSpec } from './cardRenderer';
import { literalText } from './literalText';
import { teamsChatLink } from './handoffCards';
import { formatMoment } from '../i18n/formatMoment';
import type { StringKey } from '../i18n/stringKeys';

export interface AdvisorCaseAction {
  readonly title: string;
  readonly verb: AdvisorCardVerb;
  readonly data: AdvisorCardData;
  readonly style: 'default' | 'positive' | 'destructive';
}

export interface AdvisorCaseCardData {
  readonly title: string;
  /** On a line of its own that never wraps: advisers read it out and search for it. */
  readonly code: string;
  readonly urgentBadge: string | null;
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
  /** The claimer may offer the case to a colleague of the pool, chosen here. */
  readonly canHandOver: boolean;
  readonly handOverLabel: string;
  readonly handOverPlaceholder: string;
  readonly handOverChoices: readonly { readonly title: string; readonly value: string }[];
  readonly actions: readonly AdvisorCaseAction[];
  /** "Chat with <name>" for a requester who chose to be named (they consented to being contacted in Teams). */
  readonly links: readonly CardLink[];
  readonly refreshData: { readonly caseId: string };
  readonly refreshUserIds: readonly string[];
}

export interface AdvisorCardViewer {
  /** Entra object id of the advisor looking at the card. */
  readonly userId: string;
  /** The adviser's own time zone (from Teams); without it, the pool's office-hours zone. */
  readonly timeZone?: string;
  /** When the card is drawn, for the waiting time; a card drawn without it shows none. */
  readonly now?: Date;
  /** For the claimer: the colleagues of the pool they can hand the case to. */
  readonly handOverCandidates?: readonly Advisor[];
  /** What the viewer's own action on the card came to ("sent", "not yours"), after the status. */
  readonly notice?: string;
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
  const pool = poolOfCase(content.adviserPools, handoffCase);
  if (wasMovedAwayFrom(handoffCase, viewer.userId)) {
    return codeOnlyCard(context, handoffCase, pool.title[locale], 'advisor.status.movedAway', refreshUserIds, viewer.notice);
  }
  if (isTakenByColleague(handoffCase, viewer.userId)) return takenByColleagueCard(context, handoffCase, pool.title[locale], refreshUserIds, viewer.notice);
  const offeredToViewer = isOfferedTo(handoffCase, viewer.userId);
  const isClaimer = handoffCase.status === 'claimed' && handoffCase.claimedBy?.userId === viewer.userId;
  const waiting = handoffCase.status === 'requested' || handoffCase.status === 'notified';
  const timeZone = viewer.timeZone ?? pool.officeHours?.timeZone ?? content.organisation.officeHours.timeZone;
  const when = [
    { title: t('advisor.fact.created'), value: formatMoment(new Date(handoffCase.createdAt), { locale, timeZone }, 'caseCard') },
    ...(waiting && viewer.now ? [{ title: t('advisor.fact.waiting'), value: waitingTime(context, handoffCase.createdAt, viewer.now) }] : []),
  ];
  const facts =
    handoffCase.kind === 'team-dialogue' && handoffCase.dialogue
      ? [
          {
            title: t('advisor.fact.requester'),
            value: handoffCase.requester.displayName ? literalText(handoffCase.requester.displayName) : t('advisor.value.unknown'),
          },
          { title: t('advisor.fact.team'), value: literalText(handoffCase.dialogue.team) },
          ...(handoffCase.dialogue.format === 'one-to-one' ? [] : [{ title: t('advisor.fact.teamSize'), value: literalText(handoffCase.dialogue.teamSize) }]),
          { title: t('advisor.fact.period'), value: literalText(handoffCase.dialogue.preferredPeriod) },
          { title: t('advisor.fact.dialogueContact'), value: literalText(handoffCase.dialogue.contact) },
          { title: t('advisor.fact.language'), value: t(`advisor.language.${handoffCase.locale}`) },
          ...when,
        ]
      : [
          { title: t('advisor.fact.pool'), value: pool.title[locale] },
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
                ? literalText(handoffCase.requester.displayName)
                : t('advisor.value.anonymousRequester'),
          },
          { title: t('advisor.fact.language'), value: t(`advisor.language.${handoffCase.locale}`) },
          { title: t('advisor.fact.contact'), value: t(`handoff.contact.${handoffCase.contactPreference}`) },
          ...when,
        ];
  const actions: AdvisorCaseAction[] = [];
  if (waiting) actions.push({ title: t('advisor.claim'), verb: 'case.claim', data: { caseId }, style: 'positive' });
  const relayed = isClaimer && isRelayedThroughBot(handoffCase);
  const outcomeStillOpen = canRecordOutcome(handoffCase, viewer.userId);
  if (relayed) {
    actions.push({ title: t('advisor.reply'), verb: 'case.reply', data: { caseId }, style: 'positive' });
  }
  if (isClaimer) actions.push({ title: t('advisor.close'), verb: 'case.close', data: { caseId }, style: 'default' });
  const handOverChoices = isClaimer
    ? // A compact ChoiceSet (a dropdown) shows its titles as plain text: escapes would show as backslashes.
      (viewer.handOverCandidates ?? []).map((colleague) => ({ title: colleague.displayName, value: colleague.userId }))
    : [];
  if (handOverChoices.length > 0) actions.push({ title: t('advisor.handOver'), verb: 'case.handOver', data: { caseId }, style: 'default' });
  if (isClaimer && handoffCase.handOverTo) {
    actions.push({ title: t('advisor.withdrawHandOver'), verb: 'case.withdrawHandOver', data: { caseId, offer: latestOffer(handoffCase) }, style: 'default' });
  }
  if (isClaimer) actions.push({ title: t('advisor.release'), verb: 'case.release', data: { caseId }, style: 'default' });
  if (offeredToViewer) {
    actions.push(
      { title: t('advisor.acceptHandOver'), verb: 'case.acceptHandOver', data: { caseId }, style: 'positive' },
      { title: t('advisor.declineHandOver'), verb: 'case.declineHandOver', data: { caseId }, style: 'default' },
    );
  }
  if (outcomeStillOpen) actions.push({ title: t('advisor.recordOutcome'), verb: 'case.close', data: { caseId }, style: 'default' });
  const requesterName = handoffCase.requester.displayName;
  const links: CardLink[] =
    handoffCase.mode === 'named' && !isRelayedThroughBot(handoffCase) && handoffCase.requester.userId && requesterName
      ? [{ title: t('advisor.chatWith', { name: requesterName }), url: teamsChatLink(handoffCase.requester.userId) }]
      : [];

  return {
    template: 'advisor-case',
    data: {
      title:
        handoffCase.kind === 'team-dialogue'
          ? t(handoffCase.dialogue?.format === 'one-to-one' ? 'advisor.dialogue.oneToOneHeading' : 'advisor.dialogue.heading')
          : t('advisor.case.heading', { pool: pool.title[locale] }),
      code: handoffCase.code,
      urgentBadge: handoffCase.urgent ? t('advisor.urgentBadge') : null,
      headerStyle: waiting ? (handoffCase.urgent ? 'attention' : 'warning') : handoffCase.status === 'claimed' ? 'good' : 'emphasis',
      statusLine: withNotice(statusLine(context, handoffCase, timeZone, viewer.userId), viewer.notice),
      facts,
      messageTitle: t('advisor.messageTitle'),
      message: messageWithAdditions(context, handoffCase, timeZone),
      canReply: relayed,
      replyLabel: t('advisor.replyLabel'),
      canClose: isClaimer || outcomeStillOpen,
      outcomeLabel: t('advisor.outcomeLabel'),
      outcomePlaceholder: t('advisor.outcomePlaceholder'),
      outcomes: OUTCOME_CATEGORIES.map((outcome) => ({ title: t(`advisor.outcome.${outcome}`), value: outcome })),
      followUpLabel: t('advisor.followUpLabel', { days: FOLLOW_UP_DAYS }),
      canHandOver: handOverChoices.length > 0,
      handOverLabel: t('advisor.handOverLabel'),
      handOverPlaceholder: t('advisor.handOverPlaceholder'),
      handOverChoices,
      actions,
      links,
      refreshData: { caseId },
      refreshUserIds,
    },
  };
}

/** What every adviser but the claimer sees of a claimed case: its code and that a colleague has it. */
function takenByColleagueCard(
  context: CardContext,
  handoffCase: HandoffCase,
  poolTitle: string,
  refreshUserIds: readonly string[],
  notice?: string,
): CardSpec<AdvisorCaseCardData> {
  return codeOnlyCard(context, handoffCase, poolTitle, 'advisor.status.takenByColleague', refreshUserIds, notice);
}

/**
 * What replaces a case's card in every adviser's chat once the case is purged (retention or
 * "forget me"): the code stays, so an adviser's own notes still match; the message and name go.
 */
export function buildPurgedCaseCard(
  context: CardContext,
  purged: Pick<HandoffCase, 'id' | 'code' | 'kind' | 'pool'>,
): CardSpec<AdvisorCaseCardData> {
  const poolTitle = poolOfCase(context.content.adviserPools, purged).title[context.locale];
  return codeOnlyCard(context, purged, poolTitle, 'advisor.status.purged', []);
}

/**
 * A case's card in the chat of someone no longer in its pool (taken out of the group since the card
 * came): the code stays for their notes; nothing the requester wrote or added reaches them any more.
 */
export function buildFormerAdviserCaseCard(context: CardContext, handoffCase: Pick<HandoffCase, 'id' | 'code' | 'kind' | 'pool'>): CardSpec<AdvisorCaseCardData> {
  const poolTitle = poolOfCase(context.content.adviserPools, handoffCase).title[context.locale];
  return codeOnlyCard(context, handoffCase, poolTitle, 'advisor.status.notInPoolAnymore', []);
}

/**
 * A case's card drawn while the directory refuses to say who may read it (the group deleted, the bot's permission
 * taken away): the code and where the case stands, nothing the requester wrote, so a cancel or close still shows.
 */
export function buildUncheckedAdviserCaseCard(context: CardContext, handoffCase: Pick<HandoffCase, 'id' | 'code' | 'kind' | 'pool' | 'status'>): CardSpec<AdvisorCaseCardData> {
  const poolTitle = poolOfCase(context.content.adviserPools, handoffCase).title[context.locale];
  const status: StringKey =
    handoffCase.status === 'requested' || handoffCase.status === 'notified'
      ? 'advisor.status.open'
      : handoffCase.status === 'claimed'
        ? 'advisor.status.claimedUnchecked'
        : `advisor.status.${handoffCase.status}`;
  return codeOnlyCard(context, handoffCase, poolTitle, status, [], context.t('advisor.notice.poolUnchecked'));
}

/**
 * The case card in the pool's team channel, the same for everyone who reads the channel: while
 * the request waits, what every adviser of the pool sees in their own chat (Claim included);
 * from the claim on, only the code and the status, as a colleague of the claimer sees it.
 */
export function buildChannelCaseCard(context: CardContext, handoffCase: HandoffCase, now: Date, notice?: string): CardSpec<AdvisorCaseCardData> {
  const poolTitle = poolOfCase(context.content.adviserPools, handoffCase).title[context.locale];
  if (handoffCase.status === 'requested' || handoffCase.status === 'notified') {
    if (!handoffCase.movedAwayFrom?.length) return buildAdvisorCaseCard(context, handoffCase, { userId: '', now, notice }, []);
    // The adviser the requester moved away from may read the channel: the code and Claim only; the rest is in each adviser's own card.
    const codeOnly = codeOnlyCard(context, handoffCase, poolTitle, 'advisor.status.open', [], notice);
    const claimAction: AdvisorCaseAction = { title: context.t('advisor.claim'), verb: 'case.claim', data: { caseId: handoffCase.id }, style: 'positive' };
    return { ...codeOnly, data: { ...codeOnly.data, actions: [claimAction] } };
  }
  const status: StringKey = handoffCase.status === 'claimed' ? 'advisor.status.takenByColleague' : `advisor.status.${handoffCase.status}`;
  return codeOnlyCard(context, handoffCase, poolTitle, status, []);
}

/** An adviser's earlier card for a case, once a newer one was posted below it (a hand-over offer): the code and a pointer. */
export function buildSupersededCaseCard(context: CardContext, handoffCase: Pick<HandoffCase, 'id' | 'code' | 'kind' | 'pool'>): CardSpec<AdvisorCaseCardData> {
  const poolTitle = poolOfCase(context.content.adviserPools, handoffCase).title[context.locale];
  return codeOnlyCard(context, handoffCase, poolTitle, 'advisor.status.newerCardBelow', []);
}

function codeOnlyCard(
  { t }: CardContext,
  handoffCase: Pick<HandoffCase, 'id' | 'code' | 'kind'>,
  poolTitle: string,
  statusKey: StringKey,
  refreshUserIds: readonly string[],
  notice?: string,
): CardSpec<AdvisorCaseCardData> {
  return {
    template: 'advisor-case',
    data: {
      title: t(handoffCase.kind === 'team-dialogue' ? 'advisor.dialogue.heading' : 'advisor.case.heading', { pool: poolTitle }),
      code: handoffCase.code,
      urgentBadge: null,
      headerStyle: 'emphasis',
      statusLine: withNotice(t(statusKey), notice),
      facts: [],
      messageTitle: t('advisor.messageTitle'),
      message: null,
      canReply: false,
      replyLabel: t('advisor.replyLabel'),
      canClose: false,
      outcomeLabel: t('advisor.outcomeLabel'),
      outcomePlaceholder: t('advisor.outcomePlaceholder'),
      outcomes: [],
      followUpLabel: t('advisor.followUpLabel', { days: FOLLOW_UP_DAYS }),
      canHandOver: false,
      handOverLabel: t('advisor.handOverLabel'),
      handOverPlaceholder: t('advisor.handOverPlaceholder'),
      handOverChoices: [],
      actions: [],
      links: [],
      refreshData: { caseId: handoffCase.id },
      refreshUserIds,
    },
  };
}

function withNotice(status: string, notice: string | undefined): string {
  return notice ? `${status} · ${notice}` : status;
}

function statusLine({ t, locale }: CardContext, handoffCase: HandoffCase, timeZone: string, viewerUserId: string): string {
  switch (handoffCase.status) {
    case 'requested':
    case 'notified':
      return t(handoffCase.escalatedAt ? 'advisor.status.escalated' : 'advisor.status.open');
    case 'claimed': {
      const time = formatMoment(new Date(handoffCase.claimedAt ?? handoffCase.createdAt), { locale, timeZone }, 'caseCard');
      const claimed = t('advisor.status.claimed', { advisor: literalText(handoffCase.claimedBy?.displayName ?? ''), time });
      const offeredTo = handoffCase.handOverTo;
      if (!offeredTo) return claimed;
      if (offeredTo.userId === viewerUserId) {
        return t('advisor.status.offeredToYou', { advisor: literalText(handoffCase.claimedBy?.displayName ?? '') });
      }
      return `${claimed} · ${t('advisor.status.offeredTo', { colleague: literalText(offeredTo.displayName) })}`;
    }
    default:
      return t(`advisor.status.${handoffCase.status}`);
  }
}

/**
 * What the requester wrote: the words sent with the request, then each message they added while it
 * was open, under when they added it (one TextRun: their words stay plain text).
 */
function messageWithAdditions({ t, locale }: CardContext, handoffCase: HandoffCase, timeZone: string): string | null {
  const first = handoffCase.kind === 'team-dialogue' ? (handoffCase.dialogue?.reason ?? null) : handoffCase.message;
  const added = (handoffCase.addedMessages ?? []).map(
    (message) => `${t('advisor.addedMessage', { time: formatMoment(new Date(message.at), { locale, timeZone }, 'caseCard') })}\n${message.text}`,
  );
  const parts = [...(first ? [first] : []), ...added];
  return parts.length > 0 ? parts.join('\n\n') : null;
}

/** "12 min", "2 h 5 min", "3 days": how long a request has waited, in whole minutes. */
function waitingTime({ t }: CardContext, since: string, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - new Date(since).getTime()) / 60_000));
  if (minutes < 60) return t('advisor.waiting.minutes', { minutes });
  if (minutes < 48 * 60) return t('advisor.waiting.hours', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
  return t('advisor.waiting.days', { days: Math.floor(minutes / (24 * 60)) });
}
