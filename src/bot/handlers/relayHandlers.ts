import type { z } from 'zod';
import { emergencyLine, menuButton } from '../../cards/cardContext';
import { buildNoticeCard } from '../../cards/noticeCard';
import { keepOnOneLine } from '../../cards/keepOnOneLine';
import type { Classification } from '../../guidance/classifier';
import type { HandoffCase } from '../../handoff/handoffCase';
import { buildRelayChoiceCard } from '../../cards/relayChoiceCard';
import { readWithin } from '../../shared/messageLength';
import type { BotTurn } from '../botTurn';
import { readTypedText } from '../readTypedText';
import { actOnDangerInWordsNotSent } from '../dangerInWordsNotSent';
import { markOpenRequestsUrgent, messageIdOf, tellMarkedUrgent } from './openRequestUrgency';
import type { relayToPayload } from '../cardPayloads';

/** A requester's open request meets what they type: relayed to their adviser, or made urgent by danger. */

/** What came with the relayed words: a command word the bot left to the adviser, pictures or files the bot does not pass on. */
export interface RelayedMessageExtras {
  readonly commandWord?: boolean;
  readonly withFiles?: boolean;
  /** The request the person chose on the choice card, and the id of the message they typed there. */
  readonly chosen?: { readonly caseId: string; readonly messageId: string };
  /** The words answered the bot's danger question, which the bot has answered already (emergency card and all). */
  readonly answersDangerQuestion?: boolean;
}

/**
 * During an anonymous case, what the requester writes goes to their adviser. Returns false when
 * there is no such conversation (the bot then answers as usual). `classification` undefined: the
 * words' danger was answered already (a typed answer to the danger question, `answersDangerQuestion`).
 */
export async function relayRequesterMessage(
  turn: BotTurn,
  text: string,
  classification: Classification | undefined,
  markedUrgent: readonly HandoffCase[],
  extras: RelayedMessageExtras = {},
): Promise<boolean> {
  const messageId = extras.chosen?.messageId ?? messageIdOf(turn);
  const madeUrgent = markedUrgent.map((marked) => marked.id);
  // Whole: the `length` step has answered anything over MAX_MESSAGE_CHARS already.
  const result = await turn.services.handoff.relayFromRequester(turn.personKey, messageId, text, {
    madeUrgent,
    chosenCaseId: extras.chosen?.caseId,
    answersDangerQuestion: extras.answersDangerQuestion,
  });
  // While the request waits for its first adviser, the bot keeps answering as usual.
  if (result.outcome === 'noRelayedCase' || result.outcome === 'waitingForAdvisor') return false;
  // Safety still comes first, even mid-conversation with an adviser; with an adviser reading along,
  // `unclear` shows the emergency card too rather than a question that would start a guided flow; so does a bare "help",
  // which reads as `unclear` (readAsCallForHelp in typedDangerAnswers.ts).
  if (classification && classification.danger !== 'none') await turn.showEmergencyRoute({ topic: classification.topic, locale: classification.locale });
  if (result.outcome === 'chooseRequest') {
    const { maxMessageChars } = turn.services;
    await turn.send(
      buildRelayChoiceCard(turn.cardContext, {
        requests: result.handoffCases,
        message: text,
        messageId,
        maxLength: maxMessageChars,
        withFiles: extras.withFiles,
        answersDangerQuestion: extras.answersDangerQuestion,
      }),
    );
    await tellMarkedUrgent(turn, markedUrgent);
    return true;
  }
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
 * "Send to VK-…" on the choice card (relayRequesterMessage, `chooseRequest`): the words, as the person left them in its
 * input, go to that request's adviser only. They are read for danger again, since the person may have changed them,
 * also when they made them longer than the chat takes (then they are not sent).
 */
export async function relayToChosenRequest(turn: BotTurn, payload: z.infer<typeof relayToPayload>): Promise<void> {
  const { maxMessageChars } = turn.services;
  const text = payload.relayText;
  if (!readWithin(text, maxMessageChars).fits) {
    await actOnDangerInWordsNotSent(turn, [text]);
    await turn.send(buildNoticeCard({ title: turn.t('notice.tooLong.title'), text: turn.t('notice.tooLong.text', { maxChars: maxMessageChars }) }));
    return;
  }
  const { classification } = await readTypedText(turn, text);
  const markedUrgent = classification.danger === 'now' ? await markOpenRequestsUrgent(turn) : [];
  const chosen = { caseId: payload.caseId, messageId: payload.messageId };
  if (await relayRequesterMessage(turn, text, classification, markedUrgent, { chosen, answersDangerQuestion: payload.answersDangerQuestion })) return;
  // Closed, cancelled or given up since the card was drawn: nothing went, and the person is told where to look.
  await turn.send(buildNoticeCard({ text: turn.t('handoff.relayChoice.notOpen') }));
  await tellMarkedUrgent(turn, markedUrgent);
}

/**
 * A picture or file sent alone while an adviser has the person's anonymous case (`relayed`): it was meant for the
 * adviser, so say that it did not go and what to do instead.
 */
export async function tellFilesNotPassedOn(turn: BotTurn, relayed: HandoffCase): Promise<void> {
  await turn.send(buildNoticeCard({ title: turn.t('handoff.relay.filesNotSent', { code: keepOnOneLine(relayed.code) }), text: turn.t('handoff.relay.filesLeftOut') }));
}
