import { CASE_CODE_PATTERN } from '../src/handoff/caseCode';
import type { ConnectorCall } from '../test/support/localConnector';
import { LocalGraph, type RecordedGraphCall } from '../test/support/localGraph';
import { startLocalIdentityProvider, type LocalIdentityProvider } from '../test/support/localIdentityProvider';
import { teamsUser, type TeamsUser } from '../test/support/teamsActivities';
import type { FullBotOptions } from './subjects';

export const ADVISOR_GROUP_ID = 'bench-advisors';
const NOTIFICATION_PATH = '/v1.0/teamwork/sendActivityNotificationToRecipients';

/**
 * The advisors' side on loopback: an Entra group on the local Graph stand-in, the bot's managed
 * identity on the local identity provider, and advisors who have the bot installed. Every
 * activity-feed notification is timestamped by case code as it arrives.
 */
export class GraphAdvisors {
  /** Case code → arrival times (performance.now()) of the activity-feed notifications for it. */
  readonly notificationsByCode = new Map<string, number[]>();
  private readonly waiters = new Map<string, () => void>();

  private constructor(
    readonly graph: LocalGraph,
    readonly identity: LocalIdentityProvider,
    readonly advisors: readonly TeamsUser[],
  ) {}

  static async start(advisorCount = 3): Promise<GraphAdvisors> {
    const graph = await LocalGraph.start();
    const identity = await startLocalIdentityProvider();
    const advisors = Array.from({ length: advisorCount }, (_, index) => teamsUser(`Bench Advisor ${index + 1}`, 'nl-NL'));
    graph.seedGroup(
      ADVISOR_GROUP_ID,
      advisors.map((advisor) => ({ id: advisor.aadObjectId, displayName: advisor.name, mail: advisor.email })),
    );
    for (const advisor of advisors) graph.setPresence(advisor.aadObjectId, 'Available');
    const setup = new GraphAdvisors(graph, identity, advisors);
    setup.timestampNotifications();
    return setup;
  }

  get botOptions(): NonNullable<FullBotOptions['graph']> {
    return {
      baseUrl: this.graph.baseUrl,
      advisorGroupId: ADVISOR_GROUP_ID,
      identityEndpoint: this.identity.managedIdentityEndpoint,
      identityHeader: this.identity.managedIdentityHeader,
    };
  }

  /** Resolves once a notification for the code has arrived (at once if it already has). */
  notified(code: string): Promise<void> {
    if (this.notificationsByCode.has(code)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.set(code, resolve));
  }

  /** Forgets the recorded Graph calls, which would otherwise grow for the whole run. */
  clearCalls(): void {
    this.graph.clearCalls();
  }

  async stop(): Promise<void> {
    await this.graph.stop();
    await this.identity.stop();
  }

  /**
   * LocalGraph records calls without a time; its list is read as it grows, so the arrival
   * time is taken when the request is recorded, before any answer goes back.
   */
  private timestampNotifications(): void {
    const calls = this.graph.calls as RecordedGraphCall[];
    const push = calls.push.bind(calls);
    calls.push = (...recorded: RecordedGraphCall[]) => {
      const now = performance.now();
      for (const call of recorded) {
        if (call.method !== 'POST' || call.path !== NOTIFICATION_PATH) continue;
        const code = (call.body as { templateParameters?: { name: string; value: string }[] } | undefined)?.templateParameters?.find(
          (parameter) => parameter.name === 'caseCode',
        )?.value;
        if (!code) continue;
        const times = this.notificationsByCode.get(code) ?? [];
        times.push(now);
        this.notificationsByCode.set(code, times);
        this.waiters.get(code)?.();
        this.waiters.delete(code);
      }
      return push(...recorded);
    };
  }
}

/** The case code on the confirmation card the bot sent back, if any. */
export function caseCodeIn(replies: readonly ConnectorCall[]): string | undefined {
  for (const reply of replies) {
    const match = CASE_CODE_PATTERN.exec(JSON.stringify(reply.activity));
    if (match) return match[0].toUpperCase();
  }
  return undefined;
}
