import type { Activity } from 'botbuilder';

/**
 * A one-to-one chat with the bot (Teams leaves the type out in some of those); a team channel or
 * group chat is read by everyone in it, so what is for one person stays out of it.
 */
export function isPersonalChat(activity: Pick<Partial<Activity>, 'conversation'>): boolean {
  return (activity.conversation?.conversationType ?? 'personal') === 'personal';
}

/** A team channel (or a thread in one), where a card answered in place is replaced for everyone in it. */
export function isTeamChannel(activity: Pick<Partial<Activity>, 'conversation'>): boolean {
  return activity.conversation?.conversationType === 'channel';
}
