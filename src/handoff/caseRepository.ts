import type { EntityStore } from '../storage/entityStore';
import { isOpen, type HandoffCase, type Transition } from './handoffCase';

/**
 * Cases and their lookup indexes in the `cases` table (and, in `conversations`, the cards
 * posted to advisers for each case, written by the delivery layer):
 *   case/<id>               the case itself (etag guards every transition)
 *   code/<code>             case code → id, for status questions and advisor replies
 *   requester:<key>/<id>    a person's cases, for "my request" and "forget me"
 *   open/<id>               open cases, for the escalation and expiry sweeps
 *   request/<key>           confirming activity → case id, so a re-sent confirmation finds its case (kept a day)
 *   openRequest/<key>:<kind> the person's one open request of a kind (its case id), taken before it is announced
 *   followUp/<id>           a follow-up whose case the retention purge removed before its day (KeptFollowUp), until it is sent
 * Indexes are written after the case; readers always re-check the case they point to.
 */
const CASE = 'case';
const CODE = 'code';
const OPEN = 'open';
const REQUEST = 'request';
const REQUEST_MARKER_DAYS = 1;
const OPEN_REQUEST = 'openRequest';
const FOLLOW_UP = 'followUp';
const openRequestPlace = (handoffCase: HandoffCase) => `${handoffCase.requester.personKey}:${handoffCase.kind}`;
const requesterPartition = (personKey: string) => `requester:${personKey}`;
/** Which adviser got which card for a case: `advisorCards:<caseId>` / adviser key → activity id. */
export const advisorCardsPartition = (caseId: string) => `advisorCards:${caseId}`;

/** The thread a case started in its pool's team channel: where its card is updated and replies go. */
export const CHANNEL_THREADS = 'channelThreads';

export interface ChannelThread {
  /** The channel's conversation id (19:…@thread.tacv2). */
  readonly channelId: string;
  /** The thread's first message, the case card; replies go to `<channelId>;messageid=<activityId>`. */
  readonly activityId: string;
  readonly serviceUrl: string;
  readonly tenantId?: string;
  readonly botId?: string;
}

export interface PostedAdvisorCard {
  /** The record's row key: the adviser key (an earlier version's: the adviser's person key). */
  readonly memberKey: string;
  readonly activityId: string;
  /** Whose chat the card is in; absent in purge jobs queued by an earlier version, whose memberKey was the person key. */
  readonly userId?: string;
}

/**
 * A follow-up the adviser asked for when closing, kept apart from the case when case content is kept fewer days
 * than FOLLOW_UP_DAYS: the code the reminder names, whom it goes to and its day; nothing of the requester or the case.
 */
export interface KeptFollowUp {
  readonly code: string;
  readonly advisorUserId: string;
  readonly on: string;
}

export type OpenRequestPlace = { readonly outcome: 'taken' } | { readonly outcome: 'heldBy'; readonly holder: HandoffCase };

export type UpdateResult<Refusal extends string> =
  | { readonly outcome: 'ok'; readonly previous: HandoffCase; readonly next: HandoffCase }
  | { readonly outcome: Refusal; readonly current: HandoffCase }
  | { readonly outcome: 'notFound' };

const MAX_CONFLICT_RETRIES = 8;

export class CaseRepository {
  constructor(private readonly store: EntityStore) {}

  /** Idempotent: creating the same case id twice leaves the first one as it is. */
  async create(handoffCase: HandoffCase): Promise<'created' | 'alreadyExists'> {
    const outcome = await this.store.insert('cases', CASE, handoffCase.id, handoffCase);
    await this.store.upsert('cases', CODE, handoffCase.code.toUpperCase(), { caseId: handoffCase.id });
    await this.store.upsert('cases', requesterPartition(handoffCase.requester.personKey), handoffCase.id, {});
    if (isOpen(handoffCase)) await this.store.upsert('cases', OPEN, handoffCase.id, {});
    return outcome === 'inserted' ? 'created' : 'alreadyExists';
  }

  /**
   * Makes a new case the person's one open request of its kind, unless another open case holds
   * that place. Two confirmations pressed at once (a double click, two activities on two
   * instances) both find no open case when they look; only one of them can take this row.
   */
  async takeOpenRequestPlace(handoffCase: HandoffCase): Promise<OpenRequestPlace> {
    const rowKey = openRequestPlace(handoffCase);
    const ours = { caseId: handoffCase.id };
    for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt += 1) {
      if ((await this.store.insert('cases', OPEN_REQUEST, rowKey, ours)) === 'inserted') return { outcome: 'taken' };
      const place = await this.store.get<{ caseId: string }>('cases', OPEN_REQUEST, rowKey);
      if (!place) continue;
      if (place.value.caseId === handoffCase.id) return { outcome: 'taken' };
      const holder = await this.get(place.value.caseId);
      if (holder && isOpen(holder)) return { outcome: 'heldBy', holder };
      // Held by a case that has closed or been deleted since: take it over, unless another request just did.
      if ((await this.store.replace('cases', OPEN_REQUEST, rowKey, ours, place.etag)) === 'replaced') return { outcome: 'taken' };
    }
    throw new Error('The open-request place kept conflicting; giving up');
  }

  /** The case id for a confirming activity: the one reserved first, also by another instance. */
  async reserveCaseIdForRequest(requestKey: string, candidateId: string, now: Date): Promise<string> {
    const reserved = await this.store.insert('cases', REQUEST, requestKey, { caseId: candidateId, at: now.toISOString() });
    if (reserved === 'inserted') return candidateId;
    return (await this.store.get<{ caseId: string }>('cases', REQUEST, requestKey))?.value.caseId ?? candidateId;
  }

  /** Teams re-sends within minutes; after a day the marker only links an activity to a case. */
  async purgeRequestMarkers(now: Date): Promise<number> {
    const cutoff = now.getTime() - REQUEST_MARKER_DAYS * 86_400_000;
    let purged = 0;
    for (const marker of await this.store.listPartition<{ at: string }>('cases', REQUEST)) {
      if (new Date(marker.value.at).getTime() >= cutoff) continue;
      await this.store.delete('cases', REQUEST, marker.rowKey);
      purged += 1;
    }
    return purged;
  }

  async get(caseId: string): Promise<HandoffCase | undefined> {
    return (await this.store.get<HandoffCase>('cases', CASE, caseId))?.value;
  }

  async findByCode(code: string): Promise<HandoffCase | undefined> {
    const index = await this.store.get<{ caseId: string }>('cases', CODE, code.toUpperCase());
    return index ? this.get(index.value.caseId) : undefined;
  }

  async listCasesOf(personKey: string): Promise<HandoffCase[]> {
    const index = await this.store.listPartition('cases', requesterPartition(personKey));
    const cases = await Promise.all(index.map((entry) => this.get(entry.rowKey)));
    return cases.filter((found): found is HandoffCase => found?.requester.personKey === personKey);
  }

  async findOpenCaseOf(personKey: string): Promise<HandoffCase | undefined> {
    return (await this.listCasesOf(personKey)).find(isOpen);
  }

  async listOpen(): Promise<HandoffCase[]> {
    const index = await this.store.listPartition('cases', OPEN);
    const cases = await Promise.all(index.map((entry) => this.get(entry.rowKey)));
    return cases.filter((found): found is HandoffCase => found !== undefined && isOpen(found));
  }

  /**
   * Applies a transition with optimistic concurrency: when another instance changed the
   * case in between, the transition is evaluated again on the fresh case. This is what
   * makes "first advisor wins, exactly once" hold across processes.
   */
  async update<Refusal extends string>(
    caseId: string,
    transition: (current: HandoffCase) => Transition<Refusal>,
  ): Promise<UpdateResult<Refusal>> {
    for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt += 1) {
      const entity = await this.store.get<HandoffCase>('cases', CASE, caseId);
      if (!entity) return { outcome: 'notFound' };
      const result = transition(entity.value);
      if (result.outcome !== 'ok') return { outcome: result.outcome as Refusal, current: entity.value };
      const { next } = result as { next: HandoffCase };
      const written = await this.store.replace('cases', CASE, caseId, next, entity.etag);
      if (written === 'replaced') {
        if (!isOpen(next)) await this.store.delete('cases', OPEN, caseId);
        return { outcome: 'ok', previous: entity.value, next };
      }
      if (written === 'missing') return { outcome: 'notFound' };
    }
    throw new Error('Case update kept conflicting; giving up');
  }

  /**
   * Files a case under another requester key: the case row (on its etag), its requester index row and, while it holds
   * it, the person's open-request place. For the upgrade from an earlier version's unkeyed person keys
   * (scripts/upgrade-unkeyed-person-keys.ts), run while the bot is stopped. A place the new key already gives another
   * open case (a request the person sent on the new version before the upgrade) stays that case's: it is the one they
   * have been shown since; `besideOpen` says the person now has two open requests of the kind.
   */
  async refileRequester(caseId: string, fromKey: string, toKey: string): Promise<'refiled' | 'besideOpen' | 'notFiledThere'> {
    for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt += 1) {
      const entity = await this.store.get<HandoffCase>('cases', CASE, caseId);
      if (!entity || entity.value.requester.personKey !== fromKey) return 'notFiledThere';
      const moved: HandoffCase = { ...entity.value, requester: { ...entity.value.requester, personKey: toKey } };
      if ((await this.store.replace('cases', CASE, caseId, moved, entity.etag)) !== 'replaced') continue;
      await this.store.upsert('cases', requesterPartition(toKey), caseId, {});
      await this.store.delete('cases', requesterPartition(fromKey), caseId);
      const placeKey = `${fromKey}:${moved.kind}`;
      const place = await this.store.get<{ caseId: string }>('cases', OPEN_REQUEST, placeKey);
      const heldThere = await this.store.get<{ caseId: string }>('cases', OPEN_REQUEST, openRequestPlace(moved));
      const holder = heldThere && heldThere.value.caseId !== caseId ? await this.get(heldThere.value.caseId) : undefined;
      const besideOpen = isOpen(moved) && holder !== undefined && isOpen(holder) && holder.requester.personKey === toKey;
      if (place?.value.caseId === caseId) {
        if (!besideOpen) await this.store.upsert('cases', OPEN_REQUEST, openRequestPlace(moved), { caseId });
        await this.store.delete('cases', OPEN_REQUEST, placeKey);
      }
      return besideOpen ? 'besideOpen' : 'refiled';
    }
    throw new Error('Refiling a case kept conflicting; giving up');
  }

  async removeFromRequesterIndex(personKey: string, caseId: string): Promise<void> {
    await this.store.delete('cases', requesterPartition(personKey), caseId);
  }

  /** The cards posted to advisers for a case, so a purge can replace them in their chats. */
  async listPostedAdvisorCards(caseId: string): Promise<PostedAdvisorCard[]> {
    const records = await this.store.listPartition<{ activityId: string; userId: string }>('conversations', advisorCardsPartition(caseId));
    return records.map((record) => ({ memberKey: record.rowKey, activityId: record.value.activityId, userId: record.value.userId }));
  }

  /**
   * Moves an earlier version's record of a case card from the adviser's person key to their adviser key. Another
   * instance may purge the case between the read and the write, and nothing would delete the record written back, with
   * the adviser's object id: a record written for a case that is gone by then is taken out again.
   */
  async refilePostedAdvisorCard<T>(caseId: string, fromPersonKey: string, toAdviserKey: string, record: T): Promise<void> {
    const partition = advisorCardsPartition(caseId);
    await this.store.upsert('conversations', partition, toAdviserKey, record);
    await this.store.delete('conversations', partition, fromPersonKey);
    if (!(await this.get(caseId))) await this.store.delete('conversations', partition, toAdviserKey);
  }

  async findChannelThread(caseId: string): Promise<ChannelThread | undefined> {
    return (await this.store.get<ChannelThread>('conversations', CHANNEL_THREADS, caseId))?.value;
  }

  async saveChannelThread(caseId: string, thread: ChannelThread): Promise<void> {
    await this.store.upsert('conversations', CHANNEL_THREADS, caseId, thread);
  }

  /**
   * Removes a case with every row that belongs to it: the case, its code, requester, open,
   * open-request and request-marker rows, the records of cards posted to advisers and of its channel thread. The
   * weekly counters keep the figures.
   */
  async deleteCase(handoffCase: HandoffCase): Promise<void> {
    await this.store.delete('conversations', CHANNEL_THREADS, handoffCase.id);
    for (const card of await this.listPostedAdvisorCards(handoffCase.id)) {
      await this.store.delete('conversations', advisorCardsPartition(handoffCase.id), card.memberKey);
    }
    for (const marker of await this.store.listPartition<{ caseId: string }>('cases', REQUEST)) {
      if (marker.value.caseId === handoffCase.id) await this.store.delete('cases', REQUEST, marker.rowKey);
    }
    await this.store.delete('cases', requesterPartition(handoffCase.requester.personKey), handoffCase.id);
    await this.store.delete('cases', OPEN, handoffCase.id);
    const place = await this.store.get<{ caseId: string }>('cases', OPEN_REQUEST, openRequestPlace(handoffCase));
    if (place?.value.caseId === handoffCase.id) await this.store.delete('cases', OPEN_REQUEST, openRequestPlace(handoffCase));
    const code = await this.store.get<{ caseId: string }>('cases', CODE, handoffCase.code.toUpperCase());
    if (code?.value.caseId === handoffCase.id) await this.store.delete('cases', CODE, handoffCase.code.toUpperCase());
    await this.store.delete('cases', CASE, handoffCase.id);
  }

  async eraseDeletedResidue(): Promise<void> {
    await this.store.eraseDeletedResidue();
  }

  async keepFollowUp(caseId: string, followUp: KeptFollowUp): Promise<void> {
    await this.store.upsert('cases', FOLLOW_UP, caseId, followUp);
  }

  async listKeptFollowUps(): Promise<{ readonly caseId: string; readonly followUp: KeptFollowUp }[]> {
    return (await this.store.listPartition<KeptFollowUp>('cases', FOLLOW_UP)).map((entity) => ({ caseId: entity.rowKey, followUp: entity.value }));
  }

  async dropKeptFollowUp(caseId: string): Promise<void> {
    await this.store.delete('cases', FOLLOW_UP, caseId);
  }

  /** Every case, for the retention purge; the table is small (hundreds of cases a year). */
  async listAll(): Promise<HandoffCase[]> {
    return (await this.store.listPartition<HandoffCase>('cases', CASE)).map((entity) => entity.value);
  }
}
