import { escalationGroupOf, announcedGroupOf } from '../../handoff/adviserPools';
import type { AdvisorPool } from '../../handoff/advisorRoster';
import { isAwaitingAdviser, isOpen, latestOffer, waitingSinceOf, type HandoffCase } from '../../handoff/handoffCase';
import { HANDOFF_JOBS, type OfferJob } from '../../handoff/handoffJobs';
import { buildNoticeCard } from '../../cards/noticeCard';
import { buildSupersededCaseCard } from '../../cards/advisorCaseCard';
import type { DeliveryKit, HandoffExecutors } from './deliveryKit';

type AdviserNotificationJobs = typeof HANDOFF_JOBS.notifyAdvisors | typeof HANDOFF_JOBS.escalate | typeof HANDOFF_JOBS.notifyUrgent | typeof HANDOFF_JOBS.offerHandOver;

/** Telling advisers of a case: a new request, an escalation to the backup group, a request become urgent, a hand-over offer. */
export function adviserNotificationExecutors(kit: DeliveryKit): HandoffExecutors<AdviserNotificationJobs> {
  const { cases, logger, clock, handoff, personKeys, conversations } = kit.dependencies;

  return {
    [HANDOFF_JOBS.notifyAdvisors]: async (job, outboxJob) => {
      const handoffCase = await cases.get(job.caseId);
      if (!handoffCase || !isAwaitingAdviser(handoffCase)) return;
      const dialogue = handoffCase.kind === 'team-dialogue';
      const activityType = dialogue ? 'dialogueRequested' : 'newCase';
      const notification = !dialogue
        ? 'advisor.notification.newCase'
        : handoffCase.dialogue?.format === 'one-to-one'
          ? 'advisor.notification.oneToOneDialogue'
          : 'advisor.notification.dialogue';
      await kit.notifyPool(handoffCase, job.pool, activityType, notification, outboxJob.key);
      await handoff.recordNotified(handoffCase.id);
    },

    [HANDOFF_JOBS.escalate]: async (job, outboxJob) => {
      const handoffCase = await cases.get(job.caseId);
      if (!handoffCase || !isAwaitingAdviser(handoffCase)) return;
      const readers = await kit.notifyPool(handoffCase, escalationGroupOf(kit.pools, handoffCase), 'caseEscalated', 'advisor.notification.escalated', outboxJob.key);
      // The minutes it actually waited: a request that became urgent late waited longer than the urgent limit.
      const escalatedAt = new Date(handoffCase.escalatedAt ?? clock.now().toISOString());
      const waitedMinutes = Math.floor((escalatedAt.getTime() - new Date(waitingSinceOf(handoffCase)).getTime()) / 60_000);
      for (const [locale, members] of kit.byLanguage(readers)) {
        const addresses = members.map((member) => member.mail).filter((mail): mail is string => Boolean(mail));
        if (addresses.length === 0) continue;
        // Mail carries no case content: only the code and a pointer to Teams.
        const { t } = kit.advisorContext(locale);
        await kit.sendMailOnce(`${outboxJob.key}:mail:${locale}`, {
          to: addresses,
          subject: t('advisor.mail.subject', { code: handoffCase.code }),
          bodyText: t('advisor.mail.body', { code: handoffCase.code, minutes: waitedMinutes }),
        });
      }
    },

    /**
     * A request became urgent after it was sent: whoever has it now learns it as they would learn
     * of a new request, in the activity feed (the waiting pool, and the backup group once escalated;
     * or the claimer, who also gets a notice in their chat). The cards were drawn again beside this job.
     */
    [HANDOFF_JOBS.notifyUrgent]: async (job, outboxJob) => {
      const handoffCase = await cases.get(job.caseId);
      if (!handoffCase || !handoffCase.urgent || !isOpen(handoffCase)) return;
      const claimer = handoffCase.status === 'claimed' ? handoffCase.claimedBy : null;
      if (claimer) {
        if ((await handoff.releaseIfClaimerLeft(handoffCase)).released) return;
        const { t } = kit.advisorContext((await kit.adviserView(claimer.userId)).locale);
        await kit.notifyFeedOnce(outboxJob.key, {
          recipientUserIds: [claimer.userId],
          activityType: 'caseUrgent',
          previewText: t('advisor.notification.urgent', { code: handoffCase.code }),
          caseCode: handoffCase.code,
        });
        const notice = buildNoticeCard({ text: t('advisor.markedUrgent', { code: handoffCase.code }) });
        const delivered = await kit.postToClaimer(() => kit.postCardToPerson(personKeys.keyFor(claimer.userId), notice));
        if (delivered === undefined) {
          // An urgent request must not stay with someone the bot cannot reach: the pool gets it back, urgent.
          logger.warn({ event: 'advisorUnreachable', update: 'markedUrgent' }, 'claimer unreachable; case back to the pool');
          await handoff.releaseUnreachableClaim(handoffCase.id, claimer.userId);
        }
        return;
      }
      const groups: AdvisorPool[] = [announcedGroupOf(kit.pools, handoffCase), ...(handoffCase.escalatedAt ? [escalationGroupOf(kit.pools, handoffCase)] : [])];
      // Cards are posted only to whoever has none yet (an adviser who joined the group since); the others' cards were drawn again.
      for (const group of groups) await kit.notifyPool(handoffCase, group, 'caseUrgent', 'advisor.notification.urgent', `${outboxJob.key}:${group}`);
    },

    /**
     * A hand-over offer: an activity-feed notification and a fresh card at the bottom of the
     * colleague's chat. Their earlier card for the case, if any, becomes a pointer to the new one,
     * so each adviser keeps one live card per case (the one a purge replaces).
     */
    [HANDOFF_JOBS.offerHandOver]: async (job, outboxJob) => {
      const handoffCase = await cases.get(job.caseId);
      const colleague = handoffCase && stillOffered(handoffCase, job) ? handoffCase.handOverTo : undefined;
      if (!handoffCase || !colleague) {
        // Withdrawn, answered or followed by another offer while this job waited for a retry: nothing to send.
        return;
      }
      const view = await kit.adviserView(colleague.userId);
      await kit.notifyFeedOnce(outboxJob.key, {
        recipientUserIds: [colleague.userId],
        activityType: 'caseOffered',
        previewText: kit.advisorContext(view.locale).t('advisor.notification.handOver', { code: handoffCase.code }),
        caseCode: handoffCase.code,
      });
      const memberKey = personKeys.keyFor(colleague.userId);
      const earlier = await kit.postedCardOf(handoffCase.id, colleague.userId);
      const activityId = await kit.postAuditedCard(handoffCase, colleague.userId, 'cardReceived', await kit.advisorCardFor(handoffCase, colleague.userId, view, [colleague.userId]));
      if (activityId === undefined) {
        logger.warn({ event: 'advisorUnreachable', update: 'handOverOffer' }, 'no conversation to reach the colleague');
      } else {
        await kit.recordPostedCard(handoffCase, { userId: colleague.userId, activityId });
        // A withdrawal saved while this card was on its way refreshed the cards it knew of, not this one: draw it as it is now.
        const now = await cases.get(job.caseId);
        const redraw = now && !stillOffered(now, job) && (await conversations.find(memberKey));
        if (now && redraw) await kit.replacePostedCard(redraw, activityId, await kit.advisorCardFor(now, colleague.userId, view, [colleague.userId]));
        const reference = earlier && (await conversations.find(memberKey));
        if (earlier && reference) await kit.replacePostedCard(reference, earlier.activityId, buildSupersededCaseCard(kit.advisorContext(view.locale), handoffCase));
      }
      logger.info({ event: 'handOverOffered' }, 'hand-over offered to a colleague');
    },
  };
}

/** The case is still offered by the offer this job was made for (a job stored before offers were numbered: to anyone). */
function stillOffered(handoffCase: HandoffCase, job: OfferJob): boolean {
  return handoffCase.status === 'claimed' && Boolean(handoffCase.handOverTo) && (job.offer === undefined || latestOffer(handoffCase) === job.offer);
}
