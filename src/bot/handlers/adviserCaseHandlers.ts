import type { z } from 'zod';
import { buildAdvisorCaseCard, buildChannelCaseCard, type AdvisorCardViewer } from '../../cards/advisorCaseCard';
import { cardContextFor, type CardContext } from '../../cards/cardContext';
import { literalText } from '../../cards/literalText';
import { buildDirectoryBusyCard, buildRefusedCard } from '../../cards/noticeCard';
import type { DirectoryBusy, NotAnAdvisor, NotFound, WithCase } from '../../handoff/caseOutcomes';
import type { HandoffCase } from '../../handoff/handoffCase';
import { languageOfTag } from '../../guidance/vocabulary';
import type { BotTurn } from '../botTurn';
import type { advisorCaseActionPayload, withdrawHandOverPayload } from '../cardPayloads';
import { isTeamChannel } from '../conversationKind';
import { openPersonalChatWithSender } from '../personalChatOpener';

/** The advisers' side: Action.Execute on the case card, answered with the refreshed card. */

/** What an adviser's action on a case came to: the case as they may see it now, or a refusal that tells nothing. */
type AdviserActionResult<Outcome extends string> = WithCase<Outcome> | NotAnAdvisor | DirectoryBusy | NotFound;
/** The words after the card's status line for each outcome, from the case as the adviser may see it. */
type Notices<Outcome extends string> = Readonly<Record<Outcome, (shown: HandoffCase) => string>>;

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
 * later (new requests, updates) are in their own language and time. Only for advisers, only
 * when it changed, and under their adviser key: on the person key they would mark an
 * adviser's own anonymous request as an adviser's. Settings an earlier version kept on the
 * person row move over here.
 */
export async function rememberAdviserSettings(turn: BotTurn): Promise<void> {
  if (turn.isForgotten) return;
  const { activity } = turn.context;
  const adviserLocale = languageOfTag(activity.locale);
  const adviserTimeZone = turn.clientTimeZone;
  const { preferences, personKeys } = turn.services;
  const adviserKey = personKeys.adviserKeyOf(turn.personKey);
  const onPersonRow = turn.preferences.adviserLocale !== undefined || turn.preferences.adviserTimeZone !== undefined;
  const current = await preferences.getAdviserSettings(adviserKey);
  if (!onPersonRow && current.adviserLocale === adviserLocale && current.adviserTimeZone === adviserTimeZone) return;
  await preferences.saveAdviserSettings(adviserKey, { adviserLocale, adviserTimeZone });
  if (onPersonRow) await turn.updatePreferences({ adviserLocale: undefined, adviserTimeZone: undefined });
}

export async function claimAdvisorCase(turn: BotTurn, payload: z.infer<typeof advisorCaseActionPayload>): Promise<void> {
  if (!(await reachableInPersonalChat(turn))) {
    // Only outside the personal chat, so in a pool's channel (a group chat never gets here): in the channel card's language.
    await respondWithChannelCard(turn, payload.caseId, channelCardContext(turn).t('advisor.claimNeedsPersonalChat'));
    return;
  }
  const result = await turn.services.handoff.claimCase(payload.caseId, turn.user.userId);
  if ('handoffCase' in result) await rememberAdviserSettings(turn);
  await respondWithAdvisorCard(turn, payload.caseId, caseToShow(result));
}

/**
 * A claimed case's messages go to the claimer's personal chat. An adviser who presses Claim in the pool's channel may
 * never have opened one: the bot opens it then (Teams allows it for a member of a team the bot is in), before the
 * claim. When Teams refuses, the claim is not made: without a chat the requester's first message would take the case
 * away again, and the requester would have been told an adviser joined. Only for advisers: nobody else's chat is opened.
 */
async function reachableInPersonalChat(turn: BotTurn): Promise<boolean> {
  const { conversations, logger, handoff } = turn.services;
  if (turn.inPersonalChat || (await conversations.find(turn.personKey))) return true;
  // A directory that cannot answer now: the claim itself answers that ("busy").
  if (!(await handoff.isAdviser(turn.user.userId).catch(() => false))) return true;
  try {
    await conversations.rememberOpened(turn.personKey, await openPersonalChatWithSender(turn.context));
    logger.info({ event: 'claimerChatOpened' }, 'opened a personal chat with an adviser who claimed from a channel');
    return true;
  } catch (error) {
    const statusCode = (error as { statusCode?: unknown } | undefined)?.statusCode;
    logger.warn({ event: 'claimerChatNotOpened', statusCode: typeof statusCode === 'number' ? statusCode : undefined }, 'could not open a personal chat with an adviser; claim not made');
    return false;
  }
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
  await answerAdviserAction(turn, payload.caseId, result, {
    ok: ({ code }) => turn.t('advisor.replySent', { code }),
    notOpen: () => turn.t('advisor.notOpen.text'),
    notYourCase: () => turn.t('advisor.notYours.text'),
  });
}

export async function closeAdvisorCase(turn: BotTurn, payload: z.infer<typeof advisorCaseActionPayload>): Promise<void> {
  if (!payload.outcome) {
    const view = await turn.services.handoff.viewAsAdvisor(payload.caseId, turn.user.userId);
    await respondWithAdvisorCard(turn, payload.caseId, caseToShow(view), turn.t('advisor.closeNeedsOutcome'));
    return;
  }
  const result = await turn.services.handoff.closeCase(payload.caseId, turn.user.userId, payload.outcome, payload.followUp === 'true');
  await answerAdviserAction(turn, payload.caseId, result, {
    ok: ({ code }) => turn.t('advisor.closedThanks', { code }),
    notOpen: () => turn.t('advisor.notOpen.text'),
    notYourCase: () => turn.t('advisor.notYours.text'),
  });
}

/**
 * Hand over: the claimer offers the case to the colleague chosen on the card. Exactly once on
 * every instance: the offer is a transition saved with the case's etag, its messages are jobs.
 */
export async function handOverAdvisorCase(turn: BotTurn, payload: z.infer<typeof advisorCaseActionPayload>): Promise<void> {
  const result = await turn.services.handoff.handOverCase(payload.caseId, turn.user.userId, payload.handOverTo);
  await answerAdviserAction(turn, payload.caseId, result, {
    ok: ({ handOverTo }) => turn.t('advisor.handOverOffered', { colleague: literalText(handOverTo?.displayName ?? '') }),
    chooseColleague: () => turn.t('advisor.handOverChoose'),
    notInPool: () => turn.t('advisor.handOverNotInPool'),
    notOpen: () => turn.t('advisor.notOpen.text'),
    notYourCase: () => turn.t('advisor.notYours.text'),
  });
}

export async function acceptHandOver(turn: BotTurn, payload: z.infer<typeof advisorCaseActionPayload>): Promise<void> {
  const result = await turn.services.handoff.acceptHandOver(payload.caseId, turn.user.userId);
  if ('handoffCase' in result) await rememberAdviserSettings(turn);
  await answerAdviserAction(turn, payload.caseId, result, {
    ok: ({ code }) => turn.t('advisor.handOverAccepted', { code }),
    notOpen: () => turn.t('advisor.notOpen.text'),
    notYourCase: () => turn.t('advisor.handOverNotOffered'),
  });
}

export async function declineHandOver(turn: BotTurn, payload: z.infer<typeof advisorCaseActionPayload>): Promise<void> {
  const result = await turn.services.handoff.declineHandOver(payload.caseId, turn.user.userId);
  await answerAdviserAction(turn, payload.caseId, result, {
    ok: () => turn.t('advisor.handOverDeclinedByYou'),
    notOpen: () => turn.t('advisor.notOpen.text'),
    notYourCase: () => turn.t('advisor.handOverNotOffered'),
  });
}

export async function withdrawHandOver(turn: BotTurn, payload: z.infer<typeof withdrawHandOverPayload>): Promise<void> {
  const result = await turn.services.handoff.withdrawHandOver(payload.caseId, turn.user.userId, payload.offer);
  await answerAdviserAction(turn, payload.caseId, result, {
    ok: ({ code }) => turn.t('advisor.handOverWithdrawn', { code }),
    noOpenOffer: () => turn.t('advisor.handOverNoOpenOffer'),
    notOpen: () => turn.t('advisor.notOpen.text'),
    notYourCase: () => turn.t('advisor.notYours.text'),
  });
}

/** Release: the claimer gives the case back to the pool, whose advisers can claim it again. */
export async function releaseAdvisorCase(turn: BotTurn, payload: z.infer<typeof advisorCaseActionPayload>): Promise<void> {
  const result = await turn.services.handoff.releaseToPool(payload.caseId, turn.user.userId);
  await answerAdviserAction(turn, payload.caseId, result, {
    ok: ({ code }) => turn.t('advisor.releasedToPool', { code }),
    notOpen: () => turn.t('advisor.notOpen.text'),
    notYourCase: () => turn.t('advisor.notYours.text'),
  });
}

/** The adviser looking at a card in this turn: their Teams time zone, and now for the waiting time. */
export function adviserViewer(turn: BotTurn): AdvisorCardViewer {
  return { userId: turn.user.userId, timeZone: turn.clientTimeZone, now: turn.services.clock.now() };
}

async function answerAdviserAction<Outcome extends string>(
  turn: BotTurn,
  caseId: string,
  result: AdviserActionResult<Outcome>,
  notices: Notices<Outcome>,
): Promise<void> {
  if (!('handoffCase' in result)) return respondWithAdvisorCard(turn, caseId, caseToShow(result));
  await respondWithAdvisorCard(turn, caseId, result.handoffCase, notices[result.outcome](result.handoffCase));
}

/** The case to show on the card, a busy directory, or nothing (a refusal that reveals nothing). */
function caseToShow(result: AdviserActionResult<string>): HandoffCase | 'directoryBusy' | undefined {
  if (result.outcome === 'directoryBusy') return 'directoryBusy';
  return 'handoffCase' in result ? result.handoffCase : undefined;
}

async function respondWithAdvisorCard(
  turn: BotTurn,
  caseId: string,
  handoffCase: HandoffCase | 'directoryBusy' | undefined,
  notice?: string,
): Promise<void> {
  // In a team channel the answer replaces the card for everyone there: always the channel's own card, without the
  // presser's notice (it may name the code or a colleague).
  if (isTeamChannel(turn.context.activity)) return respondWithChannelCard(turn, caseId);
  if (handoffCase === 'directoryBusy') {
    // Graph is throttled or down: an answer, not an error; the roster reads the group meanwhile.
    turn.respondWithCard(buildDirectoryBusyCard(turn.t));
    return;
  }
  if (!handoffCase) {
    // Non-members and unknown ids get the same refusal: nothing about the case, not even that it exists.
    turn.respondWithCard(buildRefusedCard(turn.t));
    return;
  }
  const handOverCandidates = await turn.services.handoff.handOverCandidates(handoffCase, turn.user.userId);
  turn.respondWithCard(buildAdvisorCaseCard(turn.cardContext, handoffCase, { ...adviserViewer(turn), handOverCandidates, notice }, []));
}

/** The channel's own card, in place of the pressed one; `channelNotice` only when it says nothing of the case or of who pressed. */
async function respondWithChannelCard(turn: BotTurn, caseId: string, channelNotice?: string): Promise<void> {
  // Teams names a channel thread `19:…@thread.tacv2;messageid=…`: the part before `;` is the channel.
  const channelId = (turn.context.activity.conversation?.id ?? '').split(';')[0] ?? '';
  const current = await turn.services.handoff.caseForChannel(caseId, channelId);
  turn.respondWithCard(current ? buildChannelCaseCard(channelCardContext(turn), current, turn.services.clock.now(), channelNotice) : buildRefusedCard(turn.t));
}

/** A channel's card is in one language for everyone there, as the bot posts it: ADVISOR_LOCALE. */
function channelCardContext(turn: BotTurn): CardContext {
  return cardContextFor(turn.services.content, turn.services.advisorLocale);
}
