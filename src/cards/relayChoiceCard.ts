import { poolOfCase } from '../handoff/adviserPools';
import type { HandoffCase } from '../handoff/handoffCase';
import type { CardButton } from './cardActions';
import { emergencyLine, type CardContext } from './cardContext';
import type { CardSpec } from './cardRenderer';
import { keepOnOneLine } from './keepOnOneLine';

export interface RelayChoiceCardData {
  readonly title: string;
  readonly text: string;
  readonly messageLabel: string;
  /** What the person typed, in an input: they see exactly what will go, and may change it before choosing. */
  readonly message: string;
  readonly messageError: string;
  readonly maxLength: number;
  readonly emergencyLine: string;
  /** One per request with an adviser, by its code; the text names who sees each (its pool), so the person picks the right one. */
  readonly buttons: readonly CardButton[];
}

/**
 * Typed while more than one of the person's requests has an adviser (after the upgrade from unkeyed person keys): the
 * words went to nobody, and the person chooses whose they are. Guessing could give an answer meant for the research
 * integrity counsellor to a confidential adviser of another pool.
 */
export function buildRelayChoiceCard(
  context: CardContext,
  input: {
    readonly requests: readonly HandoffCase[];
    readonly message: string;
    /** The typed message's activity id: a second press for the same request sends nothing twice. */
    readonly messageId: string;
    readonly maxLength: number;
    /** Pictures or files came with the words; they are not passed on either way. */
    readonly withFiles?: boolean;
    /** The words answered the bot's danger question (answered already): the chosen request's adviser gets them labelled so. */
    readonly answersDangerQuestion?: boolean;
  },
): CardSpec<RelayChoiceCardData> {
  const { t, content, locale } = context;
  const named = input.requests.map((request) => ({ request, pool: poolOfCase(content.adviserPools, request).title[locale], code: keepOnOneLine(request.code) }));
  return {
    template: 'relay-choice',
    data: {
      title: t('handoff.relayChoice.title'),
      text: [
        t('handoff.relayChoice.text', { requests: named.map(({ code, pool }) => `${code} (${pool})`).join(', ') }),
        ...(input.withFiles ? [t('handoff.relay.filesLeftOut')] : []),
      ].join(' '),
      messageLabel: t('handoff.relayChoice.messageLabel'),
      message: input.message,
      messageError: t('handoff.relayChoice.messageError'),
      maxLength: input.maxLength,
      emergencyLine: emergencyLine(context),
      buttons: named.map(({ request, code }) => ({
        title: t('handoff.relayChoice.send', { code }),
        action: { verb: 'handoff.relayTo', caseId: request.id, messageId: input.messageId, ...(input.answersDangerQuestion ? { answersDangerQuestion: true } : {}) },
      })),
    },
  };
}
