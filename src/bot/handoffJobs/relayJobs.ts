import { buildRelayMessageCard } from '../../cards/relayMessageCard';
import { OutboundCallError } from '../../handoff/advisorPorts';
import type { CardContext } from '../../cards/cardContext';
import type { CardSpec } from '../../cards/cardRenderer';
import { isOpen, isRelayedThroughBot, type HandoffCase } from '../../handoff/handoffCase';
import {
  HANDOFF_JOBS,
  MERGED_RELAY_MAX_CARDS,
  mergedRelayKey,
  type JobQueue,
  type NotifyClaimingAdvisorJob,
  type NotifyRequesterJob,
  type RelayJob,
} from '../../handoff/handoffJobs';
import type { OutboxJob } from '../../outbox/outbox';
import type { DeliveryKit, HandoffExecutors } from './deliveryKit';

type RelayJobs = typeof HANDOFF_JOBS.relayToAdvisor | typeof HANDOFF_JOBS.relayToRequester;

/**
 * The card a relayed message, or a minute's merged ones, reaches the adviser in; `mergedCards`: how
 * many merged cards that minute has, numbered on each when more than one.
 */
export function buildRelayToAdviserCard(context: CardContext, handoffCase: HandoffCase, job: RelayJob, mergedCards = 1): CardSpec {
  const message = job.texts.length === 1 ? job.texts[0] : job.texts.join('\n\n');
  // Last words that arrive after the close (Teams refused them for a while): a reply box could only answer "not open".
  const closed = !isOpen(handoffCase);
  const note = closed
    ? context.t('advisor.relay.sentBeforeClose')
    : job.addedToRequest
    ? context.t('advisor.relay.addedToRequest')
    : job.answersDangerQuestion
      ? context.t('advisor.relay.answersDangerQuestion', { question: context.t('flow.danger.question') })
      : job.merged && mergedCards > 1
      ? context.t('advisor.relay.mergedPart', { count: job.texts.length, part: job.merged.part + 1, parts: mergedCards })
      : job.texts.length > 1
        ? context.t('advisor.relay.merged', { count: job.texts.length })
        : undefined;
  return buildRelayMessageCard(context, {
    direction: 'toAdvisor',
    code: handoffCase.code,
    caseId: handoffCase.id,
    message,
    ...(note ? { note } : {}),
    canReply: isRelayedThroughBot(handoffCase) && !closed,
  });
}

/**
 * A relayed message that has not arrived within a day is better sent again by the person, who
 * is told, than delivered late without them knowing.
 */
const RELAY_GIVE_UP_AFTER_MS = 24 * 60 * 60_000;

/**
 * Whether a relayed message still goes: the case is open, or it was closed after the message was written. A
 * conversation's last words ("Take care", "Thank you") would otherwise be lost whenever the close overtook a message Teams
 * refused for a moment, and its sender could not send it again once the case is closed. Cancelled and expired cases
 * had nobody to deliver to.
 */
function stillDeliverable(handoffCase: HandoffCase | undefined, job: OutboxJob): handoffCase is HandoffCase {
  if (!handoffCase) return false;
  if (isOpen(handoffCase)) return true;
  return handoffCase.status === 'closed' && handoffCase.closedAt !== null && job.createdAt <= handoffCase.closedAt;
}

/** How many merged cards the minute has: the minute is over when they run, so no card is added after. */
async function mergedCardsOfMinute(jobs: JobQueue, job: RelayJob): Promise<number> {
  if (!job.merged) return 1;
  let cards = 0;
  for (let part = 0; part < MERGED_RELAY_MAX_CARDS; part += 1) {
    if (await jobs.holds(mergedRelayKey(job.caseId, { window: job.merged.window, part }))) cards = part + 1;
  }
  return cards;
}

/** Messages relayed between a requester and the adviser who has their case, and the notice when one cannot arrive. */
export function relayExecutors(kit: DeliveryKit): HandoffExecutors<RelayJobs> {
  const { cases, logger, handoff, jobs } = kit.dependencies;

  return {
    [HANDOFF_JOBS.relayToAdvisor]: {
      giveUpAfterMs: RELAY_GIVE_UP_AFTER_MS,
      // A relay card carries no time: a message Teams refused for a while must not reach the adviser after the next one.
      inOrderOf: (job) => job.caseId,
      run: async (job, outboxJob) => {
        const handoffCase = await cases.get(job.caseId);
        if (!stillDeliverable(handoffCase, outboxJob)) throw new OutboundCallError('handoff.relayToAdvisor.caseNotOpen', false);
        // Until an adviser has the case (again), the message waits; the requester was told. A closed case had one.
        if (!handoffCase.claimedBy || handoffCase.status === 'requested' || handoffCase.status === 'notified') {
          throw new OutboundCallError('handoff.relayToAdvisor.awaitingAdvisor', true);
        }
        if ((await handoff.releaseIfClaimerLeft(handoffCase)).released) throw new OutboundCallError('handoff.relayToAdvisor.advisorLeft', true);
        const claimer = handoffCase.claimedBy;
        // Closed, there is no claim to release: the last words go only to an adviser still of the case's pool.
        if (!isOpen(handoffCase) && !(await kit.peopleWhoMayReadNow(handoffCase)).has(claimer.userId)) {
          throw new OutboundCallError('handoff.relayToAdvisor.advisorLeft', false);
        }
        const context = kit.advisorContext((await kit.adviserView(claimer.userId)).locale);
        const card = buildRelayToAdviserCard(context, handoffCase, job, await mergedCardsOfMinute(jobs, job));
        const delivered = await kit.postToClaimer(() => kit.postAuditedCard(handoffCase, claimer.userId, 'messageReceived', card));
        if (delivered === undefined) {
          // A closed case has no next adviser: its sender is told at once.
          if (!isOpen(handoffCase)) throw new OutboundCallError('handoff.relayToAdvisor.advisorUnreachable', false);
          // The claimer has no chat the bot can reach (they used "forget me", never opened it, or removed or blocked the bot):
          // the case goes to another adviser and the message waits for them.
          logger.warn({ event: 'advisorUnreachable', update: 'relay' }, 'claimer unreachable; case back to the pool');
          await handoff.releaseUnreachableClaim(handoffCase.id, claimer.userId);
          throw new OutboundCallError('handoff.relayToAdvisor.advisorUnreachable', true);
        }
      },
      onGiveUp: async (job, outboxJob) => {
        const notice: NotifyRequesterJob = { caseId: job.caseId, update: 'relayNotDelivered' };
        await jobs.enqueue(`${outboxJob.key}:notDelivered`, HANDOFF_JOBS.notifyRequester, notice);
      },
    },

    [HANDOFF_JOBS.relayToRequester]: {
      giveUpAfterMs: RELAY_GIVE_UP_AFTER_MS,
      inOrderOf: (job) => job.caseId,
      run: async (job, outboxJob) => {
        const handoffCase = await cases.get(job.caseId);
        if (!stillDeliverable(handoffCase, outboxJob)) throw new OutboundCallError('handoff.relayToRequester.caseNotOpen', false);
        const card = buildRelayMessageCard(await kit.requesterContext(handoffCase), {
          direction: 'toRequester',
          code: handoffCase.code,
          caseId: handoffCase.id,
          message: job.texts.join('\n\n'),
        });
        if ((await kit.postCardToPerson(handoffCase.requester.personKey, card)) === undefined) {
          throw new OutboundCallError('handoff.relayToRequester.unreachable', false);
        }
      },
      onGiveUp: async (job, outboxJob) => {
        const notice: NotifyClaimingAdvisorJob = { caseId: job.caseId, update: 'replyNotDelivered' };
        await jobs.enqueue(`${outboxJob.key}:notDelivered`, HANDOFF_JOBS.notifyClaimingAdvisor, notice);
      },
    },
  };
}
