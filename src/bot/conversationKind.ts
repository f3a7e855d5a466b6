import type { Activity } from 'botbuilder';

/**
 * A one-to-one chat with the bot (Teams leaves the type out in some of those); a team channel or
 * group chat is read by everyone in it, so what is for one person stays out of it.
 */
export function isPersonalChat(activity: Pick<Partial<Activity>, 'conversation'>): boolean {
  return (activity.conversation?.conversationType ?? 'personal') === 'personal';
}
