/**
 * What the handoff domain needs from the outside world to reach advisors, as interfaces.
 * Microsoft Graph implements them in production (src/graph/), a logging implementation
 * serves local development, and one contract suite tests both.
 */

export interface DirectoryMember {
  /** Entra object id: used to address the person, never logged. */
  readonly id: string;
  readonly displayName: string;
  readonly mail?: string;
}

export type Availability = 'available' | 'busy' | 'away' | 'offline' | 'unknown';

export interface AdvisorDirectory {
  /** Every user in the group, following Graph's paging. */
  listGroupMembers(groupId: string): Promise<DirectoryMember[]>;
  /** Presence per user id; users without readable presence are 'unknown'. */
  getAvailability(userIds: readonly string[]): Promise<ReadonlyMap<string, Availability>>;
}

/** Graph's ceiling of recipients per sendActivityNotificationToRecipients call. */
export const FEED_RECIPIENTS_PER_CALL = 100;

export interface ActivityFeedNotification {
  readonly recipientUserIds: readonly string[];
  /** One of the activity types declared in the Teams app manifest. */
  readonly activityType: string;
  readonly previewText: string;
  readonly templateParameters: Readonly<Record<string, string>>;
  /** Where a click on the notification leads (a deep link to the bot chat). */
  readonly webUrl: string;
}

export interface MailMessage {
  readonly to: readonly string[];
  readonly subject: string;
  readonly bodyText: string;
}

export interface AdvisorNotifier {
  sendActivityNotification(notification: ActivityFeedNotification): Promise<void>;
  sendMail(message: MailMessage): Promise<void>;
}

/**
 * How an outbound call failed, so the outbox can decide: retry later (throttled, server
 * error, network) honouring the service's Retry-After, or give up (a 4xx that will not change).
 */
export class OutboundCallError extends Error {
  constructor(
    readonly operation: string,
    readonly retryable: boolean,
    readonly statusCode?: number,
    readonly retryAfterMs?: number,
  ) {
    super(`${operation} failed${statusCode ? ` with HTTP ${statusCode}` : ''}${retryable ? ' (will retry)' : ''}`);
    this.name = 'OutboundCallError';
  }
}
