import { emergencyLine, menuButton } from '../../cards/cardContext';
import { buildNoticeCard } from '../../cards/noticeCard';
import { keepOnOneLine } from '../../cards/keepOnOneLine';
import type { Classification } from '../../guidance/classifier';
import type { HandoffCase } from '../../handoff/handoffCase';
import type { BotTurn } from '../botTurn';

/** A requester's open request meets what they type: relayed to their adviser, or made urgent by danger. */

/** What came with the relayed words: a command word the bot left to the adviser, pictures or files the bot does not pass on. */
export interface RelayedMessageExtras {
  readonly commandWord?: boolean;
  readonly withFiles?: boolean;
}

/**
 * During an anonymous case, what the requester writes goes to their adviser. Returns false when
 * there is no such conversation (the bot then answers as usual).
 */
export async function relayRequesterMessage(
  turn: BotTurn,
  text: string,
  classification: Classification,
  markedUrgent: readonly HandoffCase[],
  extras: RelayedMessageExtras = {},
): Promise<boolean> {
  const messageId = messageIdOf(turn);
  const madeUrgent = markedUrgent.map((marked) => marked.id);
  // Whole: the `length` step has answered anything over MAX_MESSAGE_CHARS already.
  const result = await turn.services.handoff.relayFromRequester(turn.personKey, messageId, text, madeUrgent);
  // While the request waits for its first adviser, the bot keeps answering as usual.
  if (result.outcome === 'noRelayedCase' || result.outcome === 'waitingForAdvisor') return false;
  // Safety still comes first, even mid-conversation with an adviser; with an adviser reading along,
  // `unclear` shows the emergency card too rather than a question that would start a guided flow; so does a bare "help",
  // which reads as `unclear` (readAsCallForHelp in typedDangerAnswers.ts).
  if (classification.danger !== 'none') await turn.showEmergencyRoute({ topic: classification.topic, locale: classification.locale });
  const code = result.handoffCase.code;
  const notices: Record<typeof result.outcome, string> = {
    relayed: turn.t('handoff.relay.sent', { code }),
    slowDown: turn.t('handoff.relay.slowDown', { code }),
    held: turn.t('handoff.relay.held', { code }),
    notSent: turn.t('handoff.relay.notSent'),
  };
  const relayedTo = result.handoffCase.id;
  const nowUrgent = markedUrgent.some((marked) => marked.id === relayedTo) ? ` ${turn.t('handoff.addedToOpen.urgent')}` : '';
  // Files stay out of the relay: a picture or a document can show who sent it, which would undo anonymity.
  const filesLeftOut = extras.withFiles ? ` ${turn.t('handoff.relay.filesLeftOut')}` : '';
  // "hallo" or "help" went to the adviser; someone who meant the bot gets its menu with one press, and the numbers the
  // menu would have shown: a bare "help" reads as no danger, and the adviser may not read it for hours.
  const meantForTheBot = extras.commandWord ? ` ${turn.t('handoff.relay.commandWord')} ${emergencyLine(turn.cardContext)}` : '';
  const buttons = extras.commandWord ? [menuButton(turn.cardContext)] : [];
  await turn.send(buildNoticeCard({ text: notices[result.outcome] + nowUrgent + filesLeftOut + meantForTheBot, buttons }));
  await tellMarkedUrgent(turn, markedUrgent.filter((marked) => marked.id !== relayedTo));
  return true;
}

/**
 * A picture or file sent alone while an adviser has the person's anonymous case (`relayed`): it was meant for the
 * adviser, so say that it did not go and what to do instead.
 */
export async function tellFilesNotPassedOn(turn: BotTurn, relayed: HandoffCase): Promise<void> {
  await turn.send(buildNoticeCard({ title: turn.t('handoff.relay.filesNotSent', { code: keepOnOneLine(relayed.code) }), text: turn.t('handoff.relay.filesLeftOut') }));
}

/** Danger now typed by someone whose request is open: the requests it made urgent (see HandoffService.markOpenRequestsUrgent). */
export async function markOpenRequestsUrgent(turn: BotTurn): Promise<readonly HandoffCase[]> {
  return turn.services.handoff.markOpenRequestsUrgent(turn.personKey, messageIdOf(turn));
}

/**
 * Nothing changes in a request without the person knowing: which one is urgent now, and, when they
 * typed it, that what they typed was not sent with it (a "yes" to the danger question has no words to keep).
 */
export async function tellMarkedUrgent(turn: BotTurn, markedUrgent: readonly HandoffCase[], by: 'typed' | 'answered' = 'typed'): Promise<void> {
  if (markedUrgent.length === 0) return;
  const text = by === 'typed' ? 'handoff.markedUrgent.followUp' : 'handoff.markedUrgent.byAnswer';
  await turn.send(...markedUrgent.map((marked) => buildNoticeCard({ title: turn.t('handoff.markedUrgent.title'), text: turn.t(text, { code: keepOnOneLine(marked.code) }) })));
}

function messageIdOf(turn: BotTurn): string {
  return turn.context.activity.id ?? `${Date.now()}`;
}
