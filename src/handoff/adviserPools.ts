import type { AdviserPoolsContent, PoolDefinition } from '../content/adviserPoolsSchema';
import type { OfficeHours } from '../content/contentSchema';
import type { Topic } from '../guidance/vocabulary';
import type { AdvisorPool } from './advisorRoster';
import type { HandoffCase } from './handoffCase';

/**
 * Who takes a request: each topic belongs to one pool of people (content/adviser-pools.json).
 * A deployment gives each pool its people (an Entra group, or local members); a pool without
 * people is folded into the default pool, so every card names who will actually see a request.
 */

/** A pool as this deployment runs it: hours and escalation limits are always known. */
export interface DeployedPool extends PoolDefinition {
  readonly officeHours: OfficeHours;
  readonly escalateAfterMinutes: number;
  readonly escalateUrgentAfterMinutes: number;
  /** Whether escalation reaches a backup group, which the requester is then told. */
  readonly hasBackup: boolean;
}

export interface PoolDeployment {
  /** Pools other than the default that have people in this deployment. */
  readonly poolsWithPeople: ReadonlySet<string>;
  /** Pools, the default included, whose escalation goes to a backup group. */
  readonly poolsWithBackup: ReadonlySet<string>;
  readonly organisationHours: OfficeHours;
  readonly escalateAfterMinutes: number;
  readonly escalateUrgentAfterMinutes: number;
}

export interface DeployedPools extends Omit<AdviserPoolsContent, 'pools'> {
  readonly pools: DeployedPool[];
  /** Pools in the content that this deployment has nobody for (their topics went to the default pool). */
  readonly withoutPeople: readonly string[];
}

export function deployPools(content: AdviserPoolsContent, deployment: PoolDeployment): DeployedPools {
  const isDeployed = (pool: PoolDefinition) => pool.id === content.defaultPool || deployment.poolsWithPeople.has(pool.id);
  const folded = content.pools.filter((pool) => !isDeployed(pool)).flatMap((pool) => pool.topics);
  const pools = content.pools.filter(isDeployed).map(
    (pool): DeployedPool => ({
      ...pool,
      topics: pool.id === content.defaultPool ? [...pool.topics, ...folded] : pool.topics,
      officeHours: pool.officeHours ?? deployment.organisationHours,
      escalateAfterMinutes: pool.escalateAfterMinutes ?? deployment.escalateAfterMinutes,
      escalateUrgentAfterMinutes: pool.escalateUrgentAfterMinutes ?? deployment.escalateUrgentAfterMinutes,
      hasBackup: deployment.poolsWithBackup.has(pool.id),
    }),
  );
  return {
    ...content,
    pools,
    withoutPeople: content.pools.filter((pool) => !isDeployed(pool)).map((pool) => pool.id),
  };
}

export function defaultPool<Pool extends PoolDefinition>(pools: { readonly defaultPool: string; readonly pools: readonly Pool[] }): Pool {
  const found = pools.pools.find((pool) => pool.id === pools.defaultPool);
  // The content schema refuses a default that names no pool.
  if (!found) throw new Error('the default adviser pool is missing');
  return found;
}

/** The pool that takes a topic; a request without a topic goes to the default pool. */
export function poolForTopic<Pool extends PoolDefinition>(
  pools: { readonly defaultPool: string; readonly pools: readonly Pool[] },
  topic: Topic | null | undefined,
): Pool {
  return (topic && pools.pools.find((pool) => pool.topics.includes(topic))) || defaultPool(pools);
}

/** Who a consent card said would see a request: the pool, and whether its backup advisers come in. */
export interface NamedAudience {
  readonly pool?: string;
  readonly backup?: boolean;
}

/**
 * Whether "Send request" on a consent card may send: the request still goes to the people the card named
 * (`samePeople`); a deployment that gave a pool its people, or a content release that moved a topic, changed them
 * since (`peopleChanged`); or the card names no pool (`olderForm`). A card without a pool was drawn by a version
 * before cards carried it: before pools it named the default pool, since pools the topic's pool, and the two cannot
 * be told apart, so it holds only where both versions named the same people, the default pool. A card that does not
 * say whether the backup advisers come in is not held to it.
 */
export type ConsentCardAudience = 'samePeople' | 'peopleChanged' | 'olderForm';

export function consentCardAudience(pools: DeployedPools, topic: Topic | null | undefined, named: NamedAudience): ConsentCardAudience {
  const pool = poolForTopic(pools, topic);
  if (named.pool === undefined && pool.id !== pools.defaultPool) return 'olderForm';
  const samePool = pool.id === (named.pool ?? pools.defaultPool);
  return samePool && (named.backup === undefined || named.backup === pool.hasBackup) ? 'samePeople' : 'peopleChanged';
}

/**
 * The pool a case belongs to: the one it was sent to. Cases from before pools, and cases of a
 * pool since removed from the deployment, belong to the default pool, which got them then.
 */
export function poolOfCase<Pool extends PoolDefinition>(
  pools: { readonly defaultPool: string; readonly pools: readonly Pool[] },
  handoffCase: Pick<HandoffCase, 'pool'>,
): Pool {
  return pools.pools.find((pool) => pool.id === handoffCase.pool) ?? defaultPool(pools);
}

/**
 * The roster groups of a pool. The default pool keeps the names it had before pools existed
 * ('advisors', 'backup'), so jobs stored then still reach the same people.
 */
export function rosterGroupsOf(pools: { readonly defaultPool: string }, poolId: string): { readonly members: AdvisorPool; readonly backup: AdvisorPool } {
  return poolId === pools.defaultPool ? { members: 'advisors', backup: 'backup' } : { members: `pool:${poolId}`, backup: `backup:${poolId}` };
}

type Pools = { readonly defaultPool: string; readonly pools: readonly PoolDefinition[] };

/** Who may handle a case: the people of its pool and their backup; for a dialogue, the programme team. */
export function rosterGroupsForCase(pools: Pools, handoffCase: Pick<HandoffCase, 'kind' | 'pool'>): AdvisorPool[] {
  if (handoffCase.kind === 'team-dialogue') return ['programme'];
  return Object.values(rosterGroupsOf(pools, poolOfCase(pools, handoffCase).id));
}

/** The group a new request (or one released back to its pool) is announced to. */
export function announcedGroupOf(pools: Pools, handoffCase: Pick<HandoffCase, 'kind' | 'pool'>): AdvisorPool {
  if (handoffCase.kind === 'team-dialogue') return 'programme';
  return rosterGroupsOf(pools, poolOfCase(pools, handoffCase).id).members;
}

/**
 * The group a request still unclaimed after its pool's limit escalates to: its pool's backup. A dialogue is the programme
 * team's alone (nobody else may claim or read it, rosterGroupsForCase), so it escalates within that team, as a reminder:
 * never to the confidential advisers' backup group, which may be an external agency.
 */
export function escalationGroupOf(pools: Pools, handoffCase: Pick<HandoffCase, 'kind' | 'pool'>): AdvisorPool {
  if (handoffCase.kind === 'team-dialogue') return 'programme';
  return rosterGroupsOf(pools, poolOfCase(pools, handoffCase).id).backup;
}

/** Whether escalation reaches a backup group in this deployment, which the requester is then told; a dialogue's never does. */
export function escalatesToBackup(pools: DeployedPools, handoffCase: Pick<HandoffCase, 'kind' | 'pool'>): boolean {
  return handoffCase.kind !== 'team-dialogue' && poolOfCase(pools, handoffCase).hasBackup;
}

/** Every group of every adviser pool, backups included. */
export function allAdviserGroups(pools: Pools): AdvisorPool[] {
  return pools.pools.flatMap((pool) => Object.values(rosterGroupsOf(pools, pool.id)));
}
