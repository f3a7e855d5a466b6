import type { AdvisorDirectory, Availability, DirectoryMember } from './advisorPorts';
import type { Clock } from './clock';

/**
 * A group the roster reads. `advisors` and `backup` are the default adviser pool's people;
 * `pool:<id>` and `backup:<id>` those of another topic pool (src/handoff/adviserPools.ts);
 * `programme` handles team dialogue requests; `programmeLeads` may read the programme's figures.
 */
export type AdvisorPool = 'advisors' | 'backup' | 'programme' | 'programmeLeads' | `pool:${string}` | `backup:${string}`;

/** The group id behind each roster group; a group without an id has no members. */
export type AdvisorPoolGroups = Readonly<Partial<Record<AdvisorPool, string>>>;

/**
 * Who may see and claim cases: members of Entra groups, read through the directory and
 * cached briefly, because every claim and refresh asks and group changes are rare.
 */
export class AdvisorRoster {
  private readonly cache = new Map<AdvisorPool, { readonly members: DirectoryMember[]; readonly until: number }>();

  constructor(
    private readonly directory: AdvisorDirectory,
    private readonly groups: AdvisorPoolGroups,
    private readonly clock: Clock,
    private readonly cacheMs = 5 * 60_000,
  ) {}

  async members(pool: AdvisorPool): Promise<DirectoryMember[]> {
    const groupId = this.groups[pool];
    if (!groupId) return [];
    const cached = this.cache.get(pool);
    const now = this.clock.now().getTime();
    if (cached && cached.until > now) return cached.members;
    const members = await this.directory.listGroupMembers(groupId);
    this.cache.set(pool, { members, until: now + this.cacheMs });
    return members;
  }

  async findMember(pools: readonly AdvisorPool[], userId: string): Promise<DirectoryMember | undefined> {
    for (const pool of pools) {
      const member = (await this.members(pool)).find((candidate) => candidate.id === userId);
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
