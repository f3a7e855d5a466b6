import type { FlowState } from '../guidance/guidedFlow';
import { poolForTopic, poolOfCase, type ConsentCardAudience, type DeployedPool } from '../handoff/adviserPools';
import { CASE_MODES, CONTACT_PREFERENCES, isOpen, isRelayedThroughBot, type CaseMode, type ContactPreference, type HandoffCase } from '../handoff/handoffCase';
import { isWithinOfficeHours } from '../handoff/officeHours';
import type { AddedMessageFate } from '../handoff/openRequestAdditions';
import type { CardButton, CardLink, StyledCardButton } from './cardActions';
import { emergencyLine, menuButton, type CardContext } from './cardContext';
import type { CardSpec } from './cardRenderer';
import { literalText } from './literalText';
import { buildNoticeCard, type NoticeCardData } from './noticeCard';
import { keepOnOneLine } from './keepOnOneLine';
import type { StringKey } from '../i18n/stringKeys';

/** The requester's side of a handoff: consent, confirmation and status. */

export interface HandoffConsentCardData {
  readonly title: string;
  /** Why the card is shown again with nothing sent: its people changed since, or the card was from an earlier version. */
  readonly notSent?: string;
  readonly whoAreAdvisors: string;
  readonly sharedTitle: string;
  readonly shared: readonly { readonly text: string }[];
  readonly notSharedTitle: string;
  readonly notShared: readonly { readonly text: string }[];
  readonly modeLabel: string;
  readonly modeError: string;
  readonly modeDefault: string;
  readonly modes: readonly { readonly title: string; readonly value: string }[];
  readonly messageLabel: string;
  readonly messagePlaceholder: string;
  readonly messageDefault: string;
  readonly contactLabel: string;
  readonly contactDefault: string;
  readonly contacts: readonly { readonly title: string; readonly value: string }[];
  readonly urgentLabel: string;
  readonly urgentDefault: string;
  readonly emergencyLine: string;
  readonly sendTitle: string;
  readonly sendAction: CardButton['action'];
  readonly cancelTitle: string;
  readonly cancelAction: CardButton['action'];
}

/** What the person filled in on a consent card whose request was not sent, to fill in again. */
export interface ConsentAsFilledIn {
  readonly mode: CaseMode;
  readonly message?: string;
  readonly contact?: ContactPreference;
  readonly urgent?: 'true' | 'false';
  readonly notSentBecause: Exclude<ConsentCardAudience, 'samePeople'>;
}

/**
 * The consent card; `filledIn` when it is shown again because nothing was sent (the people changed since the card the
 * person pressed "Send request" on, or that card was from an earlier version): it names who would see the request now
 * and keeps what they wrote and chose.
 */
export function buildHandoffConsentCard(context: CardContext, flow: FlowState, filledIn?: ConsentAsFilledIn): CardSpec<HandoffConsentCardData> {
  const { t, locale, content } = context;
  const pool = poolForTopic(content.adviserPools, flow.topic);
  const summary = [
    flow.topic ? content.guidance[flow.topic].title[locale] : undefined,
    flow.perspective ? t(`perspective.${flow.perspective}`) : undefined,
  ].filter(Boolean);
  return {
    template: 'handoff-consent',
    data: {
      title: t('handoff.consent.title', { member: pool.member[locale] }),
      ...(filledIn ? { notSent: t(`handoff.consent.${filledIn.notSentBecause}`, { pool: pool.name[locale] }) } : {}),
      whoAreAdvisors: `${pool.about[locale]} ${t(pool.hasBackup ? 'handoff.consent.whoSeesWithBackup' : 'handoff.consent.whoSees', { pool: pool.name[locale] })}`,
      sharedTitle: t('handoff.consent.sharedTitle'),
      shared: [
        ...(summary.length > 0 ? [t('handoff.consent.shared.summary', { summary: summary.join(' · ') })] : []),
        t('handoff.consent.shared.message'),
        t('handoff.consent.shared.details'),
        t('handoff.consent.shared.named'),
      ].map((text) => ({ text })),
      notSharedTitle: t('handoff.consent.notSharedTitle'),
      notShared: [t('handoff.consent.notShared.chat'), t('handoff.consent.notShared.anonymous')].map((text) => ({ text })),
      modeLabel: t('handoff.consent.modeLabel'),
      modeError: t('handoff.consent.modeError'),
      // Nothing is preselected: the person makes the choice about being named (or made it on the card they pressed).
      modeDefault: filledIn?.mode ?? '',
      modes: CASE_MODES.map((mode) => ({ title: t(`handoff.mode.${mode}`), value: mode })),
      messageLabel: t('handoff.consent.messageLabel'),
      messagePlaceholder: t('handoff.consent.messagePlaceholder'),
      messageDefault: filledIn?.message ?? '',
      contactLabel: t('handoff.consent.contactLabel'),
      contactDefault: filledIn?.contact ?? 'teams-chat',
      contacts: CONTACT_PREFERENCES.map((contact) => ({ title: t(`handoff.contact.${contact}`), value: contact })),
      urgentLabel: t('handoff.consent.urgentLabel'),
      urgentDefault: filledIn?.urgent ?? (flow.urgent ? 'true' : 'false'),
      emergencyLine: emergencyLine(context),
      sendTitle: t('handoff.consent.send'),
      sendAction: { verb: 'handoff.confirm', flow, pool: pool.id, backup: pool.hasBackup },
      cancelTitle: t('handoff.consent.cancel'),
      cancelAction: { verb: 'welcome.show' },
    },
  };
}

export interface HandoffStatusCardData {
  readonly title: string;
  readonly facts: readonly { readonly title: string; readonly value: string }[];
  readonly text: string;
  readonly emergencyLine: string;
  readonly links: readonly CardLink[];
  /** "Show my name" and "Ask for another adviser", in a row of their own: their titles are long and the choices deserve the room. */
  readonly identityButtons: readonly StyledCardButton[];
  readonly buttons: readonly StyledCardButton[];
}

export type StatusCardReason = 'confirmed' | 'status' | 'alreadyOpen' | 'claimed' | 'cancelled' | 'closed' | 'chatInstead';

/**
 * A request sent while the person's request of that kind was open went to the open one: what
 * became of their words and whether it is marked urgent now.
 */
export interface AdditionToOpenRequest {
  readonly fate: AddedMessageFate;
  readonly urgent: boolean;
}

/** One card for every moment the requester looks at their case: just confirmed, status, updates. */
export function buildHandoffStatusCard(
  context: CardContext,
  handoffCase: HandoffCase,
  reason: StatusCardReason,
  now: Date,
  addition?: AdditionToOpenRequest,
): CardSpec<HandoffStatusCardData> {
  const { t, content, locale } = context;
  const pool = poolOfCase(content.adviserPools, handoffCase);
  const code = handoffCase.code;
  const advice = handoffCase.kind === 'advice';
  const open = isOpen(handoffCase);
  const title =
    reason === 'confirmed'
      ? t(handoffCase.kind !== 'team-dialogue' ? 'handoff.confirmed.title' : handoffCase.dialogue?.format === 'one-to-one' ? 'dialogue.oneToOne.confirmed.title' : 'dialogue.confirmed.title')
      : t('handoff.statusCard.title');
  const buttons: StyledCardButton[] = [];
  const identityButtons: StyledCardButton[] = [];
  if (open) {
    buttons.push({ title: t('handoff.button.status'), style: 'default', action: { verb: 'handoff.status' } });
    if (handoffCase.mode === 'anonymous' && handoffCase.kind === 'advice') {
      identityButtons.push({ title: t('handoff.button.reveal'), style: 'default', action: { verb: 'handoff.reveal', caseId: handoffCase.id } });
    }
    // Anonymous and a call or meeting need a number or a face; the chat needs neither.
    if (handoffCase.mode === 'anonymous' && handoffCase.kind === 'advice' && handoffCase.contactPreference !== 'teams-chat') {
      identityButtons.push({ title: t('handoff.button.chatInstead'), style: 'default', action: { verb: 'handoff.chatInstead', caseId: handoffCase.id } });
    }
    if (handoffCase.status === 'claimed' && handoffCase.kind === 'advice') {
      identityButtons.push({ title: t('handoff.button.anotherAdviser'), style: 'default', action: { verb: 'handoff.anotherAdviser', caseId: handoffCase.id } });
    }
    buttons.push(
      handoffCase.status === 'claimed'
        ? { title: t('handoff.button.close'), style: 'destructive', action: { verb: 'handoff.close', caseId: handoffCase.id } }
        : { title: t('handoff.button.cancel'), style: 'destructive', action: { verb: 'handoff.cancel', caseId: handoffCase.id } },
    );
  } else {
    buttons.push({ ...menuButton(context), style: 'default' });
  }
  const links: CardLink[] = [];
  if (reason === 'claimed' && conversationKind(handoffCase) === 'named' && handoffCase.claimedBy) {
    links.push({
      title: t('handoff.claimed.openChat', { advisor: handoffCase.claimedBy.displayName }),
      url: teamsChatLink(handoffCase.claimedBy.userId),
    });
  }
  return {
    template: 'handoff-status',
    data: {
      title,
      facts: [
        { title: t('handoff.fact.code'), value: code },
        { title: t('handoff.fact.status'), value: t(`handoff.status.${handoffCase.status}`) },
        { title: t('handoff.fact.mode'), value: t(`handoff.modeShort.${handoffCase.mode}`) },
        ...(advice
          ? [
              { title: t('handoff.fact.pool'), value: pool.title[locale] },
              { title: t('handoff.fact.contact'), value: t(`handoff.contact.${handoffCase.contactPreference}`) },
              ...(handoffCase.urgent ? [{ title: t('handoff.fact.urgency'), value: t('advisor.value.urgent') }] : []),
            ]
          : []),
      ],
      text: [...(addition ? [additionText(context, handoffCase, addition, pool.name[locale])] : []), statusText(context, handoffCase, reason, now, pool, addition)]
        .filter(Boolean)
        .join(' '),
      emergencyLine: emergencyLine(context),
      links,
      identityButtons,
      buttons,
    },
  };
}

/**
 * "Ask for another adviser" where nobody else could take the request: it stays where it is, the
 * person hears why and where else to go, and the numbers come with it as on the status card.
 */
export function buildNobodyElseCard(context: CardContext, handoffCase: HandoffCase): CardSpec<NoticeCardData> {
  const { t } = context;
  return buildNoticeCard({
    title: t('handoff.anotherAdviser.nobodyElseTitle'),
    text: `${t('handoff.anotherAdviser.nobodyElse', { code: keepOnOneLine(handoffCase.code) })} ${emergencyLine(context)}`,
    buttons: [
      { title: t('handoff.button.status'), action: { verb: 'handoff.status' } },
      { title: t('welcome.reporting'), action: { verb: 'info.reporting' } },
    ],
  });
}

/**
 * A new request over REQUESTS_PER_PERSON_PER_HOUR: not sent, when one may be, the person's open
 * request (of another kind) if they have one, and the numbers, since the limit never stands
 * between someone and help in danger.
 */
export function buildTooManyRequestsCard(
  context: CardContext,
  refused: { readonly kind: HandoffCase['kind']; readonly limit: number; readonly nextAllowedAt: string; readonly openRequest?: HandoffCase },
): CardSpec<NoticeCardData> {
  const { t } = context;
  const text = [
    t(refused.kind === 'team-dialogue' ? 'handoff.tooMany.dialogueText' : 'handoff.tooMany.text', { limit: refused.limit, time: refused.nextAllowedAt }),
    ...(refused.kind === 'advice' ? [t('handoff.tooMany.urgentIsSent', { urgentLabel: t('handoff.consent.urgentLabel') })] : []),
    ...(refused.openRequest ? [t('handoff.tooMany.openRequest', { code: keepOnOneLine(refused.openRequest.code) })] : []),
    emergencyLine(context),
  ];
  return buildNoticeCard({
    title: t('handoff.tooMany.title'),
    text: text.join(' '),
    buttons: refused.openRequest ? [{ title: t('handoff.button.status'), action: { verb: 'handoff.status' } }] : [menuButton(context)],
  });
}

/** What became of a request sent while one was open: added to it, marked urgent, or why the words were not added. */
function additionText({ t }: CardContext, handoffCase: HandoffCase, addition: AdditionToOpenRequest, poolName: string): string {
  const code = keepOnOneLine(handoffCase.code);
  const dialogue = handoffCase.kind === 'team-dialogue';
  const messages: Record<AddedMessageFate, StringKey | undefined> = {
    added: dialogue ? 'handoff.addedToOpen.dialogueAdded' : 'handoff.addedToOpen.added',
    alreadyThere: 'handoff.addedToOpen.alreadyThere',
    full: 'handoff.addedToOpen.full',
    // Told by the open request's mode: what the person chose for it, and what they can do instead.
    otherMode: handoffCase.mode === 'named' ? 'handoff.addedToOpen.openIsNamed' : 'handoff.addedToOpen.openIsAnonymous',
    otherPool: 'handoff.addedToOpen.otherPool',
    notAdded: 'handoff.addedToOpen.notAdded',
    none: undefined,
  };
  const message = messages[addition.fate];
  if (!message) return addition.urgent ? t('handoff.addedToOpen.urgentOnly', { code }) : '';
  return [t(message, { code, pool: poolName }), ...(addition.urgent ? [t('handoff.addedToOpen.urgent')] : [])].join(' ');
}

function statusText(
  { t, locale }: CardContext,
  handoffCase: HandoffCase,
  reason: StatusCardReason,
  now: Date,
  pool: DeployedPool,
  addition?: AdditionToOpenRequest,
): string {
  const code = handoffCase.code;
  const poolName = pool.name[locale];
  const { officeHours } = pool;
  const hours = { start: officeHours.start, end: officeHours.end, pool: poolName };
  switch (reason) {
    case 'cancelled':
      return t('handoff.cancelled.text', { code });
    case 'closed':
      return t('handoff.closed.text', { code });
    case 'chatInstead':
      return t('handoff.chatInstead.text', { code });
    case 'claimed': {
      const kind = conversationKind(handoffCase);
      return kind === 'named'
        ? t('handoff.claimed.named', { advisor: literalText(handoffCase.claimedBy?.displayName ?? ''), code })
        : t(`handoff.claimed.${kind}`, { code });
    }
    case 'alreadyOpen':
    case 'status':
    case 'confirmed': {
      if (handoffCase.status === 'claimed') return t(`handoff.next.${conversationKind(handoffCase)}`);
      if (handoffCase.status === 'expired') return t('handoff.expired.text', { code, pool: poolName });
      if (handoffCase.status === 'cancelled') return t('handoff.cancelled.text', { code });
      if (handoffCase.status === 'closed') return t('handoff.closed.text', { code });
      if (handoffCase.kind === 'team-dialogue') return t('dialogue.confirmed.text');
      const when = t(isWithinOfficeHours(now, officeHours) ? 'handoff.next.officeHours' : 'handoff.next.outsideHours', hours);
      // An addition to the open request says so itself (additionText).
      const prefix = reason === 'alreadyOpen' && !addition ? `${t('handoff.alreadyOpen.text', { code })} ` : '';
      return [
        prefix + t(pool.hasBackup ? 'handoff.confirmed.visibleToWithBackup' : 'handoff.confirmed.visibleTo', { pool: poolName }),
        ...(handoffCase.urgent ? [urgencyText(t, pool)] : []),
        when,
        t(`handoff.next.${conversationKind(handoffCase)}`),
        contactText(t, handoffCase),
      ].join(' ');
    }
  }
}

/** What marking a request urgent changes: it is flagged, and escalates sooner. */
function urgencyText(t: CardContext['t'], pool: DeployedPool): string {
  const minutes = { minutes: pool.escalateUrgentAfterMinutes, normalMinutes: pool.escalateAfterMinutes };
  return t(pool.hasBackup ? 'handoff.confirmed.urgentWithBackup' : 'handoff.confirmed.urgentWithoutBackup', minutes);
}

/**
 * The contact preference, repeated. Anonymous and a call or a meeting do not go together by
 * themselves: a phone number or a face can show who someone is, so the text says how it can work.
 */
function contactText(t: CardContext['t'], handoffCase: HandoffCase): string {
  const { mode, contactPreference } = handoffCase;
  if (mode === 'anonymous' && contactPreference === 'call') return t('handoff.confirmed.anonymousCall');
  if (mode === 'anonymous' && contactPreference === 'in-person') return t('handoff.confirmed.anonymousInPerson');
  return t(`handoff.confirmed.contact.${contactPreference}`);
}

/**
 * How the requester and the adviser talk: in Teams (named), or through this chat under the case
 * code (anonymous), also after an anonymous requester showed their name (revealed).
 */
function conversationKind(handoffCase: HandoffCase): 'named' | 'anonymous' | 'revealed' {
  if (handoffCase.mode === 'anonymous') return 'anonymous';
  return isRelayedThroughBot(handoffCase) ? 'revealed' : 'named';
}

/** A Teams deep link that opens a 1:1 chat with a user by Entra object id. */
export function teamsChatLink(userId: string): string {
  return `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(userId)}`;
}
