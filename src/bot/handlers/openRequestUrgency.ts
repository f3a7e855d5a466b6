import { buildNoticeCard } from '../../cards/noticeCard';
import { keepOnOneLine } from '../../cards/keepOnOneLine';
import type { HandoffCase } from '../../handoff/handoffCase';
import type { BotTurn } from '../botTurn';

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

export function messageIdOf(turn: BotTurn): string {
  return turn.context.activity.id ?? `${Date.now()}`;
}
