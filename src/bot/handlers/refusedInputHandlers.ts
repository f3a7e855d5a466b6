import { buildNoticeCard } from '../../cards/noticeCard';
import type { BotTurn } from '../botTurn';
import { readRefusedInputsForDanger } from '../readTypedText';
import type { RefusedPayload } from '../routes';
import { showExpiredCard } from './infoHandlers';

/**
 * A form whose data its schema refused: what the person wrote in its free-text fields is read for danger before the
 * refusal, so that a request, a dialogue reason or a note a client sent over the card's maxLength (which some clients
 * ignore) still shows the emergency card first. Nothing of it is sent or kept.
 */
export function readForDangerFirst(
  fields: readonly string[],
  refuse: (turn: BotTurn, refused: RefusedPayload) => Promise<void>,
): (turn: BotTurn, refused: RefusedPayload) => Promise<void> {
  return async (turn, refused) => {
    const danger = await readRefusedInputsForDanger(turn, refused.payload, fields);
    if (danger) await turn.showEmergencyRoute({ topic: danger.topic, locale: danger.locale });
    await refuse(turn, refused);
  };
}

/** Only too long: say so, and that the card above still holds their words; anything else is an out-of-date card. */
export async function refuseOverLongOrExpired(turn: BotTurn, refused: RefusedPayload): Promise<void> {
  if (!refused.error.issues.every((issue) => issue.code === 'too_big')) return showExpiredCard(turn);
  const { t } = turn;
  await turn.send(buildNoticeCard({ title: t('notice.tooLong.title'), text: t('notice.inputTooLong.text') }));
}
