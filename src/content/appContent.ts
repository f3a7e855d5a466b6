import { deployPools, type DeployedPools, type PoolDeployment } from '../handoff/adviserPools';
import type { Content } from './loadContent';

/**
 * The content as a running bot holds it: the adviser pools as this deployment runs them (which
 * pools have people, their hours, escalation limits and backups), not as the content file lists them.
 */
export type AppContent = Omit<Content, 'adviserPools'> & { readonly adviserPools: DeployedPools };

export function withDeployedPools(content: Content, deployment: PoolDeployment): AppContent {
  return { ...content, adviserPools: deployPools(content.adviserPools, deployment) };
}

/**
 * Every pool of the content with people and a backup group, on the organisation's hours and the
 * default escalation limits (ESCALATE_AFTER_MINUTES, ESCALATE_URGENT_AFTER_MINUTES): the cards as a
 * fully staffed deployment shows them, for the card previews and the card tests.
 */
export function withEveryPoolDeployed(content: Content): AppContent {
  const everyPool = new Set(content.adviserPools.pools.map((pool) => pool.id));
  return withDeployedPools(content, {
    poolsWithPeople: everyPool,
    poolsWithBackup: everyPool,
    organisationHours: content.organisation.officeHours,
    escalateAfterMinutes: 60,
    escalateUrgentAfterMinutes: 15,
  });
}
