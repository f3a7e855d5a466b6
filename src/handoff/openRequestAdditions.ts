import { createHash } from 'node:crypto';
import { poolOfCase, type DeployedPools } from './adviserPools';
import type { CaseSteps } from './caseSteps';
import { addToOpenCase, holdsAlready, type AddedMessage, type CaseMode, type HandoffCase } from './handoffCase';
import { handoffJob } from './handoffJobs';

/**
 * What became of the words sent with a request when the person's request of that kind was open
 * already: `added` to it (also for a re-sent confirmation), `alreadyThere` (the same words),
 * `full` (not added: see MAX_ADDED_MESSAGES), `otherMode` (not added: sent anonymous to a named
 * request or named to an anonymous one), `otherPool` (not added: their topic goes to other
 * people than the open request's), `notAdded` (not added: the open request closed twice while
 * the words were on their way, so they reached neither it nor a new one), `none` (nothing written).
 */
export type AddedMessageFate = 'added' | 'alreadyThere' | 'full' | 'otherMode' | 'otherPool' | 'notAdded' | 'none';
/**
 * `alreadyOpen`: the request goes to the open one; `urgent` when this request made the open one urgent.
 * `tooMany`: the person made their limit of new requests of this kind within the hour (nothing stored).
 */
export type RequestOutcome =
  | { readonly outcome: 'created'; readonly handoffCase: HandoffCase }
  | { readonly outcome: 'alreadyOpen'; readonly handoffCase: HandoffCase; readonly fate: AddedMessageFate; readonly urgent: boolean }
  | TooManyRequests;
/** Over the limit of new requests in an hour: how many it is, when the next may be made, and the person's open request of another kind, if any. */
export interface TooManyRequests {
  readonly outcome: 'tooMany';
  readonly limit: number;
  readonly nextAllowedAt: Date;
  readonly openRequest?: HandoffCase;
}
/** A new case, the person's open case of that kind that stood in the way, or the limit of new requests. */
export type CreateOutcome = { readonly outcome: 'created' | 'open'; readonly handoffCase: HandoffCase } | TooManyRequests;
/** What a request brings to the person's open one: its words, its urgency, and the mode and pool (advice only) the person chose on the card. */
export interface SentWords {
  readonly text: string | null;
  readonly urgent: boolean;
  readonly mode: CaseMode;
  readonly pool?: string;
}

/** A request sent while the person's request of that kind is open: what joins the open one, and what the person is told of it. */
export class OpenRequestAdditions {
  constructor(
    private readonly steps: CaseSteps,
    private readonly pools: DeployedPools,
    private readonly noteActivity: (caseId: string) => Promise<void>,
  ) {}

  /**
   * A new request, or, while the person's request of that kind is open (a second tab, an older
   * consent card), what they wrote and its urgency go to the open one: nothing they wrote is lost,
   * and danger reaches the people who have the request.
   */
  async requestOrAdd(create: () => Promise<CreateOutcome>, requestId: string, sent: SentWords): Promise<RequestOutcome> {
    const first = await create();
    if (first.outcome === 'tooMany') return first;
    if (first.outcome === 'created') return { outcome: 'created', handoffCase: first.handoffCase };
    const added = await this.addToOpenRequest(first.handoffCase, requestId, sent);
    if (added) return added;
    // The open request closed in between: this one becomes a request of its own.
    const second = await create();
    if (second.outcome === 'tooMany') return second;
    if (second.outcome === 'created') return { outcome: 'created', handoffCase: second.handoffCase };
    // Closed again: the words reached no request, and the person must hear so rather than "already open".
    return (await this.addToOpenRequest(second.handoffCase, requestId, sent)) ?? { outcome: 'alreadyOpen', handoffCase: second.handoffCase, fate: sent.text === null ? 'none' : 'notAdded', urgent: false };
  }

  /**
   * One step on the open case (saved with its etag, so a confirmation on two instances adds once);
   * undefined when it is no longer open. Words join only a request of the mode and pool they were
   * sent for; urgency carries no words and always goes up.
   */
  private async addToOpenRequest(open: HandoffCase, requestId: string, sent: SentWords): Promise<RequestOutcome | undefined> {
    const id = addedMessageId(open.id, requestId);
    const result = await this.steps.apply(
      open.id,
      (current, now) => addToOpenCase(current, { id, text: this.mayJoin(current, sent) ? sent.text : null, urgent: sent.urgent }, now),
      ({ previous, next }) => ({ jobs: additionJobs(previous, next) }),
    );
    if (result.outcome === 'notFound' || result.outcome === 'notOpen') return undefined;
    const current = result.outcome === 'ok' ? result.next : result.current;
    if (result.outcome === 'ok' && current.status === 'claimed') await this.noteActivity(current.id);
    const becameUrgent = result.outcome === 'ok' && !result.previous.urgent && result.next.urgent;
    return { outcome: 'alreadyOpen', handoffCase: current, fate: this.fateOf(current, id, sent), urgent: becameUrgent };
  }

  /** What the person chose on the card decides where their words go: never under their name when sent anonymous, never to another pool. */
  private whyNotJoined(open: HandoffCase, sent: SentWords): 'otherMode' | 'otherPool' | undefined {
    if (open.mode !== sent.mode) return 'otherMode';
    if (sent.pool !== undefined && poolOfCase(this.pools, open).id !== sent.pool) return 'otherPool';
    return undefined;
  }

  private mayJoin(open: HandoffCase, sent: SentWords): boolean {
    return this.whyNotJoined(open, sent) === undefined;
  }

  private fateOf(handoffCase: HandoffCase, id: string, sent: SentWords): AddedMessageFate {
    if (sent.text === null) return 'none';
    if ((handoffCase.addedMessages ?? []).some((message) => message.id === id)) return 'added';
    const notJoined = this.whyNotJoined(handoffCase, sent);
    if (notJoined) return notJoined;
    return holdsAlready(handoffCase, { id, text: sent.text }) ? 'alreadyThere' : 'full';
  }
}

/**
 * What adding to an open case causes: every adviser card of it (and its channel card) drawn again,
 * the words relayed to a claimer, and for a request that became urgent the people who have it told.
 */
export function additionJobs(previous: HandoffCase, next: HandoffCase) {
  const before = previous.addedMessages?.length ?? 0;
  const added: AddedMessage | undefined = (next.addedMessages?.length ?? 0) > before ? next.addedMessages?.at(-1) : undefined;
  const becameUrgent = !previous.urgent && next.urgent;
  return [
    added ? handoffJob.refreshForAddedMessage(next.id, added.id) : handoffJob.refreshAdvisorCards(next.id, 'urgent'),
    ...(added && next.status === 'claimed' ? [handoffJob.relayAddedMessage(next.id, added.id, added.text)] : []),
    ...(becameUrgent ? [handoffJob.notifyUrgent(next.id)] : []),
  ];
}

/** Names an addition by its case and the activity it came in, so a re-sent activity adds nothing twice; nothing in it leads back to a person. */
export function addedMessageId(caseId: string, activityId: string): string {
  return createHash('sha256').update(`added:${caseId}:${activityId}`).digest('hex').slice(0, 32);
}
