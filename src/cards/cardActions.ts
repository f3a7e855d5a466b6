import type { FlowState, QuestionStep } from '../guidance/guidedFlow';
import type { Locale, Perspective, Topic } from '../guidance/vocabulary';

/**
 * The data a card button sends back. This is the contract between the card builders and
 * the routing table (src/bot/routes.ts), which validates every incoming payload against
 * it: card data comes back from the client and may have been tampered with.
 */
export type CardAction =
  | { readonly verb: 'welcome.show' }
  | {
      readonly verb: 'flow.answer';
      readonly step: QuestionStep;
      readonly answer: string;
      readonly flow: FlowState;
      /** Carried past the perspective question, so the topic question still offers them. */
      readonly likelyTopics?: readonly Topic[];
    }
  | { readonly verb: 'flow.back'; readonly step: QuestionStep; readonly flow: FlowState }
  | { readonly verb: 'flow.restart' }
  | { readonly verb: 'flow.showAllTopics'; readonly flow: FlowState }
  | { readonly verb: 'role.change'; readonly flow: FlowState }
  | { readonly verb: 'guidance.feedback'; readonly helpful: boolean; readonly topic: Topic; readonly perspective: Perspective }
  | { readonly verb: 'info.codeOfConduct' }
  | { readonly verb: 'info.reporting' }
  | { readonly verb: 'info.training' }
  | { readonly verb: 'info.privacy' }
  | { readonly verb: 'locale.set'; readonly locale: Locale }
  | { readonly verb: 'handoff.start'; readonly flow: FlowState }
  | { readonly verb: 'handoff.confirm'; readonly flow: FlowState }
  | { readonly verb: 'handoff.status' }
  | { readonly verb: 'handoff.cancel'; readonly caseId: string }
  | { readonly verb: 'handoff.close'; readonly caseId: string }
  | { readonly verb: 'handoff.reveal'; readonly caseId: string }
  | { readonly verb: 'dialogue.start' }
  | { readonly verb: 'dialogue.confirm' }
  | { readonly verb: 'forget.start' }
  | { readonly verb: 'forget.confirm' };

/** Universal Actions (Action.Execute) on advisor cards; answered with a refreshed card. */
export type AdvisorCardAction =
  | { readonly verb: 'case.refresh'; readonly caseId: string }
  | { readonly verb: 'case.claim'; readonly caseId: string }
  | { readonly verb: 'case.reply'; readonly caseId: string }
  | { readonly verb: 'case.close'; readonly caseId: string };

export type CardVerb = CardAction['verb'];

export interface CardButton {
  readonly title: string;
  readonly action: CardAction;
}

export interface StyledCardButton extends CardButton {
  readonly style: 'default' | 'positive' | 'destructive';
}

export interface CardLink {
  readonly title: string;
  readonly url: string;
}
