import type { Classification } from '../guidance/classifier';
import type { BotTurn } from './botTurn';
import { readAsCallForHelp } from './typedDangerAnswers';
import { readWithin } from '../shared/messageLength';

/** How the bot reads what a person typed: the classifier's reading, or a bare call for help read as unclear danger. */
export interface TypedTextReading {
  readonly classification: Classification;
  /** Nothing but words that call for help ("HELP ME!!", "bel 112!", 🆘): danger `unclear` with nothing else told (readAsCallForHelp). */
  readonly callForHelp: boolean;
}

/**
 * One reading of typed text wherever it is typed: the chat (dispatch's `classify` step), the message box of a request for an
 * adviser and the reason on a dialogue request form (requesterHandlers.ts). Read apart, they drifted: the classifier alone
 * rates a bare "HELP ME!!" no danger, so a request's message box showed no numbers where the chat asked the question.
 */
export async function readTypedText(turn: BotTurn, text: string): Promise<TypedTextReading> {
  const classified = await turn.services.classifier.classify(text, { fallbackLocale: turn.locale });
  const callForHelp = readAsCallForHelp(text, classified, turn.services.content.dangerAnswerWords);
  return { classification: callForHelp ?? classified, callForHelp: callForHelp !== undefined };
}

/**
 * What a person wrote into a form the bot refused (a field longer than the card takes, from a client that ignores its
 * maxLength): nothing of it is sent or kept, but it is read for danger as typed text is, its beginning and end when it is
 * longer than the limit, as the `length` step reads a long message. The first reading that tells of danger, if any.
 */
export async function readRefusedInputsForDanger(turn: BotTurn, payload: unknown, fields: readonly string[]): Promise<Classification | undefined> {
  if (payload === null || typeof payload !== 'object') return undefined;
  const written = fields.map((field) => (payload as Record<string, unknown>)[field]).filter((value): value is string => typeof value === 'string');
  const read = readWithin(written.join('\n').toWellFormed(), turn.services.maxMessageChars);
  for (const part of read.fits ? [read.text] : [read.beginning, read.end]) {
    if (part.trim() === '') continue;
    const { classification } = await readTypedText(turn, part);
    if (classification.danger !== 'none') return classification;
  }
  return undefined;
}
