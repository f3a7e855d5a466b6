import { z } from 'zod';
import { TEAM_SIZES } from '../cards/dialogueRequestCard';
import { NOTE_LIMITS } from '../cards/writeItDownCard';
import { POOL_ID } from '../content/adviserPoolsSchema';
import { DANGER_LEVELS, LOCALES, PERSPECTIVES, TOPICS } from '../guidance/vocabulary';
import { CHOSEN_MOMENT, REMINDER_CHOICES } from '../reminders/reminder';
import { CASE_MODES, CONTACT_PREFERENCES, DIALOGUE_FORMATS, OUTCOME_CATEGORIES } from '../handoff/handoffCase';
import { withoutInvisibleCharacters } from '../shared/invisibleCharacters';
import { MAX_ANALYSED_CHARS } from '../shared/messageLength';

/**
 * The one contract for the data card buttons send back: the routing table validates every
 * incoming payload with these schemas, and the card builders' action types
 * (src/cards/cardActions.ts) are derived from them, so the two sides cannot drift apart.
 * Card data is client input: anything that does not match exactly (extra fields, unknown
 * values, wrong types) is refused.
 *
 * A card with a form has two parts: what its button's data holds (`...Button`) and the inputs
 * Teams merges into that data on submit; the payload is the button's schema extended with them.
 */
/**
 * What a person writes into a card's input: stored, relayed or shown to someone else (an adviser, a
 * requester, the dialogue team), so the characters nobody sees leave before it is measured and
 * trimmed, as they do from typed text. Zero-width spaces would pass an empty "required" field and
 * bidi controls could reorder what the other person reads. An unpaired surrogate becomes U+FFFD:
 * JSON writes it as six characters, so the size a stored case is limited by (MAX_CASE_CHARS_WITH_ADDITIONS)
 * holds only for well-formed text.
 */
const writtenText = () => z.string().overwrite((text) => withoutInvisibleCharacters(text.toWellFormed()));

export const flowStateSchema = z
  .object({
    perspective: z.enum(PERSPECTIVES).optional(),
    topic: z.enum(TOPICS).optional(),
    urgent: z.boolean().optional(),
  })
  .strict();

export const questionStepSchema = z.enum(['perspective', 'topic', 'danger', 'role']);

export const noPayload = z.object({}).strict();

export const flowAnswerPayload = z
  .object({
    step: questionStepSchema,
    answer: z.string().max(40),
    flow: flowStateSchema,
    /** Carried past the questions asked before the topic, so the topic question still offers them. */
    likelyTopics: z.array(z.enum(TOPICS)).max(3).readonly().optional(),
    /** The danger question a bare call for help raised ("112", "SOS!!"): "no" shows the menu. */
    callForHelp: z.literal(true).optional(),
    /** The danger question's: the language of the message that raised it, in which its "yes" shows the emergency card. */
    raisedIn: z.enum(LOCALES).optional(),
  })
  .strict();

export const flowBackPayload = z.object({ step: questionStepSchema, flow: flowStateSchema }).strict();

/** A typed command carries no flow yet; a button carries the flow so far. */
export const flowPayload = z.object({ flow: flowStateSchema.default({}) }).strict();

export const flowStartPayload = z
  .object({
    flow: flowStateSchema.default({}),
    likelyTopics: z.array(z.enum(TOPICS)).max(3).readonly().optional(),
    fromText: z.boolean().optional(),
    /** The message's danger level: `unclear` asks the danger question before anything else. */
    danger: z.enum(DANGER_LEVELS).optional(),
  })
  .strict();

export const feedbackPayload = z
  .object({ helpful: z.boolean(), topic: z.enum(TOPICS), perspective: z.enum(PERSPECTIVES) })
  .strict();

export const localePayload = z.object({ locale: z.enum(LOCALES) }).strict();

const caseId = z.string().regex(/^[0-9a-f]{32}$/, 'a case id');

export const caseIdPayload = z.object({ caseId }).strict();

/**
 * "Send to VK-…" on the card that asks which request typed words are for: the request chosen, and the typed message's
 * activity id, so a second press for the same request relays nothing twice. The words come from the card's input.
 * `answersDangerQuestion`: they answered the bot's danger question, and the adviser gets them labelled so.
 */
export const relayToButton = caseIdPayload
  .extend({ messageId: z.string().regex(/^[\x21-\x7e]{1,128}$/, 'an activity id'), answersDangerQuestion: z.literal(true).optional() })
  .strict();
export const relayToPayload = relayToButton.extend({ relayText: writtenText().trim().min(1).max(MAX_ANALYSED_CHARS) }).strict();

/** An auditor's button for one case's trail: the case key (a keyed hash of the code), as the trail files it. */
export const auditCasePayload = z.object({ caseKey: z.string().regex(/^[0-9a-f]{40}$/) }).strict();

/**
 * "Send request" names the people its consent card said would see the request: the pool and whether its backup
 * advisers come in. The person consented to those; when the deployment or the content has changed them since the card
 * was drawn, the request is not sent but the card shown again. Both are optional only for cards drawn before they were
 * carried: those named the default pool (every card did before pools, and a card without a topic still does).
 */
export const handoffConfirmButton = z
  .object({ flow: flowStateSchema, pool: z.string().regex(POOL_ID).optional(), backup: z.boolean().optional() })
  .strict();

export const handoffConfirmPayload = handoffConfirmButton
  .extend({
    mode: z.enum(CASE_MODES),
    message: writtenText().max(500).optional(),
    contact: z.enum(CONTACT_PREFERENCES).optional(),
    urgent: z.enum(['true', 'false']).optional(),
  })
  .strict();

/** A typed command asks for a team dialogue; the manager's guidance also offers a one-to-one one. */
export const dialogueStartPayload = z.object({ format: z.enum(DIALOGUE_FORMATS).default('team') }).strict();

export const dialogueConfirmButton = dialogueStartPayload;

export const dialogueConfirmPayload = dialogueConfirmButton
  .extend({
    team: writtenText().trim().min(1).max(120),
    /** Only a team dialogue asks for the team's size. */
    teamSize: z.enum(TEAM_SIZES).optional(),
    preferredPeriod: writtenText().trim().min(1).max(120),
    reason: writtenText().trim().min(1).max(1000),
    contact: writtenText().trim().min(1).max(200),
  })
  .strict()
  .refine((request) => request.format === 'one-to-one' || request.teamSize !== undefined, { path: ['teamSize'], message: 'a team dialogue needs its size' });

/** Teams sends an input left empty as "" (or leaves it out); both mean "not filled in". */
const optionalInput = (maxLength: number) => writtenText().max(maxLength).optional();

export const noteWriteButton = noPayload;

/** "Write it down": what the person wrote, read once to send it back to them, never kept. */
export const noteWritePayload = noteWriteButton
  .extend({
    what: writtenText().trim().min(1).max(NOTE_LIMITS.what),
    whenDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).or(z.literal('')).optional(),
    whenTime: z.string().regex(/^\d{2}:\d{2}(:\d{2})?$/).or(z.literal('')).optional(),
    where: optionalInput(NOTE_LIMITS.where),
    who: optionalInput(NOTE_LIMITS.who),
    said: optionalInput(NOTE_LIMITS.said),
    did: optionalInput(NOTE_LIMITS.did),
  })
  .strict();

export const reminderStartPayload = z.object({ topic: z.enum(TOPICS) }).strict();

/**
 * One of the three moments, or a day and time of their own. The card's date and time inputs may come
 * along with any of its buttons, empty or filled; their format is checked where the moment is worked
 * out (chosenMomentFor), so a client that sends an empty time gets "choose a day and a time", not an
 * out-of-date card.
 */
const cardInput = z.string().max(32).optional();
export const reminderSetPayload = z
  .object({ topic: z.enum(TOPICS), choice: z.enum([...REMINDER_CHOICES, CHOSEN_MOMENT]), remindDate: cardInput, remindTime: cardInput })
  .strict();

export const advisorCaseButton = caseIdPayload;

export const advisorCaseActionPayload = advisorCaseButton
  .extend({
    reply: writtenText().max(2000).optional(),
    outcome: z.enum(OUTCOME_CATEGORIES).or(z.literal('').transform(() => undefined)).optional(),
    followUp: z.enum(['true', 'false']).optional(),
    /** The colleague chosen on the card to hand the case to: an Entra object id from the card's own list. */
    handOverTo: z
      .string()
      .regex(/^[0-9A-Za-z-]{1,64}$/, 'an object id')
      .or(z.literal('').transform(() => undefined))
      .optional(),
  })
  .strict();

/** Withdraw names the offer it was drawn for: an old button must not withdraw a newer offer. */
const offerNumber = z.number().int().min(1).max(1_000_000);
export const withdrawHandOverPayload = advisorCaseActionPayload.extend({ offer: offerNumber }).strict();
export const withdrawHandOverButton = advisorCaseButton.extend({ offer: offerNumber }).strict();

/** What each Action.Submit button's data holds, per verb (form inputs excluded: Teams adds them). */
export const SUBMIT_BUTTONS = {
  'welcome.show': noPayload,
  'flow.answer': flowAnswerPayload,
  'flow.back': flowBackPayload,
  'flow.restart': noPayload,
  'flow.showAllTopics': flowPayload,
  'role.change': flowPayload,
  'guidance.feedback': feedbackPayload,
  'info.codeOfConduct': noPayload,
  'info.reporting': noPayload,
  'info.training': noPayload,
  'info.privacy': noPayload,
  'locale.set': localePayload,
  'handoff.start': flowPayload,
  'handoff.confirm': handoffConfirmButton,
  'handoff.status': noPayload,
  'handoff.cancel': caseIdPayload,
  'handoff.close': caseIdPayload,
  'handoff.reveal': caseIdPayload,
  'handoff.anotherAdviser': caseIdPayload,
  'handoff.chatInstead': caseIdPayload,
  'handoff.relayTo': relayToButton,
  'dialogue.start': dialogueStartPayload,
  'dialogue.confirm': dialogueConfirmButton,
  'forget.start': noPayload,
  'forget.confirm': noPayload,
  'audit.case': auditCasePayload,
  'cases.list': noPayload,
  'cases.new': noPayload,
  'cases.mine': noPayload,
  'cases.withColleagues': noPayload,
  'note.start': noPayload,
  'note.write': noteWriteButton,
  'reminder.start': reminderStartPayload,
  'reminder.set': reminderSetPayload,
  'reminder.cancel': noPayload,
} as const;

/** What each Action.Execute (Universal Action) button on an adviser card holds, per verb. */
export const INVOKE_BUTTONS = {
  'case.refresh': advisorCaseButton,
  'case.claim': advisorCaseButton,
  'case.reply': advisorCaseButton,
  'case.close': advisorCaseButton,
  'case.handOver': advisorCaseButton,
  'case.acceptHandOver': advisorCaseButton,
  'case.declineHandOver': advisorCaseButton,
  'case.withdrawHandOver': withdrawHandOverButton,
  'case.release': advisorCaseButton,
} as const;
