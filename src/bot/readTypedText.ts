import type { Classification } from '../guidance/classifier';
import type { BotTurn } from './botTurn';
import { readAsCallForHelp } from './typedDangerAnswers';

/** How the bot reads what a person typed: the classifier's reading, or a bare call for help read as unclear danger. */
export interface TypedTextReading {
  readonly classification: Classification;
  /** Nothing but words that call for help ("HELP ME!!", "bel 112!", 🆘): danger `unclear` with nothing else told (readAsCallForHelp). */
  readonly callForHelp: boolean;
}

/**
 * One reading of typed text wherever it is typed: the chat (dispatch's `classify` step), the message box of a request for an
 * adviser and the reason on a dialogue request form (requesterHandlers.ts), each field of a note (noteHandlers.ts) and words
 * the bot does not accept (dangerInWordsNotSent.ts). Read apart, they drifted: the classifier alone
 * rates a bare "HELP ME!!" no danger, so a request's message box showed no numbers where the chat asked the question.
 */
export async function readTypedText(turn: BotTurn, text: string): Promise<TypedTextReading> {
  const classified = await turn.services.classifier.classify(text, { fallbackLocale: turn.locale });
  const callForHelp = readAsCallForHelp(text, classified, turn.services.content.dangerAnswerWords);
  return { classification: callForHelp ?? classified, callForHelp: callForHelp !== undefined };
}
