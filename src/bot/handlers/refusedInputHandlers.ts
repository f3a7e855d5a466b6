import { buildNoticeCard } from '../../cards/noticeCard';
import type { BotTurn } from '../botTurn';
import { actOnDangerInWordsNotSent } from '../dangerInWordsNotSent';
import type { RefusedPayload } from '../routes';
import { showExpiredCard } from './infoHandlers';

/**
 * A form whose data its schema refused: what the person wrote in its free-text fields is read for danger before the
 * refusal, each field on its own, so that a request, a dialogue reason, a note or the words on the relay choice card a
 * client sent over the card's maxLength (which some clients ignore) still show the emergency card first, and danger now
 * still makes an open request urgent, as an over-long typed message does. Nothing of it is sent or kept.
 */
export function readForDangerFirst(
  fields: readonly string[],
  refuse: (turn: BotTurn, refused: RefusedPayload) => Promise<void>,
): (turn: BotTurn, refused: RefusedPayload) => Promise<void> {
  return async (turn, refused) => {
    await actOnDangerInWordsNotSent(turn, writtenIn(refused.payload, fields));
    await refuse(turn, refused);
  };
}

/** Only too long: say so, and that the card above still holds their words; anything else is an out-of-date card. */
export async function refuseOverLongOrExpired(turn: BotTurn, refused: RefusedPayload): Promise<void> {
  if (!refused.error.issues.every((issue) => issue.code === 'too_big')) return showExpiredCard(turn);
  const { t } = turn;
  await turn.send(buildNoticeCard({ title: t('notice.tooLong.title'), text: t('notice.inputTooLong.text') }));
}

function writtenIn(payload: unknown, fields: readonly string[]): string[] {
  if (payload === null || typeof payload !== 'object') return [];
  return fields.map((field) => (payload as Record<string, unknown>)[field]).filter((value): value is string => typeof value === 'string');
}
