import type { z } from 'zod';
import type { AdvisorCardVerb, CardVerb } from '../cards/cardActions';
import type { Classification } from '../guidance/classifier';
import { digitsOf, isAlarmWord, isHurriedWordOf, isMistypedAlarmWord, type DangerAnswerWords } from '../content/dangerAnswerWords';
import { analysedText } from '../shared/messageLength';
import { withinOneEdit } from '../guidance/classifier/spelling';
import type { Intent } from '../guidance/vocabulary';
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
import { refuseNote, sendNoteBack, startNote } from './handlers/noteHandlers';
import { cancelReminder, offerReminder, setReminder } from './handlers/reminderHandlers';
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
  /** Words that, typed on their own in either language, lead here (the Teams command menu sends these). */
  readonly commands?: readonly string[];
  /** The free-text intent that leads here. */
  readonly intent?: Intent;
  /** The answer to a payload the schema refuses; without it, the "expired card" notice. */
  readonly onInvalidPayload?: (turn: BotTurn) => Promise<void>;
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
   * Its command stays the bot's while an adviser has the person's anonymous case: what manages the
   * person's request, data or language, and the staff's own tools. Every other command word typed
   * then goes to the adviser (dispatch's `relay`): "hallo" or "training" there answers the adviser.
   */
  readonly commandDuringRelay?: true;
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
    commands: ['help', 'hulp', 'hallo', 'hoi', 'hello', 'hi', 'menu', 'start', 'begin'],
  }),
  'flow.start': route({
    kind: 'message',
    payload: flowStartPayload,
    handle: startFlow,
    sharedChatAllowed: true,
    intent: 'guidance',
    commands: ['wat moet ik doen', 'what should i do', 'advies', 'guidance'],
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
    commands: ['opnieuw', 'opnieuw beginnen', 'start over', 'restart'],
  }),
  'flow.answer': route({ kind: 'submit', payload: flowAnswerPayload, handle: answerFlowStep, sharedChatAllowed: true }),
  'flow.back': route({ kind: 'submit', payload: flowBackPayload, handle: goBackInFlow, sharedChatAllowed: true }),
  'flow.showAllTopics': route({ kind: 'submit', payload: flowPayload, handle: showAllTopics, sharedChatAllowed: true }),
  'role.change': route({
    kind: 'submit',
    payload: flowPayload,
    handle: changeRole,
    sharedChatAllowed: true,
    commands: ['rol', 'rol wijzigen', 'role', 'change role'],
  }),
  'guidance.feedback': route({ kind: 'submit', payload: feedbackPayload, handle: recordGuidanceFeedback, sharedChatAllowed: true }),
  'info.codeOfConduct': route({
    kind: 'submit',
    payload: noPayload,
    handle: showCodeOfConduct,
    sharedChatAllowed: true,
    intent: 'code-of-conduct',
    commands: ['gedragscode', 'code of conduct'],
  }),
  'info.reporting': route({
    kind: 'submit',
    payload: noPayload,
    handle: showReporting,
    sharedChatAllowed: true,
    intent: 'report',
    commands: ['melden', 'melding', 'report', 'reporting'],
  }),
  'info.training': route({
    kind: 'submit',
    payload: noPayload,
    handle: showTraining,
    sharedChatAllowed: true,
    intent: 'training',
    commands: ['training', 'e-learning', 'elearning', 'toolkit'],
  }),
  'info.privacy': route({ kind: 'submit', payload: noPayload, handle: showPrivacy, sharedChatAllowed: true, commands: ['privacy'] }),
  'locale.set': route({ kind: 'submit', payload: localePayload, handle: setLocale, sharedChatAllowed: true }),
  'locale.toggle': route({ kind: 'message', payload: noPayload, handle: toggleLocale, sharedChatAllowed: true, commandDuringRelay: true, commands: ['taal', 'language'] }),
  'handoff.start': route({
    kind: 'submit',
    payload: flowPayload,
    handle: startHandoff,
    intent: 'talk',
    commands: ['vertrouwenspersoon', 'praten', 'adviser', 'advisor', 'talk'],
    fromText: (classification) => ({
      flow: { topic: classification.topic ?? undefined, perspective: classification.perspective ?? undefined },
    }),
  }),
  'handoff.confirm': route({ kind: 'submit', payload: handoffConfirmPayload, handle: confirmHandoff }),
  'handoff.status': route({
    kind: 'submit',
    payload: noPayload,
    handle: showHandoffStatus,
    commandDuringRelay: true,
    commands: ['status', 'mijn aanvraag', 'my request'],
  }),
  'handoff.cancel': route({ kind: 'submit', payload: caseIdPayload, handle: cancelHandoff }),
  'handoff.close': route({ kind: 'submit', payload: caseIdPayload, handle: closeHandoff }),
  'handoff.reveal': route({ kind: 'submit', payload: caseIdPayload, handle: revealIdentity }),
  'handoff.anotherAdviser': route({ kind: 'submit', payload: caseIdPayload, handle: askForAnotherAdviser }),
  'handoff.chatInstead': route({ kind: 'submit', payload: caseIdPayload, handle: chatInstead }),
  'dialogue.start': route({
    kind: 'submit',
    payload: dialogueStartPayload,
    handle: startDialogueRequest,
    intent: 'team-dialog',
    commands: ['teamgesprek', 'dialoogsessie', 'team dialogue', 'team dialog'],
  }),
  'dialogue.confirm': route({ kind: 'submit', payload: dialogueConfirmPayload, handle: confirmDialogueRequest }),
  // Forget me is personal even where the rest is not: with a request open, its answer names the request's code.
  'forget.start': route({
    kind: 'submit',
    payload: noPayload,
    handle: askToForget,
    commandDuringRelay: true,
    commands: ['vergeet mij', 'vergeet me', 'forget me'],
  }),
  'forget.confirm': route({ kind: 'submit', payload: noPayload, handle: forgetPerson }),
  // "Write it down": the note comes straight back to the person and is never stored.
  'note.start': route({
    kind: 'submit',
    payload: noPayload,
    handle: startNote,
    commands: ['opschrijven', 'schrijf het op', 'notitie', 'write it down', 'write down', 'note'],
  }),
  'note.write': route({ kind: 'submit', payload: noteWritePayload, handle: sendNoteBack, onInvalidPayload: refuseNote }),
  // "Remind me to check in": offered after a bystander's guidance; keeps only when, the topic and the language.
  'reminder.start': route({ kind: 'submit', payload: reminderStartPayload, handle: offerReminder }),
  'reminder.set': route({ kind: 'submit', payload: reminderSetPayload, handle: setReminder }),
  'reminder.cancel': route({
    kind: 'submit',
    payload: noPayload,
    handle: cancelReminder,
    commandDuringRelay: true,
    commands: ['herinnering annuleren', 'herinnering stoppen', 'cancel reminder', 'stop reminder'],
  }),
  // Typed, or a filter button on the list's own card: one handler per filter.
  'cases.list': route({
    kind: 'submit',
    payload: noPayload,
    handle: listOpenCases,
    commandDuringRelay: true,
    commands: ['zaken', 'open zaken', 'cases', 'open cases'],
  }),
  'cases.new': route({
    kind: 'submit',
    payload: noPayload,
    handle: listUnclaimedCases,
    commandDuringRelay: true,
    commands: ['nieuwe zaken', 'onopgepakte zaken', 'new cases', 'unclaimed', 'unclaimed cases'],
  }),
  'cases.mine': route({ kind: 'submit', payload: noPayload, handle: listMyCases, commandDuringRelay: true, commands: ['mijn zaken', 'my cases'] }),
  'cases.withColleagues': route({
    kind: 'submit',
    payload: noPayload,
    handle: listCasesWithColleagues,
    commandDuringRelay: true,
    commands: ["bij collega's", "zaken bij collega's", 'opgepakte zaken', 'with colleagues', 'cases with colleagues', 'taken cases'],
  }),
  // Adviser card buttons, also on a pool's channel card: the handlers answer there with the channel's
  // card, and refuse anyone outside the case's pool, wherever they press.
  'case.refresh': route({ kind: 'invoke', payload: advisorCaseActionPayload, handle: refreshAdvisorCase, sharedChatAllowed: true }),
  'case.claim': route({ kind: 'invoke', payload: advisorCaseActionPayload, handle: claimAdvisorCase, sharedChatAllowed: true }),
  'case.reply': route({ kind: 'invoke', payload: advisorCaseActionPayload, handle: replyToRequester, sharedChatAllowed: true }),
  'case.close': route({ kind: 'invoke', payload: advisorCaseActionPayload, handle: closeAdvisorCase, sharedChatAllowed: true }),
  'case.handOver': route({ kind: 'invoke', payload: advisorCaseActionPayload, handle: handOverAdvisorCase, sharedChatAllowed: true }),
  'case.acceptHandOver': route({ kind: 'invoke', payload: advisorCaseActionPayload, handle: acceptHandOver, sharedChatAllowed: true }),
  'case.declineHandOver': route({ kind: 'invoke', payload: advisorCaseActionPayload, handle: declineHandOver, sharedChatAllowed: true }),
  'case.withdrawHandOver': route({ kind: 'invoke', payload: withdrawHandOverPayload, handle: withdrawHandOver, sharedChatAllowed: true }),
  'case.release': route({ kind: 'invoke', payload: advisorCaseActionPayload, handle: releaseAdvisorCase, sharedChatAllowed: true }),
  // For the programme-lead group only; not in the Teams command menu, which holds ten commands.
  'insights.summary': route({
    kind: 'message',
    payload: noPayload,
    handle: showInsightsSummary,
    commandDuringRelay: true,
    commands: ['inzichten', 'cijfers', 'insights', 'figures'],
  }),
  // For the auditors' group only (AUDITOR_GROUP_ID): who read or changed which case. Not in the command menu either.
  'audit.recent': route({
    kind: 'message',
    payload: noPayload,
    handle: showRecentAudit,
    commandDuringRelay: true,
    commands: ['audit', 'auditlog', 'audit log', 'audit trail', 'inzagelog', 'wie las wat'],
  }),
  'audit.case': route({ kind: 'submit', payload: auditCasePayload, handle: showCaseAudit }),
} as const;

export type RouteVerb = keyof typeof ROUTES;
type AnyRoute = Route<z.ZodType>;

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

const routesByCommand = new Map<string, AnyRoute>();
const routesByIntent = new Map<Intent, AnyRoute>();
for (const definition of Object.values(ROUTES) as AnyRoute[]) {
  for (const command of definition.commands ?? []) routesByCommand.set(normalizeCommand(command), definition);
  if (definition.intent) routesByIntent.set(definition.intent, definition);
}

export function findCommandRoute(text: string): AnyRoute | undefined {
  return routesByCommand.get(normalizeCommand(text));
}

/**
 * What a typed answer to the danger question stands for, read only while it is open for this person
 * in this chat (dispatch's `answer` step, src/bot/openDangerQuestions.ts), with the words of
 * `content/danger-answers/`. Recall beats precision: a message that starts with a yes (also "JAAAA!!"), holds a
 * word that calls for help anywhere, or says only that it goes on ("nog steeds bezig"), is the "Yes" button; only a bare no is the "No" button. Anything
 * else is read as a new message, where danger still wins. A yes marks the person's open request urgent, so
 * an answer that starts with a no ("Nee, ik heb geen hulp nodig"), says no first in other words and then asks help for what
 * comes next ("Gelukkig niet, maar ik wil wel graag hulp") or negates the alarm word in its clause ("geen politie
 * nodig", "I don't need help", "hulp is niet nodig") is no yes: the person said otherwise, and as a new message its danger is still read.
 */
export function findTypedDangerAnswer(
  text: string,
  words: DangerAnswerWords,
): { readonly route: AnyRoute; readonly answer: 'yes' | 'no' } | undefined {
  const normalized = normalizeCommand(text);
  const route = ROUTES['flow.answer'] as AnyRoute;
  if (words.wholeNo.has(normalized)) return { route, answer: 'no' };
  const typed = wordsOfHurriedText(text, words);
  if (typed.length === 0 || words.noFirstWords.has(typed[0])) return undefined;
  const clauses = clausesOfHurriedText(text, words);
  if (clauses.length > 1 && saysNo(clauses[0], words)) {
    return clauses.slice(1).some((clause) => callsOnlyForHelpNow(clause, words)) ? { route, answer: 'yes' } : undefined;
  }
  const callsForHelp = clauses.some((clause) =>
    clause.some((word, index) => isAlarmWord(word, words) && !negatedInClause(clause, index, words)),
  );
  if (isHurriedWordOf(typed[0], words.yesFirstWords) || callsForHelp || affirms(text, typed, words)) return { route, answer: 'yes' };
  return undefined;
}

/**
 * A yes said without a yes, that it goes on or that it is so, with nothing else told: "nog steeds bezig", "hij is er nog",
 * "still happening", "nu!!", "klopt". Not a question back ("is er nog iemand?"): that asks, it does not answer.
 */
function affirms(text: string, typed: readonly string[], words: DangerAnswerWords): boolean {
  if (text.trim().endsWith('?')) return false;
  const affirming = (word: string) => isHurriedWordOf(word, words.affirmingWords);
  return typed.some(affirming) && typed.every((word) => affirming(word) || words.besideAnswerWords.has(word));
}

/**
 * A first clause that says no in other words: a negation ("gelukkig niet", "not anymore") or that it is over ("het is
 * voorbij", "he left"), with nothing else but the words beside them; both together ("niet voorbij") say it goes on.
 */
function saysNo(clause: readonly string[], words: DangerAnswerWords): boolean {
  const negated = clause.some((word) => words.negations.has(word));
  const over = clause.some((word) => words.overWords.has(word));
  return negated !== over && clause.every((word) => words.negations.has(word) || words.overWords.has(word) || words.besideAnswerWords.has(word));
}

/**
 * After a no said first, only a clause of nothing but a call for help is still a yes ("not now, help!"); a need told there
 * ("but I need help with what to say", "ik wil wel graag hulp") is for what comes next, and marking the person's open
 * request urgent would go against their answer.
 */
function callsOnlyForHelpNow(clause: readonly string[], words: DangerAnswerWords): boolean {
  return (
    clause.some((word) => isAlarmWord(word, words)) &&
    clause.every((word) => isAlarmWord(word, words) || (words.besideAlarmWords.has(word) && !words.needWords.has(word)))
  );
}

/** How far after an alarm word a negation still says help is not wanted: "hulp is niet nodig", "help is not needed". */
const NEGATION_WORDS_AFTER = 2;

/**
 * Whether the alarm word at `index` is negated in its clause, that is whether the person says they do not want it: a
 * negation before it with only need words between, when a need word says what is not wanted, between or just after ("I
 * dont need an ambulance", "geen hulp nodig", "no police needed"), or when the negation opens its clause or follows a need
 * word ("I'm fine, no police", "ik wil geen politie"), or a negation up to two words after it and then a need
 * word ("hulp is niet nodig", "politie niet nodig"). A negation of something else is not: "ik voel me niet veilig help",
 * "I dont feel safe help", "hij stopt niet help", "help niet ophangen" still call for help. After the alarm word, a word
 * that may open an answer's no ("no") does not count: "help no one is here" still calls for help.
 */
function negatedInClause(clause: readonly string[], index: number, words: DangerAnswerWords): boolean {
  let before = index - 1;
  while (before >= 0 && words.needWords.has(clause[before])) before -= 1;
  const needBetween = before < index - 1;
  const needJustAfter = clause.slice(index + 1, index + 1 + NEGATION_WORDS_AFTER).some((word) => words.needWords.has(word));
  const opensWhatIsWanted = before === 0 || words.needWords.has(clause[before - 1]);
  if (before >= 0 && words.negations.has(clause[before]) && (needBetween || needJustAfter || opensWhatIsWanted)) return true;
  for (let after = index + 1; after <= index + NEGATION_WORDS_AFTER && after < clause.length; after += 1) {
    const word = clause[after];
    if (words.negations.has(word) && !words.noFirstWords.has(word) && words.needWords.has(clause[after + 1] ?? '')) return true;
  }
  return false;
}

/**
 * A message of nothing but words that call for help ("112", "SOS!!", "politie", "help help"): the classifier reads such bare
 * words as no danger, yet whoever types only that may be in danger. Returns how the bot reads it, danger `unclear` with
 * nothing else told (also where the classifier guessed a situation or `unclear` itself), or undefined for any other
 * message and for danger `now`, whose emergency card comes first anyway. Outside a relay the
 * danger question comes first with every number and call button, and nothing else: yes shows the emergency card, no the
 * menu (dispatch's `danger` step); to an adviser the emergency card comes first (the relay's rule for `unclear`). A single
 * bare menu word ("help", "Hulp?", "menu") is a command of `welcome.show` and gets the menu from dispatch's `command` step
 * before this is read, except during a relay, where command words go to the adviser and this rule shows the emergency card.
 */
export function readAsCallForHelp(text: string, classification: Classification, words: DangerAnswerWords): Classification | undefined {
  if (classification.danger === 'now' || !callsOnlyForHelp(text, words)) return undefined;
  return { ...classification, intent: 'help', topic: null, perspective: null, likelyTopics: [], danger: 'unclear' };
}

/**
 * At least one alarm word, and beside it only alarm words and the few words that go with them ("HELP ME!!", "bel 112!",
 * "hulp nu", "112 🙏"), read as typed in a hurry (wordsOfHurriedText), an alarm word also with one typing error ("HLEP ME!!",
 * "ambulanse!!", isMistypedAlarmWord). A longer sentence ("call 112 if you see it") is
 * the classifier's to read. A first no may stand before them: "nee, help!" typed to the danger question is no yes
 * (findTypedDangerAnswer), and gets the question again, the numbers first, rather than the menu.
 */
function callsOnlyForHelp(text: string, words: DangerAnswerWords): boolean {
  const typed = wordsOfHurriedText(text, words);
  const callsForHelp = (word: string) => isAlarmWord(word, words) || (isMistypedAlarmWord(word, words) && !(typed.length === 1 && isMistypedGreeting(word, words)));
  return (
    typed.some(callsForHelp) &&
    typed.every((word, index) => callsForHelp(word) || words.besideAlarmWords.has(word) || (index === 0 && words.noFirstWords.has(word)))
  );
}

/**
 * A bare "helo" is one typing error from "help" and from "hello": a greeting mistyped alone asks for the menu, as the greeting
 * does. The menu's own words that are no alarm words ("hello", "hallo", "menu", "start", "begin") decide; a word that holds
 * an alarm word whole ("helpo") and any word beside others ("helo me please!!") still call for help.
 */
function isMistypedGreeting(word: string, words: DangerAnswerWords): boolean {
  if ([...words.alarmWords].some((alarm) => alarm.length >= 4 && word.includes(alarm))) return false;
  return MENU_WORDS_NOT_ALARMS.some((command) => command.length >= 4 && withinOneEdit(word, command));
}
const MENU_WORDS_NOT_ALARMS = (ROUTES['welcome.show'].commands ?? []).filter((command) => command !== 'help' && command !== 'hulp');

/**
 * The words of a message as a phone types them in a hurry: read as the classifier reads it (NFKC: "１１２" is "112", "…" is
 * "..."; characters nobody sees left out), in lower case, apostrophes left out ("don't" is "dont"), the SOS emoji and
 * "S.O.S." as "sos", an emergency number written in parts as its digits ("0800-0113"), every other symbol, emoji and
 * punctuation mark between words.
 */
function wordsOfHurriedText(text: string, words: DangerAnswerWords): string[] {
  return wordsOf(hurriedText(text, words));
}

/** The words of each clause (between `, . ! ? ;`) of a message typed in a hurry: a negation negates only in its own clause ("not now, help!"). */
function clausesOfHurriedText(text: string, words: DangerAnswerWords): string[][] {
  return hurriedText(text, words)
    .split(/[,.!?;]+/)
    .map(wordsOf)
    .filter((clause) => clause.length > 0);
}

function hurriedText(text: string, words: DangerAnswerWords): string {
  return analysedText(text)
    .toLowerCase()
    .replace(/['’‘]/g, '')
    .replace(/\u{1F198}/gu, ' sos ')
    .replace(/(?<![\p{L}\p{N}])(?:\p{L}\.){2,}\p{L}?(?![\p{L}\p{N}])/gu, (abbreviation) => abbreviation.replace(/\./g, ''))
    .replace(/\d+(?:[ .-]\d+)+/g, (digits) => (words.emergencyNumbers.has(digitsOf(digits)) ? digitsOf(digits) : digits));
}

function wordsOf(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

export function findIntentRoute(intent: Intent): AnyRoute {
  const found = routesByIntent.get(intent);
  if (!found) throw new Error(`No route for intent ${intent}`);
  return found;
}
