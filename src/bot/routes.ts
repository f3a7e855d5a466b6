import type { z } from 'zod';
import type { AdvisorCardAction, CardVerb } from '../cards/cardActions';
import type { Classification } from '../guidance/classifier';
import type { Intent } from '../guidance/vocabulary';
import type { BotTurn } from './botTurn';
import {
  advisorCaseActionPayload,
  caseIdPayload,
  dialogueConfirmPayload,
  handoffConfirmPayload,
  feedbackPayload,
  flowAnswerPayload,
  flowBackPayload,
  flowPayload,
  flowStartPayload,
  localePayload,
  noPayload,
} from './cardPayloads';
import {
  answerFlowStep,
  changeRole,
  goBackInFlow,
  recordGuidanceFeedback,
  restartFlow,
  showAllTopics,
  startFlow,
} from './handlers/flowHandlers';
import {
  cancelHandoff,
  claimAdvisorCase,
  closeAdvisorCase,
  closeHandoff,
  listMyCases,
  listOpenCases,
  listUnclaimedCases,
  confirmDialogueRequest,
  confirmHandoff,
  refreshAdvisorCase,
  replyToRequester,
  revealIdentity,
  showHandoffStatus,
  startDialogueRequest,
  startHandoff,
} from './handlers/handoffHandlers';
import { showInsightsSummary } from './handlers/insightsHandlers';
import { askToForget, forgetPerson } from './handlers/privacyHandlers';
import {
  setLocale,
  showCodeOfConduct,
  showPrivacy,
  showReporting,
  showTraining,
  showWelcome,
  toggleLocale,
} from './handlers/infoHandlers';

export interface Route<Payload extends z.ZodType> {
  /** Validates the payload, whether it comes from a card button, a typed command or an intent. */
  readonly payload: Payload;
  readonly handle: (turn: BotTurn, payload: z.infer<Payload>) => Promise<void>;
  /** Words that, typed on their own in either language, lead here (the Teams command menu sends these). */
  readonly commands?: readonly string[];
  /** The free-text intent that leads here. */
  readonly intent?: Intent;
  /** The payload a classified message carries; without it the payload is empty. */
  readonly fromText?: (classification: Classification) => z.input<Payload>;
}

function route<Payload extends z.ZodType>(definition: Route<Payload>): Route<Payload> {
  return definition;
}

/**
 * The one routing table: every card verb, typed command and free-text intent, and the
 * handler that answers it. A new action is one row here and one handler.
 */
export const ROUTES = {
  'welcome.show': route({
    payload: noPayload,
    handle: showWelcome,
    intent: 'help',
    commands: ['help', 'hallo', 'hoi', 'hello', 'hi', 'menu', 'start', 'begin'],
  }),
  'flow.start': route({
    payload: flowStartPayload,
    handle: startFlow,
    intent: 'guidance',
    commands: ['wat moet ik doen', 'what should i do', 'advies', 'guidance'],
    fromText: (classification) => ({
      flow: {
        perspective: classification.perspective ?? undefined,
        topic: classification.topic ?? undefined,
        // Only a "yes" is known from text; no match is not proof of safety, so the question is still asked.
        urgent: classification.urgent ? true : undefined,
      },
      likelyTopics: [...classification.likelyTopics],
      fromText: true,
    }),
  }),
  'flow.restart': route({
    payload: noPayload,
    handle: restartFlow,
    commands: ['opnieuw', 'opnieuw beginnen', 'start over', 'restart'],
  }),
  'flow.answer': route({ payload: flowAnswerPayload, handle: answerFlowStep }),
  'flow.back': route({ payload: flowBackPayload, handle: goBackInFlow }),
  'flow.showAllTopics': route({ payload: flowPayload, handle: showAllTopics }),
  'role.change': route({
    payload: flowPayload,
    handle: changeRole,
    commands: ['rol', 'rol wijzigen', 'role', 'change role'],
  }),
  'guidance.feedback': route({ payload: feedbackPayload, handle: recordGuidanceFeedback }),
  'info.codeOfConduct': route({
    payload: noPayload,
    handle: showCodeOfConduct,
    intent: 'code-of-conduct',
    commands: ['gedragscode', 'code of conduct'],
  }),
  'info.reporting': route({
    payload: noPayload,
    handle: showReporting,
    intent: 'report',
    commands: ['melden', 'melding', 'report', 'reporting'],
  }),
  'info.training': route({
    payload: noPayload,
    handle: showTraining,
    intent: 'training',
    commands: ['training', 'e-learning', 'elearning', 'toolkit'],
  }),
  'info.privacy': route({ payload: noPayload, handle: showPrivacy, commands: ['privacy'] }),
  'locale.set': route({ payload: localePayload, handle: setLocale }),
  'locale.toggle': route({ payload: noPayload, handle: toggleLocale, commands: ['taal', 'language'] }),
  'handoff.start': route({
    payload: flowPayload,
    handle: startHandoff,
    intent: 'talk',
    commands: ['vertrouwenspersoon', 'praten', 'adviser', 'advisor', 'talk'],
    fromText: (classification) => ({
      flow: { topic: classification.topic ?? undefined, perspective: classification.perspective ?? undefined },
    }),
  }),
  'handoff.confirm': route({ payload: handoffConfirmPayload, handle: confirmHandoff }),
  'handoff.status': route({ payload: noPayload, handle: showHandoffStatus, commands: ['status', 'mijn aanvraag', 'my request'] }),
  'handoff.cancel': route({ payload: caseIdPayload, handle: cancelHandoff }),
  'handoff.close': route({ payload: caseIdPayload, handle: closeHandoff }),
  'handoff.reveal': route({ payload: caseIdPayload, handle: revealIdentity }),
  'dialogue.start': route({
    payload: noPayload,
    handle: startDialogueRequest,
    intent: 'team-dialog',
    commands: ['teamgesprek', 'dialoogsessie', 'team dialogue', 'team dialog'],
  }),
  'dialogue.confirm': route({ payload: dialogueConfirmPayload, handle: confirmDialogueRequest }),
  'forget.start': route({ payload: noPayload, handle: askToForget, commands: ['vergeet mij', 'vergeet me', 'forget me'] }),
  'forget.confirm': route({ payload: noPayload, handle: forgetPerson }),
  'cases.list': route({ payload: noPayload, handle: listOpenCases, commands: ['zaken', 'open zaken', 'cases', 'open cases'] }),
  'cases.unclaimed': route({
    payload: noPayload,
    handle: listUnclaimedCases,
    commands: ['nieuwe zaken', 'onopgepakte zaken', 'new cases', 'unclaimed', 'unclaimed cases'],
  }),
  'cases.mine': route({ payload: noPayload, handle: listMyCases, commands: ['mijn zaken', 'my cases'] }),
  'case.refresh': route({ payload: advisorCaseActionPayload, handle: refreshAdvisorCase }),
  'case.claim': route({ payload: advisorCaseActionPayload, handle: claimAdvisorCase }),
  'case.reply': route({ payload: advisorCaseActionPayload, handle: replyToRequester }),
  'case.close': route({ payload: advisorCaseActionPayload, handle: closeAdvisorCase }),
  // For the programme-lead group only; not in the Teams command menu, which holds ten commands.
  'insights.summary': route({
    payload: noPayload,
    handle: showInsightsSummary,
    commands: ['inzichten', 'cijfers', 'insights', 'figures'],
  }),
} as const;

export type RouteVerb = keyof typeof ROUTES;
type AnyRoute = Route<z.ZodType>;

// Every verb a card can send has a row above; the compiler enforces it.
const cardVerbsAreRouted: Record<CardVerb | AdvisorCardAction['verb'], AnyRoute> = ROUTES;
void cardVerbsAreRouted;

export function findRoute(verb: unknown): AnyRoute | undefined {
  return typeof verb === 'string' && Object.hasOwn(ROUTES, verb) ? (ROUTES[verb as RouteVerb] as AnyRoute) : undefined;
}

/** Typed commands are matched whole, case- and punctuation-insensitively. */
export function normalizeCommand(text: string): string {
  return text
    .toLowerCase()
    .replace(/[?!.,;:]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const routesByCommand = new Map<string, AnyRoute>();
const routesByIntent = new Map<Intent, AnyRoute>();
for (const definition of Object.values(ROUTES) as AnyRoute[]) {
  for (const command of definition.commands ?? []) routesByCommand.set(normalizeCommand(command), definition);
  if (definition.intent) routesByIntent.set(definition.intent, definition);
}

export function findCommandRoute(text: string): AnyRoute | undefined {
  return routesByCommand.get(normalizeCommand(text));
}

export function findIntentRoute(intent: Intent): AnyRoute {
  const found = routesByIntent.get(intent);
  if (!found) throw new Error(`No route for intent ${intent}`);
  return found;
}
