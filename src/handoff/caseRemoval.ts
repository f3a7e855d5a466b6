import type { CaseRepository } from './caseRepository';
import type { CaseSteps } from './caseSteps';
import type { HandoffCase } from './handoffCase';
import { handoffJob } from './handoffJobs';

/**
 * The end of a case, for the retention purge and for "forget me": first the job that replaces
 * the cards already in advisers' chats and in the pool's channel (it carries the code and the card ids, since the case
 * is gone when it runs, and is retried like any outbox job), then every row of the case.
 */
export async function removeCase(cases: CaseRepository, steps: CaseSteps, handoffCase: HandoffCase): Promise<void> {
  const postedCards = await cases.listPostedAdvisorCards(handoffCase.id);
  const channelThread = await cases.findChannelThread(handoffCase.id);
  if (postedCards.length > 0 || channelThread) await steps.enqueue([handoffJob.purgePostedCards(handoffCase, postedCards, channelThread)]);
  await cases.deleteCase(handoffCase);
}
