import type { JobExecutors } from '../outbox/outbox';
import { adviserNotificationExecutors } from './handoffJobs/adviserNotificationJobs';
import { caseCardExecutors } from './handoffJobs/caseCardJobs';
import { DeliveryKit, type HandoffDeliveryDependencies, type HandoffExecutors } from './handoffJobs/deliveryKit';
import { relayExecutors } from './handoffJobs/relayJobs';
import { statusNoticeExecutors } from './handoffJobs/statusNoticeJobs';

export type { HandoffDeliveryDependencies } from './handoffJobs/deliveryKit';

/**
 * The outbox executors for the handoff, one file per family in ./handoffJobs/: proactive Teams
 * messages through the adapter, activity-feed notifications and mail through the notifier. Each
 * one is safe to run again: cards already posted to an advisor are recorded and not posted twice.
 * The compiler checks that every job kind has an executor that takes the payload it carries.
 */
export function createHandoffExecutors(dependencies: HandoffDeliveryDependencies): JobExecutors {
  const kit = new DeliveryKit(dependencies);
  const executors: HandoffExecutors = {
    ...adviserNotificationExecutors(kit),
    ...caseCardExecutors(kit),
    ...statusNoticeExecutors(kit),
    ...relayExecutors(kit),
  };
  return executors;
}
