import { buildChannelCaseCard, buildFormerAdviserCaseCard, buildPurgedCaseCard, buildUncheckedAdviserCaseCard } from '../../cards/advisorCaseCard';
import { buildNoticeCard } from '../../cards/noticeCard';
import { OutboundCallError } from '../../handoff/advisorPorts';
import type { ChannelThread } from '../../handoff/caseRepository';
import { isTakenByColleague } from '../../handoff/caseVisibility';
import type { HandoffCase } from '../../handoff/handoffCase';
import { cardChangeOf, HANDOFF_JOBS, type CardChange } from '../../handoff/handoffJobs';
import type { DeliveryKit, HandoffExecutors } from './deliveryKit';
import type { StringKey } from '../../i18n/stringKeys';

type CaseCardJobs = typeof HANDOFF_JOBS.refreshAdvisorCards | typeof HANDOFF_JOBS.purgePostedCards | typeof HANDOFF_JOBS.postToChannel;

/** The cards of a case where advisers see it, in their chats and in their pool's channel: posted, drawn again, purged. */
export function caseCardExecutors(kit: DeliveryKit): HandoffExecutors<CaseCardJobs> {
  const { cases, logger, conversations, clock, personKeys } = kit.dependencies;

  /** The channel card in the channel's language (ADVISOR_LOCALE): everyone there reads the same card. */
  const channelCard = (handoffCase: HandoffCase) => buildChannelCaseCard(kit.advisorContext(), handoffCase, clock.now());

  /**
   * The case's card in its channel thread follows every change; a claim, a hand-over, a return to
   * the pool and an end add a short reply in the thread (no name, no content: the code and what happened).
   */
  async function updateChannelThread(handoffCase: HandoffCase, change: CardChange | undefined): Promise<void> {
    const thread = await cases.findChannelThread(handoffCase.id);
    if (!thread) return;
    await kit.replacePostedCard(channelAddress(thread), thread.activityId, channelCard(handoffCase));
    const reply = change && CHANNEL_REPLIES[change];
    if (!reply) return;
    await kit.postCard(channelAddress(thread, 'reply'), buildNoticeCard({ text: kit.advisorContext().t(reply, { code: handoffCase.code }) }));
  }

  /**
   * A directory that will not answer again (the group deleted, the bot's permission taken away) must not leave every card
   * of the case stale: the cards are drawn without content instead, and show the content again once it answers.
   */
  async function peopleWhoMayReadNowOrUnknown(handoffCase: HandoffCase): Promise<ReadonlySet<string> | 'unknown'> {
    try {
      return await kit.peopleWhoMayReadNow(handoffCase);
    } catch (error) {
      if (!(error instanceof OutboundCallError) || error.retryable) throw error;
      logger.warn({ event: 'cardsDrawnWithoutDirectory', statusCode: error.statusCode }, 'the directory refused; case cards drawn with the code and status only');
      return 'unknown';
    }
  }

  /**
   * Draws each card of a case on its own, as the new case cards are posted: a chat Teams refuses for good (403, 404: an
   * adviser removed or blocked the bot, the bot left the team) is logged and skipped, and a failure that may pass is
   * retried after the others are drawn, so one card never keeps the rest as they were (a Claim on a cancelled request,
   * a purged request's words).
   */
  async function eachCardOnItsOwn(draws: readonly (() => Promise<void>)[]): Promise<void> {
    let retryLater: unknown;
    for (const draw of draws) {
      try {
        await draw();
      } catch (error) {
        if (!(error instanceof OutboundCallError) || error.retryable) {
          retryLater ??= error;
          continue;
        }
        logger.warn({ event: 'advisorUnreachable', update: 'caseCardRedraw', statusCode: error.statusCode }, 'the connector refused to draw one card of a case again');
      }
    }
    if (retryLater) throw retryLater;
  }

  return {
    [HANDOFF_JOBS.refreshAdvisorCards]: async (job) => {
      const handoffCase = await cases.get(job.caseId);
      if (!handoffCase) return;
      // Read before anything is drawn: a busy directory retries the job with nothing posted twice (the thread's reply).
      const mayReadNow = await peopleWhoMayReadNowOrUnknown(handoffCase);
      const change = cardChangeOf(job);
      const records = await kit.postedCardsOf(handoffCase.id);
      // Everyone keeps Teams' refresh: a card drawn without content while the directory read wrong comes back when opened.
      const refreshUserIds = records.map((record) => record.userId);
      const redraw = async (record: (typeof records)[number]): Promise<void> => {
        const reference = await conversations.find(personKeys.keyFor(record.userId));
        if (!reference) return;
        const view = await kit.adviserView(record.userId);
        if (mayReadNow === 'unknown') {
          await kit.replacePostedCard(reference, record.activityId, buildUncheckedAdviserCaseCard(kit.advisorContext(view.locale), handoffCase));
          return;
        }
        if (!mayReadNow.has(record.userId)) {
          await kit.replacePostedCard(reference, record.activityId, buildFormerAdviserCaseCard(kit.advisorContext(view.locale), handoffCase));
          return;
        }
        const card = await kit.advisorCardFor(handoffCase, record.userId, view, refreshUserIds);
        const replace = () => kit.replacePostedCard(reference, record.activityId, card);
        if (change && SHOWS_THE_REQUEST_ANEW.has(change) && !isTakenByColleague(handoffCase, record.userId)) {
          await kit.showAudited(handoffCase, record.userId, 'cardReceived', replace);
        } else {
          await replace();
        }
      };
      await eachCardOnItsOwn([() => updateChannelThread(handoffCase, change), ...records.map((record) => () => redraw(record))]);
    },

    // The case is already deleted: the job carries the code and which card each adviser got.
    [HANDOFF_JOBS.purgePostedCards]: async (job) => {
      const card = buildPurgedCaseCard(kit.advisorContext(), { id: job.caseId, code: job.code, kind: job.kind, pool: job.pool });
      const { channelThread } = job;
      await eachCardOnItsOwn([
        ...(channelThread ? [() => kit.replacePostedCard(channelAddress(channelThread), channelThread.activityId, card)] : []),
        ...job.cards.map((posted) => async () => {
          // A job queued by an earlier version names the adviser's chat by their person key.
          const reference = await conversations.find(posted.userId ? personKeys.keyFor(posted.userId) : posted.memberKey);
          if (reference) await kit.replacePostedCard(reference, posted.activityId, card);
        }),
      ]);
    },

    /**
     * A request of a pool with a team channel: a new thread in that channel (a post to the
     * channel's conversation) with the case card. Personal cards and notifications go out as well.
     */
    [HANDOFF_JOBS.postToChannel]: async (job) => {
      const handoffCase = await cases.get(job.caseId);
      const channel = handoffCase && handoffCase.kind === 'advice' ? kit.poolOf(handoffCase).channel : undefined;
      if (!handoffCase || !channel || (await cases.findChannelThread(handoffCase.id))) return;
      // The tenant's Teams service URL, from the requester's own chat with the bot (which holds no user id).
      const requesterChat = await conversations.find(handoffCase.requester.personKey);
      if (!requesterChat?.serviceUrl) {
        logger.warn({ event: 'channelThreadSkipped', reason: 'noServiceUrl' }, 'no service URL to post the channel thread with');
        return;
      }
      const thread: Omit<ChannelThread, 'activityId'> = {
        channelId: channel.channelId,
        serviceUrl: requesterChat.serviceUrl,
        tenantId: requesterChat.conversation?.tenantId,
        botId: requesterChat.bot?.id,
      };
      const activityId = await kit.postCard(channelAddress(thread), channelCard(handoffCase));
      if (!activityId) throw new OutboundCallError('handoff.postToChannel.noActivityId', false);
      await cases.saveChannelThread(handoffCase.id, { ...thread, activityId });
      logger.info({ event: 'channelThreadStarted' }, 'case posted to the pool channel');
    },
  };
}

/**
 * Where a channel thread is addressed: the channel's conversation for the thread's first post and
 * its updates, `<channel>;messageid=<first post>` for replies in the thread (Teams' convention).
 */
function channelAddress(thread: Omit<ChannelThread, 'activityId'> & { readonly activityId?: string }, target: 'thread' | 'reply' = 'thread') {
  const id = target === 'reply' && thread.activityId ? `${thread.channelId};messageid=${thread.activityId}` : thread.channelId;
  return {
    channelId: 'msteams',
    serviceUrl: thread.serviceUrl,
    conversation: { id, conversationType: 'channel', isGroup: true, tenantId: thread.tenantId, name: '' },
    bot: thread.botId ? { id: thread.botId, name: '' } : undefined,
  };
}

/**
 * Changes whose redraw shows an adviser something of the request they have not been shown on this card: words the
 * requester added, urgency, or the whole request again after it came back from a colleague. Each is a read on the trail
 * before the card is replaced; the other changes redraw what the adviser's earlier row covers, or a status only.
 */
const SHOWS_THE_REQUEST_ANEW: ReadonlySet<CardChange> = new Set<CardChange>(['added', 'urgent', 'released', 'reassigned']);

/** The reply a case's channel thread gets for a change (no name, no content); the others only redraw its card. */
const CHANNEL_REPLIES: Record<CardChange, StringKey | undefined> = {
  claimed: 'channel.reply.claimed',
  handedOver: 'channel.reply.handedOver',
  released: 'channel.reply.backInPool',
  reassigned: 'channel.reply.backInPool',
  closed: 'channel.reply.closed',
  closedByAdvisor: 'channel.reply.closed',
  closedForInactivity: 'channel.reply.closed',
  expired: 'channel.reply.closed',
  cancelled: 'channel.reply.cancelled',
  offered: undefined,
  declined: undefined,
  withdrawn: undefined,
  escalated: undefined,
  urgent: undefined,
  added: undefined,
  revealed: undefined,
  chatInstead: undefined,
};
