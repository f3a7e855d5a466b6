import type { Classification } from '../guidance/classifier';
import { readWithin } from '../shared/messageLength';
import type { BotTurn } from './botTurn';
import { markOpenRequestsUrgent, tellMarkedUrgent } from './handlers/openRequestUrgency';
import { readTypedText } from './readTypedText';

/**
 * Words the bot neither sends nor keeps (a message over the length limit, a form field over the card's maxLength, which
 * some clients ignore, a note written for oneself) are not left unread for danger: each text is read on its own, as
 * typed text is, its beginning and end (each at most the limit) when it is longer. Danger there, `now` or `unclear`
 * alike (no question can be asked about words the bot did not take), shows the emergency card in that part's language;
 * danger `now` makes the person's open requests urgent, as the `urgency` step does for a message it accepts, and tells
 * them so. `beforeActing` runs after the reading and before any card (the `length` step answers in the message's
 * language).
 */
export async function actOnDangerInWordsNotSent(
  turn: BotTurn,
  texts: readonly string[],
  beforeActing?: (readings: readonly Classification[]) => Promise<void>,
): Promise<void> {
  const parts = texts.flatMap((text) => {
    const read = readWithin(text.toWellFormed(), turn.services.maxMessageChars);
    return read.fits ? [read.text] : [read.beginning, read.end];
  });
  const readings = await Promise.all(
    parts.filter((part) => part.trim() !== '').map(async (part) => (await readTypedText(turn, part)).classification),
  );
  await beforeActing?.(readings);
  const dangerous = readings.find((reading) => reading.danger !== 'none');
  if (dangerous) await turn.showEmergencyRoute({ topic: dangerous.topic, locale: dangerous.locale });
  if (readings.some((reading) => reading.danger === 'now') && turn.inPersonalChat) await tellMarkedUrgent(turn, await markOpenRequestsUrgent(turn));
}
