import type { Organisation } from '../content/contentSchema';
import type { FlowState } from '../guidance/guidedFlow';
import { CASE_MODES, CONTACT_PREFERENCES, isRelayedThroughBot, type HandoffCase } from '../handoff/handoffCase';
import { isWithinOfficeHours } from '../handoff/officeHours';
import type { CardButton, CardLink, StyledCardButton } from './cardActions';
import { emergencyLine, menuButton, type CardContext } from './cardContext';
import type { CardSpec } from './cardRenderer';
import { literalText } from './literalText';

/** The requester's side of a handoff: consent, confirmation and status. */

export interface HandoffConsentCardData {
  readonly title: string;
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
  readonly contactLabel: string;
  readonly contacts: readonly { readonly title: string; readonly value: string }[];
  readonly urgentLabel: string;
  readonly urgentDefault: string;
  readonly emergencyLine: string;
  readonly sendTitle: string;
  readonly sendAction: CardButton['action'];
  readonly cancelTitle: string;
  readonly cancelAction: CardButton['action'];
}

export function buildHandoffConsentCard(context: CardContext, flow: FlowState): CardSpec<HandoffConsentCardData> {
  const { t, locale, content } = context;
  const summary = [
    flow.topic ? content.guidance[flow.topic].title[locale] : undefined,
    flow.perspective ? t(`perspective.${flow.perspective}`) : undefined,
  ].filter(Boolean);
  return {
    template: 'handoff-consent',
    data: {
      title: t('handoff.consent.title'),
      whoAreAdvisors: t('handoff.consent.who'),
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
      // Nothing is preselected: the person makes the choice about being named.
      modeDefault: '',
      modes: CASE_MODES.map((mode) => ({ title: t(`handoff.mode.${mode}`), value: mode })),
      messageLabel: t('handoff.consent.messageLabel'),
      messagePlaceholder: t('handoff.consent.messagePlaceholder'),
      contactLabel: t('handoff.consent.contactLabel'),
      contacts: CONTACT_PREFERENCES.map((contact) => ({ title: t(`handoff.contact.${contact}`), value: contact })),
      urgentLabel: t('handoff.consent.urgentLabel'),
      urgentDefault: flow.urgent ? 'true' : 'false',
      emergencyLine: emergencyLine(context),
      sendTitle: t('handoff.consent.send'),
      sendAction: { verb: 'handoff.confirm', flow },
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
  /** "Show my name", in a row of its own: its title is long and the choice deserves the room. */
  readonly identityButtons: readonly StyledCardButton[];
  readonly buttons: readonly StyledCardButton[];
}

export type StatusCardReason = 'confirmed' | 'status' | 'alreadyOpen' | 'claimed' | 'cancelled' | 'closed';

/** One card for every moment the requester looks at their case: just confirmed, status, updates. */
export function buildHandoffStatusCard(
  context: CardContext,
  handoffCase: HandoffCase,
  reason: StatusCardReason,
  now: Date,
): CardSpec<HandoffStatusCardData> {
  const { t, content } = context;
  const { officeHours } = content.organisation;
  const code = handoffCase.code;
  const open = ['requested', 'notified', 'claimed'].includes(handoffCase.status);
  const title =
    reason === 'confirmed'
      ? t(handoffCase.kind === 'team-dialogue' ? 'dialogue.confirmed.title' : 'handoff.confirmed.title')
      : t('handoff.statusCard.title');
  const buttons: StyledCardButton[] = [];
  const identityButtons: StyledCardButton[] = [];
  if (open) {
    buttons.push({ title: t('handoff.button.status'), style: 'default', action: { verb: 'handoff.status' } });
    if (handoffCase.mode === 'anonymous' && handoffCase.kind === 'advice') {
      identityButtons.push({ title: t('handoff.button.reveal'), style: 'default', action: { verb: 'handoff.reveal', caseId: handoffCase.id } });
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
      ],
      text: statusText(context, handoffCase, reason, now, officeHours),
      emergencyLine: emergencyLine(context),
      links,
      identityButtons,
      buttons,
    },
  };
}

function statusText(
  { t }: CardContext,
  handoffCase: HandoffCase,
  reason: StatusCardReason,
  now: Date,
  officeHours: Organisation['officeHours'],
): string {
  const code = handoffCase.code;
  const hours = { start: officeHours.start, end: officeHours.end };
  switch (reason) {
    case 'cancelled':
      return t('handoff.cancelled.text', { code });
    case 'closed':
      return t('handoff.closed.text', { code });
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
      if (handoffCase.status === 'expired') return t('handoff.expired.text', { code });
      if (handoffCase.status === 'cancelled') return t('handoff.cancelled.text', { code });
      if (handoffCase.status === 'closed') return t('handoff.closed.text', { code });
      if (handoffCase.kind === 'team-dialogue') return t('dialogue.confirmed.text');
      const when = isWithinOfficeHours(now, officeHours)
        ? t(handoffCase.urgent ? 'handoff.next.urgentOfficeHours' : 'handoff.next.officeHours', hours)
        : t('handoff.next.outsideHours', hours);
      const prefix = reason === 'alreadyOpen' ? `${t('handoff.alreadyOpen.text', { code })} ` : '';
      return `${prefix}${when} ${t(`handoff.next.${conversationKind(handoffCase)}`)}`;
    }
  }
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
