import type { z } from 'zod';
import { buildNoticeCard } from '../../cards/noticeCard';
import { buildWriteItDownCard } from '../../cards/writeItDownCard';
import { buildWrittenNoteCard } from '../../cards/writtenNoteCard';
import type { BotTurn } from '../botTurn';
import { actOnDangerInWordsNotSent } from '../dangerInWordsNotSent';
import type { noteWritePayload } from '../cardPayloads';

/** "Write it down" (Document, the third D): the form for a private, dated note. */
export async function startNote(turn: BotTurn): Promise<void> {
  await turn.send(buildWriteItDownCard(turn.cardContext));
}

/** The note's fields that tell in words what happened; each is read for danger on its own. */
export const NOTE_FIELDS_TOLD = ['what', 'where', 'who', 'said', 'did'] as const;

/**
 * Sends the note straight back as a message the person keeps. The text goes from the card's
 * inputs into that one reply and nowhere else: no storage, no log line, no outbox job (a job
 * would keep the text in a row until delivered), no insight counter of its own. What it tells is read for
 * danger first, in memory as a typed message is: someone writing down that he is at the door with a knife gets the
 * numbers before their note (for `unclear` too: no question fits a note), in the language of the first field that tells
 * of danger; danger now makes the person's open request urgent, as danger now typed in the chat does. Each field is read on
 * its own: joined, a long note's middle field lay beyond what the classifier reads.
 */
export async function sendNoteBack(turn: BotTurn, note: z.infer<typeof noteWritePayload>): Promise<void> {
  await actOnDangerInWordsNotSent(turn, NOTE_FIELDS_TOLD.map((field) => note[field] ?? ''));
  const written = { at: turn.services.clock.now(), timeZone: turn.clientTimeZone };
  await turn.send(buildWrittenNoteCard(turn.cardContext, note, written));
}

/** A note the bot cannot read (a field too long, a changed card): say so, keep none of it, offer the form again. */
export async function refuseNote(turn: BotTurn): Promise<void> {
  const { t } = turn;
  await turn.send(
    buildNoticeCard({
      title: t('note.refused.title'),
      text: t('note.refused.text'),
      buttons: [{ title: t('welcome.writeItDown'), action: { verb: 'note.start' } }],
    }),
  );
}
