import type { DangerLevel, Perspective, Role, Topic } from './vocabulary';

/**
 * The guided flow: perspective → situation → "is anyone in danger now?" → role → guidance.
 * The state travels in the card buttons' data (and is validated on every turn), so the bot
 * keeps no conversation state and an older card in the chat still continues its own flow.
 */
export interface FlowState {
  readonly perspective?: Perspective;
  readonly topic?: Topic;
  /** Set once the danger question is answered, or when the message itself was urgent. */
  readonly urgent?: boolean;
}

export const FLOW_STEPS = ['perspective', 'topic', 'danger', 'role', 'guidance'] as const;
export type FlowStep = (typeof FLOW_STEPS)[number];
export type QuestionStep = Exclude<FlowStep, 'guidance'>;

/** The first step whose answer is still unknown; the role comes from the person's saved preference. */
export function nextStep(state: FlowState, savedRole: Role | undefined): FlowStep {
  if (!state.perspective) return 'perspective';
  if (!state.topic) return 'topic';
  if (state.urgent === undefined) return 'danger';
  if (!savedRole) return 'role';
  return 'guidance';
}

/**
 * Whether a typed message's first question is the danger question. Danger words whose time or
 * seriousness the text does not settle (`unclear`) are asked about before anything else, with
 * the numbers shown first; the answer then stands in the flow, so the question is not asked
 * again at its usual place.
 */
export function asksDangerFirst(state: FlowState, danger: DangerLevel): boolean {
  return danger === 'unclear' && state.urgent === undefined;
}

/** "Back" from a step forgets the answer to the step before it, so that question is asked again. */
export function stepBack(state: FlowState, currentStep: QuestionStep): FlowState {
  switch (currentStep) {
    // A danger answer given before the perspective and topic (an unclear message) stays answered.
    case 'perspective':
      return dangerAnsweredFirst(state);
    case 'topic':
      return dangerAnsweredFirst(state);
    case 'danger':
      return { perspective: state.perspective };
    case 'role':
      return { perspective: state.perspective, topic: state.topic };
  }
}

function dangerAnsweredFirst(state: FlowState): FlowState {
  return state.urgent === undefined ? {} : { urgent: state.urgent };
}
