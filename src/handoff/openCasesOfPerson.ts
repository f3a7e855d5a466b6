import { isOpen, isRelayedThroughBot, type HandoffCase } from './handoffCase';

/**
 * Which of a person's open requests a step means. A person has one open request of a kind, except after the upgrade from
 * unkeyed person keys run on a store the new version had already used (docs/SECURITY.md): then a request the earlier
 * version filed and one they sent since are both open. Each stays theirs to see and cancel; where one must be chosen, it
 * is the newest, which holds their open-request place and which they have been shown since.
 */

/** The person's open requests, the newest first. */
export function openNewestFirst(cases: readonly HandoffCase[]): HandoffCase[] {
  return cases.filter(isOpen).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/**
 * The open request a requester's typed words go to: one an adviser has (or had: the words wait for the next), the newest
 * first; otherwise the newest still waiting for its first adviser.
 */
export function relayTargetOf(cases: readonly HandoffCase[]): HandoffCase | undefined {
  const relayed = openNewestFirst(cases).filter(isRelayedThroughBot);
  return relayed.find(hasHadAnAdviser) ?? relayed[0];
}

/**
 * The person's open requests that run through the bot and have (or had) an adviser, the newest first. More than one only
 * after the upgrade: each adviser may be of another pool (a confidential adviser, the research integrity counsellor), so
 * the bot never guesses which of them typed words are for; the person chooses (HandoffService.relayFromRequester).
 */
export function relayedWithAnAdviser(cases: readonly HandoffCase[]): HandoffCase[] {
  return openNewestFirst(cases).filter((found) => isRelayedThroughBot(found) && hasHadAnAdviser(found));
}

export function hasHadAnAdviser(handoffCase: HandoffCase): boolean {
  return handoffCase.status === 'claimed' || Boolean(handoffCase.releases);
}
