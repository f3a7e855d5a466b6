import { OutboundCallError, type AdvisorDirectory, type Availability, type DirectoryMember } from './advisorPorts';
import type { Clock } from './clock';

/**
 * A group the roster reads. `advisors` and `backup` are the default adviser pool's people;
 * `pool:<id>` and `backup:<id>` those of another topic pool (src/handoff/adviserPools.ts);
 * `programme` handles team dialogue requests; `programmeLeads` may read the programme's figures.
 */
export type AdvisorPool = 'advisors' | 'backup' | 'programme' | 'programmeLeads' | 'auditors' | `pool:${string}` | `backup:${string}`;

/** The group id behind each roster group; a group without an id has no members. */
export type AdvisorPoolGroups = Readonly<Partial<Record<AdvisorPool, string>>>;

const BACKGROUND_ATTEMPTS = 6;
const BACKGROUND_FIRST_DELAY_MS = 2_000;
const BACKGROUND_MAX_DELAY_MS = 60_000;

/** The error a read Graph asked us to hold back answers with, as a throttled read would (no group id, no person). */
const THROTTLED_READ = 'roster.listGroupMembers.throttled';

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

export interface AdvisorRosterOptions {
  /** How long a group's members are kept before the directory is asked again (five minutes). */
  readonly cacheMs?: number;
  /** Told (the roster group's name and the status, never a person) when a membership check finds a group refused for good. */
  readonly onGroupRefused?: (pool: AdvisorPool, statusCode: number | undefined) => void;
}

/**
 * Who may see and claim cases: members of Entra groups, read through the directory and
 * cached briefly, because every claim and refresh asks and group changes are rare.
 */
export class AdvisorRoster {
  private readonly cache = new Map<AdvisorPool, { readonly members: DirectoryMember[]; readonly until: number }>();
  private readonly backgroundRefreshes = new Map<AdvisorPool, Promise<void>>();
  /**
   * Until when Graph asked (Retry-After) to wait with a group's reads, by group id: roster groups may share one (the
   * programme group is often the advisers'). A read before then counts and keeps the app throttled.
   */
  private readonly throttledUntil = new Map<string, number>();
  /** Groups the directory refused for good at their last read: the log says so once, not at every press. */
  private readonly groupsRefused = new Set<AdvisorPool>();

  private readonly cacheMs: number;
  private readonly onGroupRefused: (pool: AdvisorPool, statusCode: number | undefined) => void;

  constructor(
    private readonly directory: AdvisorDirectory,
    private readonly groups: AdvisorPoolGroups,
    private readonly clock: Clock,
    options: AdvisorRosterOptions = {},
  ) {
    this.cacheMs = options.cacheMs ?? 5 * 60_000;
    this.onGroupRefused = options.onGroupRefused ?? (() => undefined);
  }

  async members(pool: AdvisorPool): Promise<DirectoryMember[]> {
    const groupId = this.groups[pool];
    if (!groupId) return [];
    const cached = this.cache.get(pool);
    const now = this.clock.now().getTime();
    if (cached && cached.until > now) return cached.members;
    // Not the last good read: it could let someone taken out of the group claim and read cases for as long as Graph throttles.
    const waitMs = (this.throttledUntil.get(groupId) ?? 0) - now;
    if (waitMs > 0) throw new OutboundCallError(THROTTLED_READ, true, 429, waitMs);
    try {
      return await this.readMembers(pool, groupId);
    } catch (error) {
      // Throttled or down: the caller answers "busy, try again in a minute", and by then the
      // list has been read in the background.
      if (error instanceof OutboundCallError && error.retryable) this.refreshInBackground(pool, groupId, error.retryAfterMs);
      throw error;
    }
  }

  /** Resolves once the background reads started by failed lookups are over; for tests and shutdown. */
  async settled(): Promise<void> {
    await Promise.all([...this.backgroundRefreshes.values()]);
  }

  private async readMembers(pool: AdvisorPool, groupId: string): Promise<DirectoryMember[]> {
    let members: DirectoryMember[];
    try {
      members = await this.directory.listGroupMembers(groupId);
    } catch (error) {
      if (error instanceof OutboundCallError && error.retryable && error.retryAfterMs) {
        this.throttledUntil.set(groupId, this.clock.now().getTime() + error.retryAfterMs);
      }
      throw error;
    }
    this.throttledUntil.delete(groupId);
    this.groupsRefused.delete(pool);
    this.cache.set(pool, { members, until: this.clock.now().getTime() + this.cacheMs });
    return members;
  }

  private refreshInBackground(pool: AdvisorPool, groupId: string, retryAfterMs: number | undefined): void {
    if (this.backgroundRefreshes.has(pool)) return;
    const refresh = (async () => {
      // Graph's Retry-After is waited out whole (parseRetryAfter caps it at 10 minutes); only our own backoff is capped.
      let delayMs = retryAfterMs ?? BACKGROUND_FIRST_DELAY_MS;
      for (let attempt = 0; attempt < BACKGROUND_ATTEMPTS; attempt += 1) {
        await sleep(delayMs);
        try {
          await this.readMembers(pool, groupId);
          return;
        } catch (error) {
          if (!(error instanceof OutboundCallError) || !error.retryable) return;
          delayMs = error.retryAfterMs ?? Math.min(delayMs * 2, BACKGROUND_MAX_DELAY_MS);
        }
      }
    })().finally(() => this.backgroundRefreshes.delete(pool));
    this.backgroundRefreshes.set(pool, refresh);
  }

  /**
   * The first of these groups that has the person. A group the directory refuses for good (404: deleted, or made again
   * under a new id before the setting follows; 403) has nobody to find in it: one pool's group gone must not fail every
   * other pool's advisers, whose checks go past it. A busy directory still throws: the answer is "busy", not "no".
   */
  async findMember(pools: readonly AdvisorPool[], userId: string): Promise<DirectoryMember | undefined> {
    for (const pool of pools) {
      let members: DirectoryMember[];
      try {
        members = await this.members(pool);
      } catch (error) {
        if (!(error instanceof OutboundCallError) || error.retryable) throw error;
        if (!this.groupsRefused.has(pool)) this.onGroupRefused(pool, error.statusCode);
        this.groupsRefused.add(pool);
        continue;
      }
      const member = members.find((candidate) => candidate.id === userId);
      if (member) return member;
    }
    return undefined;
  }

  /** Members to notify: those not offline; when presence says nobody is available, everyone. */
  async reachableMembers(pool: AdvisorPool): Promise<DirectoryMember[]> {
    const members = await this.members(pool);
    if (members.length === 0) return members;
    // Presence is a nicety: when it cannot be read, everyone is notified rather than no one.
    const availability = await this.directory
      .getAvailability(members.map((member) => member.id))
      .catch(() => new Map<string, Availability>());
    const reachable = members.filter((member) => availability.get(member.id) !== 'offline');
    return reachable.length > 0 ? reachable : members;
  }
}
