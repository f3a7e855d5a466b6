import type { z } from 'zod';
import { buildAdvisorCaseCard, buildChannelCaseCard } from '../../cards/advisorCaseCard';
import { buildDialogueRequestCard } from '../../cards/dialogueRequestCard';
import { buildHandoffConsentCard, buildHandoffStatusCard } from '../../cards/handoffCards';
import type { CardAction, CardButton } from '../../cards/cardActions';
import { cardContextFor, type CardContext } from '../../cards/cardContext';
import { buildCasesWithColleaguesCard } from '../../cards/casesWithColleaguesCard';
import { literalText } from '../../cards/literalText';
import { keepOnOneLine } from '../../cards/keepOnOneLine';
import { buildNoticeCard } from '../../cards/noticeCard';
import type { Classification } from '../../guidance/classifier';
import type { HandoffCase } from '../../handoff/handoffCase';
import type { AdvisorCaseOutcome, ClaimOutcome, OpenCaseFilter, RequestOutcome } from '../../handoff/handoffService';
import { languageOfTag } from '../../guidance/vocabulary';
import { showPersonalChatOnly } from './infoHandlers';
import type { BotTurn } from '../botTurn';
import type {
  advisorCaseActionPayload,
  caseIdPayload,
  dialogueConfirmPayload,
  dialogueStartPayload,
  flowPayload,
  handoffConfirmPayload,
  withdrawHandOverPayload,
} from '../cardPayloads';

/** The requester's side of the handoff: consent, confirmation, status, cancel, close, reveal. */

export async function startHandoff(turn: BotTurn, payload: z.infer<typeof flowPayload>): Promise<void> {
  const open = await turn.services.handoff.findOwnCase(turn.personKey);
  if (open.outcome === 'found' && open.handoffCase.kind === 'advice') {
    // The open request's code and adviser are the requester's alone, not the channel's.
    if (!turn.inPersonalChat) return showPersonalChatOnly(turn);
    await turn.send(buildHandoffStatusCard(turn.cardContext, open.handoffCase, 'alreadyOpen', turn.services.clock.now()));
    return;
  }
  await turn.send(buildHandoffConsentCard(turn.cardContext, payload.flow));
}

export async function confirmHandoff(turn: BotTurn, payload: z.infer<typeof handoffConfirmPayload>): Promise<void> {
  const { flow } = payload;
  const user = turn.user;
  const message = payload.message?.trim() || null;
  // What someone writes for the adviser is read for danger like any message they type: the
  // numbers come first (for `unclear` too: no question fits here), and `now` makes the request urgent.
  const read = message ? await turn.services.classifier.classify(message, { fallbackLocale: turn.locale }) : undefined;
  if (read && read.danger !== 'none') await turn.showEmergencyRoute({ topic: read.topic ?? flow.topic, locale: read.locale });
  const result = await turn.services.handoff.requestAdvice({
    requestId: turn.context.activity.id ?? '',
    requester: { personKey: turn.personKey, userId: user.userId, displayName: user.displayName },
    mode: payload.mode,
    locale: turn.locale,
    topic: flow.topic ?? null,
    perspective: flow.perspective ?? null,
    urgent: payload.urgent === 'true' || flow.urgent === true || read?.danger === 'now',
    contactPreference: payload.contact ?? 'teams-chat',
    message,
  });
  await answerRequest(turn, result);
}

/** The confirmation of a new request, or what became of one sent while the person's request was open. */
async function answerRequest(turn: BotTurn, result: RequestOutcome): Promise<void> {
  const now = turn.services.clock.now();
  if (result.outcome === 'created') {
    await turn.send(buildHandoffStatusCard(turn.cardContext, result.handoffCase, 'confirmed', now));
    return;
  }
  const { fate, urgent } = result;
  const addition = fate !== 'none' || urgent ? { fate, urgent } : undefined;
  await turn.send(buildHandoffStatusCard(turn.cardContext, result.handoffCase, 'alreadyOpen', now, addition));
}

export async function showHandoffStatus(turn: BotTurn): Promise<void> {
  const own = await turn.services.handoff.findOwnCase(turn.personKey);
  if (own.outcome === 'notFound') {
    await turn.send(
      buildNoticeCard({
        text: turn.t('handoff.noCase.text'),
        buttons: [
          { title: turn.t('welcome.talk'), action: { verb: 'handoff.start', flow: {} } },
          { title: turn.t('common.menu'), action: { verb: 'welcome.show' } },
        ],
      }),
    );
    return;
  }
  await turn.send(buildHandoffStatusCard(turn.cardContext, own.handoffCase, 'status', turn.services.clock.now()));
}

export async function cancelHandoff(turn: BotTurn, payload: z.infer<typeof caseIdPayload>): Promise<void> {
  const result = await turn.services.handoff.cancelRequest(turn.personKey, payload.caseId);
  await answerRequesterAction(turn, result, 'cancelled');
}

export async function closeHandoff(turn: BotTurn, payload: z.infer<typeof caseIdPayload>): Promise<void> {
  const result = await turn.services.handoff.closeAsRequester(turn.personKey, payload.caseId);
  await answerRequesterAction(turn, result, result.outcome === 'ok' && result.handoffCase.status === 'cancelled' ? 'cancelled' : 'closed');
}

export async function revealIdentity(turn: BotTurn, payload: z.infer<typeof caseIdPayload>): Promise<void> {
  const { userId, displayName } = turn.user;
  const result = await turn.services.handoff.revealIdentity(turn.personKey, payload.caseId, userId, displayName);
  if (result.outcome === 'ok') {
    await turn.send(buildNoticeCard({ text: turn.t('handoff.revealed.text') }));
    return;
  }
  await answerRequesterAction(turn, result, 'status');
}

/** "Chat instead" on the confirmation of an anonymous request for a call: the chat needs no number. */
export async function chatInstead(turn: BotTurn, payload: z.infer<typeof caseIdPayload>): Promise<void> {
  const result = await turn.services.handoff.switchToChat(turn.personKey, payload.caseId);
  if (result.outcome === 'ok') {
    await turn.send(buildHandoffStatusCard(turn.cardContext, result.handoffCase, 'chatInstead', turn.services.clock.now()));
    return;
  }
  await answerRequesterAction(turn, result, 'status');
}

/** "Ask for another adviser": no reason asked; the adviser who had the case no longer sees it. */
export async function askForAnotherAdviser(turn: BotTurn, payload: z.infer<typeof caseIdPayload>): Promise<void> {
  const result = await turn.services.handoff.requestAnotherAdviser(turn.personKey, payload.caseId);
  if (result.outcome === 'notFound' || result.outcome === 'notOpen') {
    await answerRequesterAction(turn, result.outcome === 'notFound' ? result : { outcome: 'notOpen', handoffCase: result.handoffCase }, 'status');
    return;
  }
  const code = result.handoffCase.code;
  // A second click (perhaps handled by another instance) finds the move already made: the same answer.
  const moved = result.outcome === 'moved' || (result.handoffCase.movedAwayFrom?.length ?? 0) > 0;
  const text = turn.t(moved ? 'handoff.anotherAdviser.text' : 'handoff.anotherAdviser.notClaimed', { code });
  await turn.send(buildNoticeCard({ text, buttons: [{ title: turn.t('handoff.button.status'), action: { verb: 'handoff.status' } }] }));
}

async function answerRequesterAction(
  turn: BotTurn,
  result: Awaited<ReturnType<BotTurn['services']['handoff']['cancelRequest']>>,
  reason: 'cancelled' | 'closed' | 'status',
): Promise<void> {
  if (result.outcome === 'notFound') {
    // Someone else's case id, or one that never existed: the same answer, revealing nothing.
    await turn.send(buildNoticeCard({ text: turn.t('handoff.notAvailable.text') }));
    return;
  }
  const shown = result.outcome === 'ok' ? reason : 'status';
  await turn.send(buildHandoffStatusCard(turn.cardContext, result.handoffCase, shown, turn.services.clock.now()));
}

export async function startDialogueRequest(turn: BotTurn, payload: z.infer<typeof dialogueStartPayload>): Promise<void> {
  await turn.send(buildDialogueRequestCard(turn.cardContext, payload.format));
}

export async function confirmDialogueRequest(turn: BotTurn, payload: z.infer<typeof dialogueConfirmPayload>): Promise<void> {
  const user = turn.user;
  // The reason is read for danger as a request's message is (confirmHandoff): the numbers first, and `now` makes it urgent.
  const reason = payload.reason.trim();
  const read = reason ? await turn.services.classifier.classify(reason, { fallbackLocale: turn.locale }) : undefined;
  if (read && read.danger !== 'none') await turn.showEmergencyRoute({ topic: read.topic, locale: read.locale });
  const result = await turn.services.handoff.requestDialogue({
    requestId: turn.context.activity.id ?? '',
    requester: { personKey: turn.personKey, userId: user.userId, displayName: user.displayName },
    locale: turn.locale,
    dialogue: {
      format: payload.format,
      team: payload.team.trim(),
      teamSize: payload.teamSize ? turn.t(`dialogue.size.${payload.teamSize}`) : '',
      preferredPeriod: payload.preferredPeriod.trim(),
      reason,
      contact: payload.contact.trim(),
    },
    urgent: read?.danger === 'now',
  });
  await answerRequest(turn, result);
}

/** The advisors' side: Action.Execute on the case card, answered with the refreshed card. */

export async function refreshAdvisorCase(turn: BotTurn, payload: z.infer<typeof advisorCaseActionPayload>): Promise<void> {
  const view = await turn.services.handoff.viewAsAdvisor(payload.caseId, turn.user.userId);
  if (view.outcome === 'ok') await rememberAdviserSettings(turn);
  await respondWithAdvisorCard(turn, payload.caseId, caseToShow(view));
}

/** An adviser installing the bot: their language is known before their first card arrives. */
export async function rememberIfAdviser(turn: BotTurn): Promise<void> {
  // A nicety: a directory that cannot answer now must not spoil a welcome; their next action on a card remembers it.
  const isAdviser = await turn.services.handoff.isAdviser(turn.user.userId).catch(() => false);
  if (isAdviser) await rememberAdviserSettings(turn);
}

/**
 * The language and time zone an adviser's Teams reports, kept so the cards that reach them
 * later (new requests, updates) are in their own language and time. Only for advisers, and
 * only when it changed.
 */
export async function rememberAdviserSettings(turn: BotTurn): Promise<void> {
  if (turn.isForgotten) return;
  const { activity } = turn.context;
  const adviserLocale = languageOfTag(activity.locale);
  const adviserTimeZone = turn.clientTimeZone;
  const current = turn.preferences;
  if (current.adviserLocale === adviserLocale && current.adviserTimeZone === adviserTimeZone) return;
  await turn.updatePreferences({ adviserLocale, adviserTimeZone });
}

export async function claimAdvisorCase(turn: BotTurn, payload: z.infer<typeof advisorCaseActionPayload>): Promise<void> {
  const result = await turn.services.handoff.claimCase(payload.caseId, turn.user.userId);
  if ('handoffCase' in result) await rememberAdviserSettings(turn);
  await respondWithAdvisorCard(turn, payload.caseId, caseToShow(result));
}

export async function replyToRequester(turn: BotTurn, payload: z.infer<typeof advisorCaseActionPayload>): Promise<void> {
  const text = payload.reply?.trim() ?? '';
  if (text === '') {
    const view = await turn.services.handoff.viewAsAdvisor(payload.caseId, turn.user.userId);
    await respondWithAdvisorCard(turn, payload.caseId, caseToShow(view), turn.t('advisor.replyEmpty'));
    return;
  }
  const messageId = turn.context.activity.id ?? '';
  const result = await turn.services.handoff.relayFromAdvisor(payload.caseId, turn.user.userId, messageId, text);
  if (!('handoffCase' in result)) return respondWithAdvisorCard(turn, payload.caseId, caseToShow(result));
  const notice =
    result.outcome === 'ok'
      ? turn.t('advisor.replySent', { code: result.handoffCase.code })
      : turn.t(result.outcome === 'notOpen' ? 'advisor.notOpen.text' : 'advisor.notYours.text');
  await respondWithAdvisorCard(turn, payload.caseId, result.handoffCase, notice);
}

export async function closeAdvisorCase(turn: BotTurn, payload: z.infer<typeof advisorCaseActionPayload>): Promise<void> {
  if (!payload.outcome) {
    const view = await turn.services.handoff.viewAsAdvisor(payload.caseId, turn.user.userId);
    await respondWithAdvisorCard(turn, payload.caseId, caseToShow(view), turn.t('advisor.closeNeedsOutcome'));
    return;
  }
  const result = await turn.services.handoff.closeCase(payload.caseId, turn.user.userId, payload.outcome, payload.followUp === 'true');
  if (!('handoffCase' in result)) return respondWithAdvisorCard(turn, payload.caseId, caseToShow(result));
  const notice =
    result.outcome === 'ok'
      ? turn.t('advisor.closedThanks', { code: result.handoffCase.code })
      : turn.t(result.outcome === 'notOpen' ? 'advisor.notOpen.text' : 'advisor.notYours.text');
  await respondWithAdvisorCard(turn, payload.caseId, result.handoffCase, notice);
}

/**
 * Hand over: the claimer offers the case to the colleague chosen on the card. Exactly once on
 * every instance: the offer is a transition saved with the case's etag, its messages are jobs.
 */
export async function handOverAdvisorCase(turn: BotTurn, payload: z.infer<typeof advisorCaseActionPayload>): Promise<void> {
  const result = await turn.services.handoff.handOverCase(payload.caseId, turn.user.userId, payload.handOverTo);
  if (!('handoffCase' in result)) return respondWithAdvisorCard(turn, payload.caseId, caseToShow(result));
  const notices: Record<typeof result.outcome, () => string> = {
    ok: () => turn.t('advisor.handOverOffered', { colleague: literalText(result.handoffCase.handOverTo?.displayName ?? '') }),
    chooseColleague: () => turn.t('advisor.handOverChoose'),
    notInPool: () => turn.t('advisor.handOverNotInPool'),
    notOpen: () => turn.t('advisor.notOpen.text'),
    notYourCase: () => turn.t('advisor.notYours.text'),
  };
  await respondWithAdvisorCard(turn, payload.caseId, result.handoffCase, notices[result.outcome]());
}

export async function acceptHandOver(turn: BotTurn, payload: z.infer<typeof advisorCaseActionPayload>): Promise<void> {
  const result = await turn.services.handoff.acceptHandOver(payload.caseId, turn.user.userId);
  if (!('handoffCase' in result)) return respondWithAdvisorCard(turn, payload.caseId, caseToShow(result));
  await rememberAdviserSettings(turn);
  const notice =
    result.outcome === 'ok'
      ? turn.t('advisor.handOverAccepted', { code: result.handoffCase.code })
      : turn.t(result.outcome === 'notOpen' ? 'advisor.notOpen.text' : 'advisor.handOverNotOffered');
  await respondWithAdvisorCard(turn, payload.caseId, result.handoffCase, notice);
}

export async function declineHandOver(turn: BotTurn, payload: z.infer<typeof advisorCaseActionPayload>): Promise<void> {
  const result = await turn.services.handoff.declineHandOver(payload.caseId, turn.user.userId);
  if (!('handoffCase' in result)) return respondWithAdvisorCard(turn, payload.caseId, caseToShow(result));
  const notice =
    result.outcome === 'ok'
      ? turn.t('advisor.handOverDeclinedByYou')
      : turn.t(result.outcome === 'notOpen' ? 'advisor.notOpen.text' : 'advisor.handOverNotOffered');
  await respondWithAdvisorCard(turn, payload.caseId, result.handoffCase, notice);
}

export async function withdrawHandOver(turn: BotTurn, payload: z.infer<typeof withdrawHandOverPayload>): Promise<void> {
  const result = await turn.services.handoff.withdrawHandOver(payload.caseId, turn.user.userId, payload.offer);
  if (!('handoffCase' in result)) return respondWithAdvisorCard(turn, payload.caseId, caseToShow(result));
  const notices: Record<typeof result.outcome, () => string> = {
    ok: () => turn.t('advisor.handOverWithdrawn', { code: result.handoffCase.code }),
    noOpenOffer: () => turn.t('advisor.handOverNoOpenOffer'),
    notOpen: () => turn.t('advisor.notOpen.text'),
    notYourCase: () => turn.t('advisor.notYours.text'),
  };
  await respondWithAdvisorCard(turn, payload.caseId, result.handoffCase, notices[result.outcome]());
}

/** Release: the claimer gives the case back to the pool, whose advisers can claim it again. */
export async function releaseAdvisorCase(turn: BotTurn, payload: z.infer<typeof advisorCaseActionPayload>): Promise<void> {
  const result = await turn.services.handoff.releaseToPool(payload.caseId, turn.user.userId);
  if (!('handoffCase' in result)) return respondWithAdvisorCard(turn, payload.caseId, caseToShow(result));
  const notice =
    result.outcome === 'ok'
      ? turn.t('advisor.releasedToPool', { code: result.handoffCase.code })
      : turn.t(result.outcome === 'notOpen' ? 'advisor.notOpen.text' : 'advisor.notYours.text');
  await respondWithAdvisorCard(turn, payload.caseId, result.handoffCase, notice);
}

/** The case to show on the card, a busy directory, or nothing (a refusal that reveals nothing). */
function caseToShow(result: AdvisorCaseOutcome | ClaimOutcome): HandoffCase | 'directoryBusy' | undefined {
  if (result.outcome === 'directoryBusy') return 'directoryBusy';
  return 'handoffCase' in result ? result.handoffCase : undefined;
}

function busyCard(turn: BotTurn) {
  return buildNoticeCard({ title: turn.t('advisor.busy.title'), text: turn.t('advisor.busy.text') });
}

async function respondWithAdvisorCard(
  turn: BotTurn,
  caseId: string,
  handoffCase: HandoffCase | 'directoryBusy' | undefined,
  notice?: string,
): Promise<void> {
  if (turn.context.activity.conversation?.conversationType === 'channel') {
    // In a team channel the answer replaces the card for everyone there: always the channel's own card.
    // Teams names a channel thread `19:…@thread.tacv2;messageid=…`: the part before `;` is the channel.
    const channelId = (turn.context.activity.conversation?.id ?? '').split(';')[0] ?? '';
    const current = await turn.services.handoff.caseForChannel(caseId, channelId);
    turn.respondWithCard(
      current
        ? buildChannelCaseCard(channelCardContext(turn), current, turn.services.clock.now())
        : buildNoticeCard({ title: turn.t('advisor.refused.title'), text: turn.t('advisor.refused.text') }),
    );
    return;
  }
  if (handoffCase === 'directoryBusy') {
    // Graph is throttled or down: an answer, not an error; the roster reads the group meanwhile.
    turn.respondWithCard(busyCard(turn));
    return;
  }
  if (!handoffCase) {
    // Non-members and unknown ids get the same refusal: nothing about the case, not even that it exists.
    turn.respondWithCard(buildNoticeCard({ title: turn.t('advisor.refused.title'), text: turn.t('advisor.refused.text') }));
    return;
  }
  const handOverCandidates = await turn.services.handoff.handOverCandidates(handoffCase, turn.user.userId);
  const card = buildAdvisorCaseCard(turn.cardContext, handoffCase, { ...adviserViewer(turn), handOverCandidates }, []);
  turn.respondWithCard(notice ? { ...card, data: { ...card.data, statusLine: `${card.data.statusLine} · ${notice}` } } : card);
}

/** A channel's card is in one language for everyone there, as the bot posts it: ADVISOR_LOCALE. */
function channelCardContext(turn: BotTurn): CardContext {
  return cardContextFor(turn.services.content, turn.services.advisorLocale);
}

/** The adviser looking at a card in this turn: their Teams time zone, and now for the waiting time. */
function adviserViewer(turn: BotTurn) {
  return { userId: turn.user.userId, timeZone: turn.clientTimeZone, now: turn.services.clock.now() };
}

/**
 * "zaken" / "cases": an adviser who has no card (yet) sees the open requests of their pools:
 * the ones nobody has taken and their own; "nieuwe zaken" / "unclaimed" and "mijn zaken" /
 * "my cases" narrow that down; "bij collega's" / "with colleagues" lists the others by code.
 */
export function listOpenCases(turn: BotTurn): Promise<void> {
  return showOpenCases(turn, 'all');
}

export function listUnclaimedCases(turn: BotTurn): Promise<void> {
  return showOpenCases(turn, 'unclaimed');
}

export function listMyCases(turn: BotTurn): Promise<void> {
  return showOpenCases(turn, 'mine');
}

/** "bij collega's" / "with colleagues": the rest of the pools' open requests, by code, on one card. */
export async function listCasesWithColleagues(turn: BotTurn): Promise<void> {
  const result = await turn.services.handoff.listCasesWithColleagues(turn.user.userId);
  if (result.outcome !== 'ok') {
    await sendListRefusal(turn, result.outcome);
    return;
  }
  await rememberAdviserSettings(turn);
  const buttons = otherListButtons(turn, 'withColleagues');
  if (result.cases.length === 0) {
    await turn.send(buildNoticeCard({ text: `${turn.t('advisor.openCases.none.withColleagues')} ${turn.t('advisor.openCases.filters')}`, buttons }));
    return;
  }
  // Not recorded as listed (recordListed): a code in a colleague's list is not a read of the case.
  await turn.send(buildCasesWithColleaguesCard(turn.cardContext, { cases: result.cases, timeZone: turn.clientTimeZone, buttons }));
}

async function showOpenCases(turn: BotTurn, filter: OpenCaseFilter): Promise<void> {
  const result = await turn.services.handoff.listOpenCasesFor(turn.user.userId, filter);
  if (result.outcome !== 'ok') {
    await sendListRefusal(turn, result.outcome);
    return;
  }
  await rememberAdviserSettings(turn);
  const howToFilter = turn.t('advisor.openCases.filters');
  const buttons = otherListButtons(turn, filter);
  if (result.cases.length === 0) {
    await turn.send(buildNoticeCard({ text: `${turn.t(`advisor.openCases.none.${filter}`)} ${howToFilter}`, buttons }));
    return;
  }
  const shown = result.cases.slice(0, 10);
  await turn.services.handoff.recordListed(shown, turn.user.userId);
  const cards = [];
  for (const handoffCase of shown) {
    const handOverCandidates = await turn.services.handoff.handOverCandidates(handoffCase, turn.user.userId);
    cards.push(buildAdvisorCaseCard(turn.cardContext, handoffCase, { ...adviserViewer(turn), handOverCandidates }, [turn.user.userId]));
  }
  await turn.send(
    buildNoticeCard({ text: `${turn.t(`advisor.openCases.title.${filter}`, { count: result.cases.length })} ${howToFilter}`, buttons }),
    ...cards,
  );
}

/** Why an adviser's list could not be shown: the directory did not answer in time, or the person is no adviser. */
async function sendListRefusal(turn: BotTurn, outcome: 'directoryBusy' | 'notAnAdvisor'): Promise<void> {
  await turn.send(
    outcome === 'directoryBusy' ? busyCard(turn) : buildNoticeCard({ title: turn.t('advisor.refused.title'), text: turn.t('advisor.refused.text') }),
  );
}

/** The lists an adviser can ask for: the open-case filters, and the cases colleagues have. */
type CaseList = OpenCaseFilter | 'withColleagues';

const LIST_BUTTONS: Readonly<Record<CaseList, CardAction>> = {
  all: { verb: 'cases.list' },
  unclaimed: { verb: 'cases.new' },
  mine: { verb: 'cases.mine' },
  withColleagues: { verb: 'cases.withColleagues' },
};

/** The other lists as buttons, answered by the same routes as the typed commands. */
function otherListButtons(turn: BotTurn, shown: CaseList): CardButton[] {
  return (Object.keys(LIST_BUTTONS) as CaseList[])
    .filter((other) => other !== shown)
    .map((other) => ({ title: turn.t(`advisor.openCases.button.${other}`), action: LIST_BUTTONS[other] }));
}

/**
 * During an anonymous case, what the requester writes goes to their adviser. Returns false when
 * there is no such conversation (the bot then answers as usual).
 */
export async function relayRequesterMessage(
  turn: BotTurn,
  text: string,
  classification: Classification,
  markedUrgent: readonly HandoffCase[],
): Promise<boolean> {
  const messageId = messageIdOf(turn);
  const madeUrgent = markedUrgent.map((marked) => marked.id);
  // Whole: the `length` step has answered anything over MAX_MESSAGE_CHARS already.
  const result = await turn.services.handoff.relayFromRequester(turn.personKey, messageId, text, madeUrgent);
  // While the request waits for its first adviser, the bot keeps answering as usual.
  if (result.outcome === 'noRelayedCase' || result.outcome === 'waitingForAdvisor') return false;
  // Safety still comes first, even mid-conversation with an adviser; with an adviser reading along,
  // `unclear` shows the emergency card too rather than a question that would start a guided flow.
  if (classification.danger !== 'none') await turn.showEmergencyRoute({ topic: classification.topic, locale: classification.locale });
  const code = result.handoffCase.code;
  const notices: Record<typeof result.outcome, string> = {
    relayed: turn.t('handoff.relay.sent', { code }),
    slowDown: turn.t('handoff.relay.slowDown', { code }),
    held: turn.t('handoff.relay.held', { code }),
    notSent: turn.t('handoff.relay.notSent'),
  };
  const relayedTo = result.handoffCase.id;
  const nowUrgent = markedUrgent.some((marked) => marked.id === relayedTo) ? ` ${turn.t('handoff.addedToOpen.urgent')}` : '';
  await turn.send(buildNoticeCard({ text: notices[result.outcome] + nowUrgent }));
  await tellMarkedUrgent(turn, markedUrgent.filter((marked) => marked.id !== relayedTo));
  return true;
}

/** Danger now typed by someone whose request is open: the requests it made urgent (see HandoffService.markOpenRequestsUrgent). */
export async function markOpenRequestsUrgent(turn: BotTurn): Promise<readonly HandoffCase[]> {
  return turn.services.handoff.markOpenRequestsUrgent(turn.personKey, messageIdOf(turn));
}

/**
 * Nothing changes in a request without the person knowing: which one is urgent now, and, when they
 * typed it, that what they typed was not sent with it (a "yes" to the danger question has no words to keep).
 */
export async function tellMarkedUrgent(turn: BotTurn, markedUrgent: readonly HandoffCase[], by: 'typed' | 'answered' = 'typed'): Promise<void> {
  if (markedUrgent.length === 0) return;
  const text = by === 'typed' ? 'handoff.markedUrgent.followUp' : 'handoff.markedUrgent.byAnswer';
  await turn.send(...markedUrgent.map((marked) => buildNoticeCard({ title: turn.t('handoff.markedUrgent.title'), text: turn.t(text, { code: keepOnOneLine(marked.code) }) })));
}

function messageIdOf(turn: BotTurn): string {
  return turn.context.activity.id ?? `${Date.now()}`;
}
