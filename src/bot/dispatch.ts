import type { z } from 'zod';
import { buildNoticeCard } from '../cards/noticeCard';
import { buildWelcomeCard } from '../cards/welcomeCard';
import type { Classification } from '../guidance/classifier';
import type { BotTurn } from './botTurn';
import { askAboutDangerFirst, askWhetherCallForHelpIsDanger } from './handlers/flowHandlers';
import { relayRequesterMessage, tellFilesNotPassedOn } from './handlers/relayHandlers';
import { markOpenRequestsUrgent, tellMarkedUrgent } from './handlers/openRequestUrgency';
import type { HandoffCase } from '../handoff/handoffCase';
import { showExpiredCard, showPersonalChatOnly } from './handlers/infoHandlers';
import { findCommand, findIntentRoute, findRoute, type Route } from './routes';
import { adviserWroteSince } from '../handoff/caseInactivity';
import { findTypedDangerAnswer } from './typedDangerAnswers';
import { readTypedText, type TypedTextReading } from './readTypedText';
import { readWithin } from '../shared/messageLength';
import { actOnDangerInWordsNotSent } from './dangerInWordsNotSent';
import { isTeamChannel } from './conversationKind';

/** One incoming activity, as the dispatch steps see it. */
export type Incoming =
  /** An Action.Execute (Universal Action) from an adviser card. */
  | { readonly kind: 'invoke'; readonly verb: unknown; readonly data: unknown }
  /** An Action.Submit: a message whose value holds the button's data and the card's inputs. */
  | { readonly kind: 'submit'; readonly value: Readonly<Record<string, unknown>> }
  /** Typed text, trimmed, the bot's @mention removed; `withFiles`: pictures or files came with it, which the bot neither reads nor passes on. */
  | { readonly kind: 'text'; readonly text: string; readonly withFiles?: boolean }
  /** Anything else that arrives as a message (an empty message, an attachment alone). */
  | { readonly kind: 'other'; readonly withFiles?: boolean };

/** What the steps of one activity learn and pass on. */
interface MessageState {
  /**
   * The anonymous cases an adviser has of this person, to whom what they type in their personal chat goes
   * (HandoffService.relayedCasesOf; more than one only after the upgrade, and then the person chooses), the newest first;
   * none elsewhere. Looked up at most once a turn, and only by a step that needs it.
   */
  readonly relayedCases: () => Promise<readonly HandoffCase[]>;
  /** The newest of relayedCases. */
  readonly relayedCase: () => Promise<HandoffCase | undefined>;
  classification?: Classification;
  /** The person's open requests this message made urgent (danger now). */
  markedUrgent?: readonly HandoffCase[];
  /** The whole text is a command word that goes to the adviser instead (`command`, `relay`). */
  commandForAdviser?: boolean;
  /** Nothing but words that call for help, read as unclear danger (`classify`, readAsCallForHelp). */
  callForHelp?: boolean;
  /** How the text reads (readTypedText), once read: a torn answer to the danger question is read in `answer` already. */
  typedReading?: TypedTextReading;
}

type StepOutcome = 'answered' | 'next';

export interface DispatchStep {
  readonly name: string;
  run(turn: BotTurn, incoming: Incoming, state: MessageState): Promise<StepOutcome>;
}

/**
 * The order in which the bot answers an activity, in one place: the first step that answers
 * ends the turn. As in the Agents SDK's route list (invokes first, then routes by rank), card
 * actions come before typed text; for typed text the length limit comes before anything reads
 * it, a typed answer to an open danger question before commands, commands before the
 * classifier, and safety before the answer. The README's "One turn" lists the same names in the
 * same order, and test/bot/dispatchOrder.test.ts keeps them equal.
 */
export const DISPATCH_STEPS: readonly DispatchStep[] = [
  {
    // Action.Execute: only routes of kind `invoke`. An unknown verb or data its schema refuses (a card
    // drawn by an earlier version, or forged) replaces the card with "out of date": telling an adviser
    // that only advisers may open requests, as before, sent them looking for a group they are in.
    name: 'invoke',
    async run(turn, incoming) {
      if (incoming.kind !== 'invoke') return 'next';
      const target = findRoute(incoming.verb, 'invoke');
      const payload = incoming.data && typeof incoming.data === 'object' ? incoming.data : {};
      if (target && !answersHere(turn, target)) {
        turn.respondWithCard(buildNoticeCard({ title: turn.t('notice.personalChatOnly.title'), text: turn.t('notice.personalChatOnly.text') }));
        return 'answered';
      }
      const parsed = target?.payload.safeParse(payload);
      if (target && parsed?.success) await target.handle(turn, parsed.data);
      else turn.respondWithCard(buildNoticeCard({ title: turn.t('notice.expired.title'), text: turn.t('advisor.expired.text') }));
      return 'answered';
    },
  },
  {
    // Action.Submit: only routes of kind `submit`; an unknown, stale or forged verb gets the expired card.
    name: 'submit',
    async run(turn, incoming) {
      if (incoming.kind !== 'submit') return 'next';
      const { verb, msteams: _teamsMetadata, ...payload } = incoming.value;
      const target = findRoute(verb, 'submit');
      turn.services.logger.debug({ event: 'cardAction', verb: target ? verb : 'unknown' }, 'card action');
      if (!target) await showExpiredCard(turn);
      else await runRoute(turn, target, payload);
      return 'answered';
    },
  },
  {
    // Before any pattern reads the text, so a crafted long message costs no more than the limit allows.
    // The limit holds for the text as written and as read (normalised: a ligature can be 18 characters), so
    // a message the bot accepts is read whole. Safety still reads the beginning and the end of a longer one
    // (each at most the limit; people often end with what matters most): danger there, `now` or `unclear`
    // alike (no question can be asked about a message the bot did not read), shows the emergency card, in
    // that part's language, before the request to shorten; danger `now` makes the person's open requests urgent
    // and says so. The same reading as a refused form's (actOnDangerInWordsNotSent).
    name: 'length',
    async run(turn, incoming) {
      const { maxMessageChars } = turn.services;
      if (incoming.kind !== 'text') return 'next';
      if (readWithin(incoming.text, maxMessageChars).fits) return 'next';
      await actOnDangerInWordsNotSent(turn, [incoming.text], async ([first]) => {
        if (first) await turn.answerInLanguageOf(first.locale);
      });
      const { t } = turn;
      await turn.send(buildNoticeCard({ title: t('notice.tooLong.title'), text: t('notice.tooLong.text', { maxChars: maxMessageChars }) }));
      return 'answered';
    },
  },
  {
    // Before commands ("help" is one): while the danger question waits for this person in this chat, a typed
    // yes, a word calling for help or a bare no is that question's button, in the language of the message that
    // raised it. Anything else goes on as a new message; the question stays open until it is answered or expires.
    // Once an adviser who has the person's anonymous case has written since the question, their "yes" or "nee" may
    // answer the adviser, and goes to them (`relay`); with two requests with advisers, an adviser of either (the words
    // may be for either, and the person chooses). Before that it can only answer the question (asked while the
    // request waited): the question's answer first, then the words to the adviser, labelled as that answer.
    name: 'answer',
    async run(turn, incoming, state) {
      if (incoming.kind !== 'text') return 'next';
      const typed = findTypedDangerAnswer(incoming.text, turn.services.content.dangerAnswerWords);
      if (!typed) return 'next';
      const question = await turn.openDangerQuestion();
      if (!question) return 'next';
      const relayed = await state.relayedCases();
      if (relayed.some((relayedCase) => adviserWroteSince(relayedCase, question.askedAt))) return 'next';
      // A torn answer may still tell danger happening now ("no one is coming and he has a knife"): the emergency card
      // comes first then (`classify`, `danger`), not the question a third time.
      if (typed.answer === 'again') {
        state.typedReading = await readTypedText(turn, incoming.text);
        if (state.typedReading.classification.danger === 'now') return 'next';
      }
      turn.services.logger.debug({ event: 'typedDangerAnswer', answer: typed.answer }, 'typed answer to the danger question');
      await turn.answerInLanguageOf(question.locale);
      await runRoute(turn, typed.route, {
        step: 'danger',
        answer: typed.answer,
        flow: question.flow,
        likelyTopics: question.likelyTopics,
        callForHelp: question.callForHelp,
      });
      if (relayed.length > 0 && turn.inPersonalChat) {
        await relayRequesterMessage(turn, incoming.text, undefined, [], { answersDangerQuestion: true, withFiles: incoming.withFiles === true });
      }
      return 'answered';
    },
  },
  {
    // Typed commands (also what the Teams command menu sends) are matched whole, and answered in their word's
    // language. While an adviser has the person's anonymous case, only a route marked `commandDuringRelay` stays a
    // command; any other command word ("hallo", "training") is for the adviser and goes on to `relay`, the danger
    // steps on its way.
    name: 'command',
    async run(turn, incoming, state) {
      if (incoming.kind !== 'text') return 'next';
      const found = findCommand(incoming.text);
      if (!found) return 'next';
      const { route: command, locale } = found;
      if (!command.commandDuringRelay && (await state.relayedCase())) {
        state.commandForAdviser = true;
        return 'next';
      }
      turn.services.logger.debug({ event: 'command' }, 'typed command');
      // "forget me" after Dutch messages is answered in English, as any English message is; "privacy" tells no language.
      if (locale) await turn.answerInLanguageOf(locale);
      if (command.intent) turn.recordInsight({ kind: 'intent', intent: command.intent });
      await runRoute(turn, command, {});
      return 'answered';
    },
  },
  {
    // Language, intent, topic, perspective and danger level; the text is not kept. A message of nothing but
    // words that call for help reads as unclear danger, whatever the classifier made of it (readTypedText, also
    // for a request's message box and a dialogue form's reason).
    name: 'classify',
    async run(turn, incoming, state) {
      if (incoming.kind !== 'text') return 'next';
      const { classification, callForHelp } = state.typedReading ?? (await readTypedText(turn, incoming.text));
      state.callForHelp = callForHelp;
      await turn.answerInLanguageOf(classification.locale);
      turn.services.logger.debug(
        { event: 'classified', intent: classification.intent, topic: classification.topic, danger: classification.danger },
        'message classified',
      );
      state.classification = classification;
      return 'next';
    },
  },
  {
    // Danger now, typed by someone whose advice request is open, makes it urgent in every stage (named or
    // anonymous, waiting or taken) before anything else happens with the message; the words do not go with it.
    // Only from the personal chat: the person is told the request's code, which a channel must not read.
    name: 'urgency',
    async run(turn, incoming, state) {
      if (incoming.kind !== 'text' || state.classification?.danger !== 'now' || !turn.inPersonalChat) return 'next';
      state.markedUrgent = await markOpenRequestsUrgent(turn);
      return 'next';
    },
  },
  {
    // During an anonymous case with an adviser, what the person writes goes to that adviser, after the
    // emergency card if it may be dangerous (src/bot/handlers/relayHandlers.ts, relayRequesterMessage).
    name: 'relay',
    async run(turn, incoming, state) {
      // Only from the personal chat: in a team channel the answer ("sent to your adviser") would tell everyone there.
      if (incoming.kind !== 'text' || !state.classification || !turn.inPersonalChat) return 'next';
      const relayed = await relayRequesterMessage(turn, incoming.text, state.classification, state.markedUrgent ?? [], {
        commandWord: state.commandForAdviser === true,
        withFiles: incoming.withFiles === true,
      });
      return relayed ? 'answered' : 'next';
    },
  },
  {
    // `now`: the emergency card first. `unclear`: the danger question first, with every number above it;
    // a message asking for guidance continues from that question's answer, any other goes on to its answer.
    // A bare call for help gets the question alone: its "no" shows the menu, so the numbers stay on screen.
    name: 'danger',
    async run(turn, incoming, state) {
      const classification = state.classification;
      if (incoming.kind !== 'text' || !classification) return 'next';
      if (state.callForHelp) {
        await askWhetherCallForHelpIsDanger(turn);
        return 'answered';
      }
      if (classification.danger === 'now') await turn.showEmergencyRoute({ topic: classification.topic, locale: classification.locale });
      // Right after the emergency card: the person learns that their open request is urgent now, and that their words stayed here.
      await tellMarkedUrgent(turn, state.markedUrgent ?? []);
      if (classification.danger === 'unclear' && classification.intent !== 'guidance') {
        await askAboutDangerFirst(turn, {
          topic: classification.topic ?? undefined,
          perspective: classification.perspective ?? undefined,
        });
      }
      return 'next';
    },
  },
  {
    // The classified intent's route, with what the message already told.
    name: 'intent',
    async run(turn, incoming, state) {
      const classification = state.classification;
      if (incoming.kind !== 'text' || !classification) return 'next';
      turn.recordInsight({ kind: 'intent', intent: classification.intent });
      const target = findIntentRoute(classification.intent);
      await runRoute(turn, target, target.fromText?.(classification) ?? {});
      return 'answered';
    },
  },
  {
    // A message with neither text nor card data: say what the bot understands, and show the menu. A picture or
    // file alone, sent while an adviser has the person's anonymous case, was meant for the adviser: say that it
    // was not passed on, and what to do instead.
    name: 'unsupported',
    async run(turn, incoming, state) {
      const relayed = incoming.kind === 'other' && incoming.withFiles ? await state.relayedCase() : undefined;
      if (relayed) {
        await tellFilesNotPassedOn(turn, relayed);
        return 'answered';
      }
      await turn.send(buildNoticeCard({ text: turn.t('notice.unsupported.text') }), buildWelcomeCard(turn.cardContext));
      return 'answered';
    },
  },
];

/** Runs the steps in order until one answers. */
export async function dispatch(turn: BotTurn, incoming: Incoming): Promise<void> {
  let relayedCases: Promise<readonly HandoffCase[]> | undefined;
  const state: MessageState = {
    relayedCases: () => {
      if (!turn.inPersonalChat) return Promise.resolve([]);
      relayedCases ??= turn.services.handoff.relayedCasesOf(turn.personKey);
      return relayedCases;
    },
    relayedCase: async () => (await state.relayedCases())[0],
  };
  for (const step of DISPATCH_STEPS) {
    if ((await step.run(turn, incoming, state)) === 'answered') return;
  }
}

/** A route answers in the person's own chat, and in a team channel or group chat only when it says so. */
function answersHere(turn: BotTurn, target: Route<z.ZodType>): boolean {
  if (turn.inPersonalChat || target.sharedChatAllowed === true) return true;
  return target.teamChannelAllowed === true && isTeamChannel(turn.context.activity);
}

async function runRoute(turn: BotTurn, target: Route<z.ZodType>, payload: unknown): Promise<void> {
  // Before the payload is read: a note written in a channel is not even echoed there.
  if (!answersHere(turn, target)) return showPersonalChatOnly(turn);
  const parsed = target.payload.safeParse(payload);
  if (!parsed.success) return (target.onInvalidPayload ?? showExpiredCard)(turn, { payload, error: parsed.error });
  await target.handle(turn, parsed.data);
}
