import { ActivityTypes } from 'botbuilder';

const KNOWN_ACTIVITY_TYPES: ReadonlySet<string> = new Set(Object.values(ActivityTypes));

/**
 * The activity's type as a log may show it: one of the Bot Framework's types, or `other`. The
 * type is whatever the client sent, logged also for requests refused before their token is read,
 * so verbatim it would let anyone who reaches the port write any text into the log.
 */
export function activityTypeLabel(type: unknown): string {
  return typeof type === 'string' && KNOWN_ACTIVITY_TYPES.has(type) ? type : 'other';
}
