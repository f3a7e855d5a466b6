import type { z } from 'zod';
import type { AdvisorCardVerb, CardVerb } from '../cards/cardActions';
import type { Classification } from '../guidance/classifier';
import type { Intent, Locale } from '../guidance/vocabulary';
import type { BotTurn } from './botTurn';
import {
  advisorCaseActionPayload,
  auditCasePayload,
  caseIdPayload,
  dialogueConfirmPayload,
  dialogueStartPayload,
  handoffConfirmPayload,
  feedbackPayload,
  flowAnswerPayload,
  flowBackPayload,
  flowPayload,
  flowStartPayload,
  localePayload,
  noPayload,
  noteWritePayload,
  relayToPayload,
  reminderSetPayload,
  reminderStartPayload,
  withdrawHandOverPayload,
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
  askForAnotherAdviser,
  cancelHandoff,
  chatInstead,
  closeHandoff,
  confirmDialogueRequest,
  confirmHandoff,
  revealIdentity,
  showHandoffStatus,
  startDialogueRequest,
  startHandoff,
} from './handlers/requesterHandlers';
import {
  acceptHandOver,
  claimAdvisorCase,
  closeAdvisorCase,
  declineHandOver,
  handOverAdvisorCase,
  refreshAdvisorCase,
  releaseAdvisorCase,
  replyToRequester,
  withdrawHandOver,
} from './handlers/adviserCaseHandlers';
import {
  listCasesWithColleagues,
  listMyCases,
  listOpenCases,
  listUnclaimedCases,
} from './handlers/caseListHandlers';
import { showCaseAudit, showRecentAudit } from './handlers/auditHandlers';
import { showInsightsSummary } from './handlers/insightsHandlers';
import { NOTE_FIELDS_TOLD, refuseNote, sendNoteBack, startNote } from './handlers/noteHandlers';
import { cancelReminder, offerReminder, setReminder } from './handlers/reminderHandlers';
import { askToForget, forgetPerson } from './handlers/privacyHandlers';
import { relayToChosenRequest } from './handlers/relayHandlers';
import { readForDangerFirst, refuseOverLongOrExpired } from './handlers/refusedInputHandlers';
import {
  setLocale,
  showCodeOfConduct,
  showPrivacy,
  showReporting,
  showTraining,
  showWelcome,
  toggleLocale,
} from './handlers/infoHandlers';

/**
 * How a route is reached: `submit` by an Action.Submit button (which arrives as a message
 * whose value holds the button's data), `invoke` by an Action.Execute (Universal Action) on an
 * adviser card, `message` only by typed text (a command or a classified intent). A submit
 * route may also have commands and an intent; a card cannot reach a `message` or `invoke` route.
 */
export const ROUTE_KINDS = ['message', 'submit', 'invoke'] as const;
export type RouteKind = (typeof ROUTE_KINDS)[number];

export interface Route<Payload extends z.ZodType, Kind extends RouteKind = RouteKind> {
  readonly kind: Kind;
  /** Validates the payload, whether it comes from a card button, a typed command or an intent. */
  readonly payload: Payload;
  readonly handle: (turn: BotTurn, payload: z.infer<Payload>) => Promise<void>;
  /**
   * Words that, typed on their own, lead here (the Teams command menu sends these), by the language they are written in:
   * a word of one language is answered in that language, as any other message is; a word of both (`either`) tells none,
   * and is answered in the language last written in.
   */
  readonly commands?: CommandWords;
  /** The free-text intent that leads here. */
  readonly intent?: Intent;
  /** The answer to a payload the schema refuses; without it, the "expired card" notice. */
  readonly onInvalidPayload?: (turn: BotTurn, refused: RefusedPayload) => Promise<void>;
  /** The payload a classified message carries; without it the payload is empty. */
  readonly fromText?: (classification: Classification) => z.input<Payload>;
  /**
   * Also answered in a team channel or group chat, where everyone there reads the answer. Without
   * it a route answers only in the person's own chat with the bot and elsewhere says "use your
   * personal chat" before its data is read: what is for one person (a request and its code, a
   * reminder, forget me, an adviser's cases, the audit trail, a note) is safe by default.
   */
  readonly sharedChatAllowed?: true;
  /**
   * Also answered in a team channel, not in a group chat: an adviser card's button, whose handler answers in a channel
   * with that channel's own card (the code and status) but anywhere else with the presser's full case card.
   */
  readonly teamChannelAllowed?: true;
  /**
   * Its command stays the bot's while an adviser has the person's anonymous case: what manages the
   * person's request, data or language, and the staff's own tools. Every other command word typed
   * then goes to the adviser (dispatch's `relay`): "hallo" or "training" there answers the adviser.
   */
  readonly commandDuringRelay?: true;
}

/** Card data its route's schema refused, and why. */
export interface RefusedPayload {
  readonly payload: unknown;
  readonly error: z.ZodError;
}

export interface CommandWords {
  readonly nl?: readonly string[];
  readonly en?: readonly string[];
  readonly either?: readonly string[];
}

/** Every word that leads to a route, whatever its language. */
export function commandWordsOf(definition: Pick<AnyRoute, 'commands'>): string[] {
  const { nl = [], en = [], either = [] } = definition.commands ?? {};
  return [...nl, ...en, ...either];
}

function route<Payload extends z.ZodType, Kind extends RouteKind>(definition: Route<Payload, Kind>): Route<Payload, Kind> {
  return definition;
}

/**
 * The one routing table: every card verb, typed command and free-text intent, and the
 * handler that answers it. A new action is one row here and one handler.
 */
export const ROUTES = {
  'welcome.show': route({
    kind: 'submit',
    payload: noPayload,
    handle: showWelcome,
    sharedChatAllowed: true,
    intent: 'help',
    // "hulp" as well: a single bare menu word asks for the menu; any other message of nothing but alarm words reads as danger (readAsCallForHelp).
    // "hi" is as everyday in Dutch chat as in English: it tells no language.
    commands: { nl: ['hulp', 'hallo', 'hoi'], en: ['hello'], either: ['hi', 'help', 'menu', 'start', 'begin'] },
  }),
  'flow.start': route({
    kind: 'message',
    payload: flowStartPayload,
    handle: startFlow,
    sharedChatAllowed: true,
    intent: 'guidance',
    commands: { nl: ['wat moet ik doen', 'advies'], en: ['what should i do', 'guidance'] },
    fromText: (classification) => ({
      flow: {
        perspective: classification.perspective ?? undefined,
        topic: classification.topic ?? undefined,
        // Only a "yes" is known from text; no match is not proof of safety, so the question is still asked.
        urgent: classification.danger === 'now' ? true : undefined,
      },
      likelyTopics: [...classification.likelyTopics],
      fromText: true,
      danger: classification.danger,
    }),
  }),
  'flow.restart': route({
    kind: 'submit',
    payload: noPayload,
    handle: restartFlow,
    sharedChatAllowed: true,
    commands: { nl: ['opnieuw', 'opnieuw beginnen'], en: ['start over', 'restart'] },
  }),
  'flow.answer': route({ kind: 'submit', payload: flowAnswerPayload, handle: answerFlowStep, sharedChatAllowed: true }),
  'flow.back': route({ kind: 'submit', payload: flowBackPayload, handle: goBackInFlow, sharedChatAllowed: true }),
  'flow.showAllTopics': route({ kind: 'submit', payload: flowPayload, handle: showAllTopics, sharedChatAllowed: true }),
  'role.change': route({
    kind: 'submit',
    payload: flowPayload,
    handle: changeRole,
    sharedChatAllowed: true,
    commands: { nl: ['rol', 'rol wijzigen'], en: ['role', 'change role'] },
  }),
  'guidance.feedback': route({ kind: 'submit', payload: feedbackPayload, handle: recordGuidanceFeedback, sharedChatAllowed: true }),
  'info.codeOfConduct': route({
    kind: 'submit',
    payload: noPayload,
    handle: showCodeOfConduct,
    sharedChatAllowed: true,
    intent: 'code-of-conduct',
    commands: { nl: ['gedragscode'], en: ['code of conduct'] },
  }),
  'info.reporting': route({
    kind: 'submit',
    payload: noPayload,
    handle: showReporting,
    sharedChatAllowed: true,
    intent: 'report',
    commands: { nl: ['melden', 'melding'], en: ['report', 'reporting'] },
  }),
  'info.training': route({
    kind: 'submit',
    payload: noPayload,
    handle: showTraining,
    sharedChatAllowed: true,
    intent: 'training',
    commands: { either: ['training', 'e-learning', 'elearning', 'toolkit'] },
  }),
  'info.privacy': route({ kind: 'submit', payload: noPayload, handle: showPrivacy, sharedChatAllowed: true, commands: { either: ['privacy'] } }),
  'locale.set': route({ kind: 'submit', payload: localePayload, handle: setLocale, sharedChatAllowed: true }),
  'locale.toggle': route({ kind: 'message', payload: noPayload, handle: toggleLocale, sharedChatAllowed: true, commandDuringRelay: true, commands: { either: ['taal', 'language'] } }),
  'handoff.start': route({
    kind: 'submit',
    payload: flowPayload,
    handle: startHandoff,
    intent: 'talk',
    commands: { nl: ['vertrouwenspersoon', 'praten'], en: ['adviser', 'advisor', 'talk'] },
    fromText: (classification) => ({
      flow: { topic: classification.topic ?? undefined, perspective: classification.perspective ?? undefined },
    }),
  }),
  'handoff.confirm': route({ kind: 'submit', payload: handoffConfirmPayload, handle: confirmHandoff, onInvalidPayload: readForDangerFirst(['message'], refuseOverLongOrExpired) }),
  'handoff.status': route({
    kind: 'submit',
    payload: noPayload,
    handle: showHandoffStatus,
    commandDuringRelay: true,
    commands: { nl: ['mijn aanvraag'], en: ['my request'], either: ['status'] },
  }),
  'handoff.cancel': route({ kind: 'submit', payload: caseIdPayload, handle: cancelHandoff }),
  'handoff.close': route({ kind: 'submit', payload: caseIdPayload, handle: closeHandoff }),
  'handoff.reveal': route({ kind: 'submit', payload: caseIdPayload, handle: revealIdentity }),
  'handoff.anotherAdviser': route({ kind: 'submit', payload: caseIdPayload, handle: askForAnotherAdviser }),
  'handoff.chatInstead': route({ kind: 'submit', payload: caseIdPayload, handle: chatInstead }),
  'handoff.relayTo': route({
    kind: 'submit',
    payload: relayToPayload,
    handle: relayToChosenRequest,
    onInvalidPayload: readForDangerFirst(['relayText'], refuseOverLongOrExpired),
  }),
  'dialogue.start': route({
    kind: 'submit',
    payload: dialogueStartPayload,
    handle: startDialogueRequest,
    intent: 'team-dialog',
    commands: { nl: ['teamgesprek', 'dialoogsessie'], en: ['team dialogue', 'team dialog'] },
  }),
  'dialogue.confirm': route({
    kind: 'submit',
    payload: dialogueConfirmPayload,
    handle: confirmDialogueRequest,
    onInvalidPayload: readForDangerFirst(['reason', 'team', 'preferredPeriod', 'contact'], refuseOverLongOrExpired),
  }),
  // Forget me is personal even where the rest is not: with a request open, its answer names the request's code.
  'forget.start': route({
    kind: 'submit',
    payload: noPayload,
    handle: askToForget,
    commandDuringRelay: true,
    commands: { nl: ['vergeet mij', 'vergeet me'], en: ['forget me'] },
  }),
  'forget.confirm': route({ kind: 'submit', payload: noPayload, handle: forgetPerson }),
  // "Write it down": the note comes straight back to the person and is never stored.
  'note.start': route({
    kind: 'submit',
    payload: noPayload,
    handle: startNote,
    commands: { nl: ['opschrijven', 'schrijf het op', 'notitie'], en: ['write it down', 'write down', 'note'] },
  }),
  'note.write': route({ kind: 'submit', payload: noteWritePayload, handle: sendNoteBack, onInvalidPayload: readForDangerFirst(NOTE_FIELDS_TOLD, refuseNote) }),
  // "Remind me to check in": offered after a bystander's guidance; keeps only when, the topic and the language.
  'reminder.start': route({ kind: 'submit', payload: reminderStartPayload, handle: offerReminder }),
  'reminder.set': route({ kind: 'submit', payload: reminderSetPayload, handle: setReminder }),
  'reminder.cancel': route({
    kind: 'submit',
    payload: noPayload,
    handle: cancelReminder,
    commandDuringRelay: true,
    commands: { nl: ['herinnering annuleren', 'herinnering stoppen'], en: ['cancel reminder', 'stop reminder'] },
  }),
  // Typed, or a filter button on the list's own card: one handler per filter.
  'cases.list': route({
    kind: 'submit',
    payload: noPayload,
    handle: listOpenCases,
    commandDuringRelay: true,
    commands: { nl: ['zaken', 'open zaken'], en: ['cases', 'open cases'] },
  }),
  'cases.new': route({
    kind: 'submit',
    payload: noPayload,
    handle: listUnclaimedCases,
    commandDuringRelay: true,
    commands: { nl: ['nieuwe zaken', 'onopgepakte zaken'], en: ['new cases', 'unclaimed', 'unclaimed cases'] },
  }),
  'cases.mine': route({ kind: 'submit', payload: noPayload, handle: listMyCases, commandDuringRelay: true, commands: { nl: ['mijn zaken'], en: ['my cases'] } }),
  'cases.withColleagues': route({
    kind: 'submit',
    payload: noPayload,
    handle: listCasesWithColleagues,
    commandDuringRelay: true,
    commands: { nl: ["bij collega's", "zaken bij collega's", 'opgepakte zaken'], en: ['with colleagues', 'cases with colleagues', 'taken cases'] },
  }),
  // Adviser card buttons, also on a pool's channel card: the handlers answer there with the channel's
  // card, and refuse anyone outside the case's pool, wherever they press. In a group chat, "use your personal chat".
  'case.refresh': route({ kind: 'invoke', payload: advisorCaseActionPayload, handle: refreshAdvisorCase, teamChannelAllowed: true }),
  'case.claim': route({ kind: 'invoke', payload: advisorCaseActionPayload, handle: claimAdvisorCase, teamChannelAllowed: true }),
  'case.reply': route({ kind: 'invoke', payload: advisorCaseActionPayload, handle: replyToRequester, teamChannelAllowed: true }),
  'case.close': route({ kind: 'invoke', payload: advisorCaseActionPayload, handle: closeAdvisorCase, teamChannelAllowed: true }),
  'case.handOver': route({ kind: 'invoke', payload: advisorCaseActionPayload, handle: handOverAdvisorCase, teamChannelAllowed: true }),
  'case.acceptHandOver': route({ kind: 'invoke', payload: advisorCaseActionPayload, handle: acceptHandOver, teamChannelAllowed: true }),
  'case.declineHandOver': route({ kind: 'invoke', payload: advisorCaseActionPayload, handle: declineHandOver, teamChannelAllowed: true }),
  'case.withdrawHandOver': route({ kind: 'invoke', payload: withdrawHandOverPayload, handle: withdrawHandOver, teamChannelAllowed: true }),
  'case.release': route({ kind: 'invoke', payload: advisorCaseActionPayload, handle: releaseAdvisorCase, teamChannelAllowed: true }),
  // For the programme-lead group only; not in the Teams command menu, which holds ten commands.
  'insights.summary': route({
    kind: 'message',
    payload: noPayload,
    handle: showInsightsSummary,
    commandDuringRelay: true,
    commands: { nl: ['inzichten', 'cijfers'], en: ['insights', 'figures'] },
  }),
  // For the auditors' group only (AUDITOR_GROUP_ID): who read or changed which case. Not in the command menu either.
  'audit.recent': route({
    kind: 'message',
    payload: noPayload,
    handle: showRecentAudit,
    commandDuringRelay: true,
    commands: { nl: ['inzagelog', 'wie las wat'], en: ['audit trail'], either: ['audit', 'auditlog', 'audit log'] },
  }),
  'audit.case': route({ kind: 'submit', payload: auditCasePayload, handle: showCaseAudit }),
} as const;

export type RouteVerb = keyof typeof ROUTES;
export type AnyRoute = Route<z.ZodType>;

// Every verb a card can send has a row above, of the kind its button sends; the compiler enforces it.
const cardVerbsAreRouted: Record<CardVerb, Route<z.ZodType, 'submit'>> & Record<AdvisorCardVerb, Route<z.ZodType, 'invoke'>> = ROUTES;
void cardVerbsAreRouted;

/** The route a card button's verb names, if there is one of that kind: a card cannot reach another kind. */
export function findRoute(verb: unknown, kind: 'submit' | 'invoke'): AnyRoute | undefined {
  if (typeof verb !== 'string' || !Object.hasOwn(ROUTES, verb)) return undefined;
  const found = ROUTES[verb as RouteVerb] as AnyRoute;
  return found.kind === kind ? found : undefined;
}

/** Typed commands are matched whole, case- and punctuation-insensitively; a phone's curly apostrophe is a straight one. */
export function normalizeCommand(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[?!.,;:]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A typed command: its route, and the language its word is written in (none for a word of both languages). */
export interface CommandMatch {
  readonly route: AnyRoute;
  readonly locale?: Locale;
}

const routesByCommand = new Map<string, CommandMatch>();
const routesByIntent = new Map<Intent, AnyRoute>();
for (const definition of Object.values(ROUTES) as AnyRoute[]) {
  const { nl = [], en = [], either = [] } = definition.commands ?? {};
  for (const [words, locale] of [[nl, 'nl'], [en, 'en'], [either, undefined]] as const) {
    for (const command of words) routesByCommand.set(normalizeCommand(command), { route: definition, locale });
  }
  if (definition.intent) routesByIntent.set(definition.intent, definition);
}

export function findCommand(text: string): CommandMatch | undefined {
  return routesByCommand.get(normalizeCommand(text));
}

export function findCommandRoute(text: string): AnyRoute | undefined {
  return findCommand(text)?.route;
}

export function findIntentRoute(intent: Intent): AnyRoute {
  const found = routesByIntent.get(intent);
  if (!found) throw new Error(`No route for intent ${intent}`);
  return found;
}
