import { randomUUID } from 'node:crypto';
import type { Clock } from '../handoff/clock';
import { OutboundCallError } from '../handoff/advisorPorts';
import type { EntityStore } from '../storage/entityStore';

/**
 * One step of a job (a call the other side cannot tell apart when it comes twice, such as an
 * activity-feed notification) that must run once, also when a second instance runs the same job
 * because the first one's lease ran out mid-call. The marker is claimed before the call with an
 * insert only one instance wins, and marked done (`{}`, as markers were before claims) after it.
 *
 * A claim younger than `staleAfterMs` is a call in flight elsewhere: the job is retried later,
 * when that call has finished or its instance is gone. An older one was left by an instance
 * that died mid-call, and is taken over: at least once beats never. The claim is released or
 * marked done with its etag, so an instance whose claim was taken over (it was frozen, not dead)
 * leaves the new owner's claim alone.
 */
export async function runStepOnce(
  store: EntityStore,
  clock: Clock,
  partition: StepMarkerPartition,
  markerKey: string,
  staleAfterMs: number,
  step: () => Promise<void>,
): Promise<'ran' | 'ranBefore'> {
  for (let attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt += 1) {
    const now = clock.now().getTime();
    const claim: StepClaim = { claimedAt: new Date(now).toISOString(), claimant: randomUUID() };
    const marker = await store.get<StoredMarker>('outbox', partition, markerKey);
    let claimed = false;
    if (!marker) {
      claimed = (await store.insert('outbox', partition, markerKey, claim)) === 'inserted';
    } else if (marker.value.released === true) {
      claimed = (await store.replace('outbox', partition, markerKey, claim, marker.etag)) === 'replaced';
    } else if (typeof marker.value.claimedAt !== 'string') {
      return 'ranBefore';
    } else {
      const ageMs = now - new Date(marker.value.claimedAt).getTime();
      if (ageMs < staleAfterMs) throw new OutboundCallError(`${partition} in flight on another instance`, true, undefined, staleAfterMs - ageMs);
      claimed = (await store.replace('outbox', partition, markerKey, claim, marker.etag)) === 'replaced';
    }
    if (!claimed) continue;
    const held = await store.get<StoredMarker>('outbox', partition, markerKey);
    if (!held || held.value.claimant !== claim.claimant) continue;
    try {
      await step();
    } catch (error) {
      // Not sent (as far as we know): the job's retry may claim it again at once. A conflict means
      // another instance took the claim over and is calling now; its claim stays.
      await store.replace('outbox', partition, markerKey, RELEASED, held.etag);
      throw error;
    }
    // A conflict here, too, is another instance's call in flight: it marks the step done itself.
    await store.replace('outbox', partition, markerKey, {}, held.etag);
    return 'ran';
  }
  throw new OutboundCallError(`${partition} claimed by another instance`, true);
}

interface StepClaim {
  readonly claimedAt: string;
  readonly claimant: string;
}

/** A claim (`claimedAt`), a released claim, or a done step (`{}`). */
type StoredMarker = Partial<StepClaim> & { readonly released?: boolean };

const RELEASED: StoredMarker = { released: true };
const MAX_CLAIM_ATTEMPTS = 3;

/**
 * Where step markers are kept. A marker's key is its job's key, or that key and a `:` suffix, so
 * it goes with the job's delivered tombstone (`purgeStepMarkersOf`).
 */
export const STEP_MARKERS = { feedNotified: 'feedNotified', mailSent: 'mailSent' } as const;
type StepMarkerPartition = (typeof STEP_MARKERS)[keyof typeof STEP_MARKERS];

/** Deletes the step markers of jobs whose tombstones went; returns how many. */
export async function purgeStepMarkersOf(store: EntityStore, jobKeys: ReadonlySet<string>): Promise<number> {
  if (jobKeys.size === 0) return 0;
  let purged = 0;
  for (const partition of Object.values(STEP_MARKERS)) {
    for (const marker of await store.listPartition('outbox', partition)) {
      if (!jobKeyPrefixes(marker.rowKey).some((prefix) => jobKeys.has(prefix))) continue;
      await store.delete('outbox', partition, marker.rowKey);
      purged += 1;
    }
  }
  return purged;
}

/** `a:b:c` → `a:b:c`, `a:b`, `a`: a job key may itself hold colons. */
function jobKeyPrefixes(markerKey: string): string[] {
  const parts = markerKey.split(':');
  return parts.map((_, index) => parts.slice(0, parts.length - index).join(':'));
}
