import type {
  ActivityFeedNotification,
  AdvisorDirectory,
  AdvisorNotifier,
  Availability,
  DirectoryMember,
  MailMessage,
} from '../handoff/advisorPorts';
import type { Logger } from '../logging/logger';

// Programme leads are a group of their own locally too: the figures are not for every advisor.
export const LOCAL_PROGRAMME_LEADS_GROUP = 'local-programme-leads';

export interface LoggingAdvisorGatewayOptions {
  /** Every advisor group answers with this list: local development has one set of people. */
  readonly members: readonly DirectoryMember[];
  /** Who may read the programme's figures locally; kept apart because figures are not for every advisor. */
  readonly programmeLeads?: readonly DirectoryMember[];
  /** Groups with people of their own (other topic pools), by group id. */
  readonly groups?: Readonly<Record<string, readonly DirectoryMember[]>>;
  readonly logger: Logger;
}

/**
 * Stands in for Graph during local development without Azure: a fixed list of advisors who
 * are always available, and notifications and mail that are logged and kept instead of sent.
 * The log lines say that something was sent and how much, never to whom or what.
 */
export class LoggingAdvisorGateway implements AdvisorDirectory, AdvisorNotifier {
  private readonly members: readonly DirectoryMember[];
  private readonly programmeLeads: readonly DirectoryMember[];
  private readonly groups: ReadonlyMap<string, readonly DirectoryMember[]>;
  private readonly logger: Logger;
  private readonly notifications: ActivityFeedNotification[] = [];
  private readonly mails: MailMessage[] = [];

  constructor(options: LoggingAdvisorGatewayOptions) {
    this.members = options.members.map((member) => ({ ...member }));
    this.programmeLeads = (options.programmeLeads ?? []).map((member) => ({ ...member }));
    this.groups = new Map(Object.entries(options.groups ?? {}).map(([groupId, members]) => [groupId, members.map((member) => ({ ...member }))]));
    this.logger = options.logger;
  }

  async listGroupMembers(groupId?: string): Promise<DirectoryMember[]> {
    const members =
      groupId === LOCAL_PROGRAMME_LEADS_GROUP ? this.programmeLeads : groupId && this.groups.has(groupId) ? this.groups.get(groupId)! : this.members;
    return members.map((member) => ({ ...member }));
  }

  async getAvailability(userIds: readonly string[]): Promise<ReadonlyMap<string, Availability>> {
    return new Map(userIds.map((id) => [id, 'available' as const]));
  }

  async sendActivityNotification(notification: ActivityFeedNotification): Promise<void> {
    const recipientCount = new Set(notification.recipientUserIds).size;
    if (recipientCount === 0) return;
    this.notifications.push(structuredClone(notification));
    this.logger.info(
      {
        operation: 'local.sendActivityNotification',
        activityType: notification.activityType,
        recipientCount,
        templateParameterNames: Object.keys(notification.templateParameters),
      },
      'activity notification recorded locally (not sent)',
    );
  }

  async sendMail(message: MailMessage): Promise<void> {
    if (message.to.length === 0) return;
    this.mails.push(structuredClone(message));
    this.logger.info(
      {
        operation: 'local.sendMail',
        recipientCount: message.to.length,
        subjectLength: message.subject.length,
        bodyLength: message.bodyText.length,
      },
      'escalation mail recorded locally (not sent)',
    );
  }

  /** What would have reached the activity feed, in order; copies, for tests. */
  sentNotifications(): ActivityFeedNotification[] {
    return structuredClone(this.notifications);
  }

  /** What would have been mailed, in order; copies, for tests. */
  sentMails(): MailMessage[] {
    return structuredClone(this.mails);
  }
}

/**
 * Reads a local advisor list such as `id-1:Anna de Vries,id-2:Bram Jansen` (one possible
 * LOCAL_ADVISORS setting). Problems name the entry's position, never its content.
 */
export function parseLocalAdvisors(value: string): { members: DirectoryMember[]; problems: string[] } {
  const members: DirectoryMember[] = [];
  const problems: string[] = [];
  const entries = value.split(',').map((entry) => entry.trim()).filter(Boolean);
  entries.forEach((entry, index) => {
    const separator = entry.indexOf(':');
    const id = separator > 0 ? entry.slice(0, separator).trim() : '';
    const displayName = separator > 0 ? entry.slice(separator + 1).trim() : '';
    if (!id || !displayName) {
      problems.push(`advisor ${index + 1}: expected "id:Display Name"`);
    } else if (members.some((member) => member.id === id)) {
      problems.push(`advisor ${index + 1}: the id is used twice`);
    } else {
      members.push({ id, displayName });
    }
  });
  return { members, problems };
}
