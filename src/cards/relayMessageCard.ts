import type { AdvisorCaseAction } from './advisorCaseCard';
import type { CardContext } from './cardContext';
import type { CardSpec } from './cardRenderer';

export interface RelayMessageCardData {
  readonly title: string;
  /** Relayed words, shown as a TextRun: never parsed as Markdown or template. */
  readonly message: string;
  readonly hint: string | null;
  readonly canReply: boolean;
  readonly replyLabel: string;
  readonly actions: readonly AdvisorCaseAction[];
}

/** A message relayed in an anonymous case, labelled with the case code on both sides. */
export function buildRelayMessageCard(
  context: CardContext,
  input: {
    readonly direction: 'toAdvisor' | 'toRequester';
    readonly code: string;
    readonly caseId: string;
    readonly message: string;
    /** Shown under the message, e.g. that several quick messages were merged into this one. */
    readonly note?: string;
    /** Whether the adviser answers here; a named requester's adviser talks with them in Teams instead. */
    readonly canReply?: boolean;
  },
): CardSpec<RelayMessageCardData> {
  const { t } = context;
  const toAdvisor = input.direction === 'toAdvisor';
  const canReply = toAdvisor && (input.canReply ?? true);
  return {
    template: 'relay-message',
    data: {
      title: t(toAdvisor ? 'advisor.relay.fromRequester' : 'handoff.relay.fromAdvisor', { code: input.code }),
      message: input.message,
      hint: input.note ?? null,
      canReply,
      replyLabel: t('advisor.replyLabel'),
      actions: canReply
        ? [{ title: t('advisor.reply'), verb: 'case.reply', data: { caseId: input.caseId }, style: 'positive' }]
        : [],
    },
  };
}
