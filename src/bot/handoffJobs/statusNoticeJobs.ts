import type { CardSpec } from '../../cards/cardRenderer';
import { buildHandoffStatusCard } from '../../cards/handoffCards';
import { literalText } from '../../cards/literalText';
import { buildNoticeCard } from '../../cards/noticeCard';
import { buildRelayMessageCard } from '../../cards/relayMessageCard';
import { escalatesToBackup } from '../../handoff/adviserPools';
import { isOpen } from '../../handoff/handoffCase';
import { HANDOFF_JOBS, type NotifyClaimingAdvisorJob, type NotifyRequesterJob } from '../../handoff/handoffJobs';
import type { DeliveryKit, HandoffExecutors } from './deliveryKit';

type StatusNoticeJobs = typeof HANDOFF_JOBS.notifyRequester | typeof HANDOFF_JOBS.notifyClaimingAdvisor;

/** What happened to a case, told in the chat of the requester or of the adviser who has it. */
export function statusNoticeExecutors(kit: DeliveryKit): HandoffExecutors<StatusNoticeJobs> {
  const { cases, logger, clock, handoff, personKeys, content } = kit.dependencies;
  const inactivity = content.organisation.retention;

  return {
    [HANDOFF_JOBS.notifyRequester]: async (job) => {
      const handoffCase = await cases.get(job.caseId);
      if (!handoffCase) return;
      const context = await kit.requesterContext(handoffCase);
      const { t } = context;
      const now = clock.now();
      const emergency = content.organisation.phoneNumbers.emergency.number;
      const pool = kit.poolOf(handoffCase);
      const hasBackup = escalatesToBackup(kit.pools, handoffCase);
      const specs: Record<NotifyRequesterJob['update'], () => CardSpec> = {
        claimed: () => buildHandoffStatusCard(context, handoffCase, 'claimed', now),
        closed: () => buildHandoffStatusCard(context, handoffCase, 'closed', now),
        escalated: () =>
          buildNoticeCard({ text: t(hasBackup ? 'handoff.escalated.text' : 'handoff.escalated.withoutBackup', { code: handoffCase.code, emergency }) }),
        expired: () => buildNoticeCard({ text: t('handoff.expired.text', { code: handoffCase.code, pool: pool.name[context.locale] }) }),
        advisorMessage: () =>
          buildRelayMessageCard(context, { direction: 'toRequester', code: handoffCase.code, caseId: handoffCase.id, message: job.text ?? '' }),
        advisorLeft: () => buildNoticeCard({ text: t('handoff.advisorLeft.text', { code: handoffCase.code }) }),
        // A closed request (cancelled, expired, closed) takes no more messages: "send it again later" would not be true.
        relayNotDelivered: () =>
          buildNoticeCard({
            text: t(isOpen(handoffCase) ? 'handoff.relay.notDelivered' : 'handoff.relay.notDeliveredRequestClosed', { code: handoffCase.code, emergency }),
          }),
        closedForInactivity: () =>
          buildNoticeCard({ text: t('handoff.closedForInactivity.text', { code: handoffCase.code, days: inactivity.inactiveCaseReminderDays + inactivity.inactiveCaseCloseDays }) }),
      };
      const delivered = await kit.postCardToPerson(handoffCase.requester.personKey, specs[job.update]());
      if (delivered === undefined) logger.warn({ event: 'requesterUnreachable', update: job.update }, 'no conversation to reach the requester');
    },

    [HANDOFF_JOBS.notifyClaimingAdvisor]: async (job) => {
      const handoffCase = await cases.get(job.caseId);
      if (!handoffCase && job.keptFollowUp) {
        // The retention purge removed the case before its follow-up day: the reminder names the code, as it always did.
        const { advisorUserId, code } = job.keptFollowUp;
        const { t } = kit.advisorContext((await kit.adviserView(advisorUserId)).locale);
        const delivered = await kit.postCardToPerson(personKeys.keyFor(advisorUserId), buildNoticeCard({ text: t('advisor.followUpReminder', { code }) }));
        if (delivered === undefined) logger.warn({ event: 'advisorUnreachable', update: job.update }, 'no conversation to reach the advisor');
        return;
      }
      if (!handoffCase?.claimedBy) return;
      const context = kit.advisorContext((await kit.adviserView(handoffCase.claimedBy.userId)).locale);
      const { t } = context;
      const code = handoffCase.code;
      const specs: Record<NotifyClaimingAdvisorJob['update'], () => CardSpec> = {
        requesterMessage: () => buildRelayMessageCard(context, { direction: 'toAdvisor', code, caseId: handoffCase.id, message: job.text ?? '' }),
        cancelled: () => buildNoticeCard({ text: t('advisor.requesterCancelled', { code }) }),
        closedByRequester: () => buildNoticeCard({ text: t('advisor.requesterClosed', { code }) }),
        identityRevealed: () => buildNoticeCard({ text: t('advisor.identityRevealed', { code, name: literalText(handoffCase.requester.displayName ?? '') }) }),
        followUpReminder: () => buildNoticeCard({ text: t('advisor.followUpReminder', { code }) }),
        replyNotDelivered: () => buildNoticeCard({ text: t('advisor.replyNotDelivered', { code }) }),
        handOverDeclined: () => buildNoticeCard({ text: t('advisor.handOverDeclined', { code }) }),
        chatInstead: () => buildNoticeCard({ text: t('advisor.chatInstead', { code }) }),
        inactivityReminder: () =>
          buildNoticeCard({ text: t('advisor.inactivityReminder', { code, days: inactivity.inactiveCaseReminderDays, closeDays: inactivity.inactiveCaseCloseDays }) }),
        closedForInactivity: () => buildNoticeCard({ text: t('advisor.closedForInactivity', { code, days: inactivity.inactiveCaseCloseDays }) }),
      };
      // Whenever something would go to the claimer, an adviser who left the group loses the case instead.
      if ((await handoff.releaseIfClaimerLeft(handoffCase)).released) return;
      const spec = specs[job.update]();
      const delivered =
        job.update === 'identityRevealed'
          ? await kit.postAuditedCard(handoffCase, handoffCase.claimedBy.userId, 'identityShown', spec)
          : await kit.postCardToPerson(personKeys.keyFor(handoffCase.claimedBy.userId), spec);
      if (delivered === undefined) logger.warn({ event: 'advisorUnreachable', update: job.update }, 'no conversation to reach the advisor');
    },
  };
}
