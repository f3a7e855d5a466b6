import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { EntityStore } from '../storage/entityStore';
import { addDays, firstDayOfIsoWeek, isoWeekOfDay, type IsoWeek } from '../shared/calendarDays';

/**
 * The random key of each week under which person keys become distinct-person tags.
 *
 * Stored only sealed (AES-256-GCM) under a key the app derives from the person-key secret, so a
 * reader of the tables, who can see person keys in other rows, cannot recompute a tag; the week
 * is the authenticated data, so a sealed key moved to another week does not open. The key is
 * random rather than derived from the secret because deleting it (a week after the week ended)
 * must make that week's tags unlinkable for everyone, the holder of the secret included.
 */
export class WeekTagKeys {
  /** Opened keys by the etag they were read with: a key another instance replaced or discarded is not used. */
  private readonly opened = new Map<IsoWeek, { readonly etag: string; readonly key: Buffer }>();

  constructor(
    private readonly store: EntityStore,
    private readonly sealingKey: Buffer,
  ) {
    if (sealingKey.length !== SEALING_KEY_BYTES) throw new Error(`The insights sealing key must be ${SEALING_KEY_BYTES} bytes`);
  }

  /** The week's key, created by whichever instance needs it first. */
  async keyOf(week: IsoWeek): Promise<Buffer> {
    for (let attempt = 1; attempt <= 3; attempt++) {
      const stored = await this.store.get<unknown>('insights', SEALED_KEYS_PARTITION, week);
      if (stored === undefined) {
        this.opened.delete(week);
        await this.store.insert('insights', SEALED_KEYS_PARTITION, week, { sealed: this.newSealedKey(week) });
        continue;
      }
      const cached = this.opened.get(week);
      if (cached?.etag === stored.etag) return cached.key;
      const key = open(stored.value, this.sealingKey, week);
      if (key) {
        this.opened.set(week, { etag: stored.etag, key });
        return key;
      }
      // Sealed under a person-key secret since rotated: every person key changed with it, so a new week key loses nothing.
      // On the etag, so an instance that replaced it meanwhile keeps its key; either way the row is read again.
      await this.store.replace('insights', SEALED_KEYS_PARTITION, week, { sealed: this.newSealedKey(week) }, stored.etag);
    }
    throw new Error(`Insights: no tag key could be stored for ${week}`);
  }

  private newSealedKey(week: IsoWeek): string {
    return seal(randomBytes(WEEK_KEY_BYTES), this.sealingKey, week);
  }

  /**
   * The tag of a person key in one tag group of a week (see `tagGroupOf`); its key must exist (see
   * `keyOf`). The group is part of the HMAC, so one person's tags in two counters differ and a
   * reader of the table cannot join their labels.
   */
  async tagOf(week: IsoWeek): Promise<(group: string, personKey: string) => string> {
    const key = await this.keyOf(week);
    return (group, personKey) => createHmac('sha256', key).update(`${group}\n${personKey}`).digest('hex').slice(0, 16);
  }

  /** The weeks whose keys are still stored: only their tags can be tied to a person key, by the app. */
  async weeksWithKeys(): Promise<IsoWeek[]> {
    return (await this.store.listPartition('insights', SEALED_KEYS_PARTITION)).map((entity) => entity.rowKey as IsoWeek);
  }

  /** The weeks whose keys are due to go: they ended more than a week before `currentWeek`. */
  async weeksToDiscard(currentWeek: IsoWeek): Promise<IsoWeek[]> {
    const oldestKept = isoWeekOfDay(addDays(firstDayOfIsoWeek(currentWeek), -7));
    return (await this.weeksWithKeys()).filter((week) => week < oldestKept);
  }

  /** Deletes a week's key: its tags can then be tied to no one. */
  async discard(week: IsoWeek): Promise<void> {
    await this.store.delete('insights', SEALED_KEYS_PARTITION, week);
    this.opened.delete(week);
  }

  /** Deletes the keys of weeks that ended more than a week before `currentWeek` (and returns those weeks). */
  async discardOld(currentWeek: IsoWeek): Promise<IsoWeek[]> {
    const discarded = await this.weeksToDiscard(currentWeek);
    for (const week of discarded) await this.discard(week);
    return discarded;
  }

  /** Weeks whose key an earlier version stored in the clear, readable beside the tags. */
  async unsealedWeeks(): Promise<IsoWeek[]> {
    return (await this.store.listPartition('insights', UNSEALED_KEYS_PARTITION)).map((entity) => entity.rowKey as IsoWeek);
  }

  async deleteUnsealed(week: IsoWeek): Promise<void> {
    await this.store.delete('insights', UNSEALED_KEYS_PARTITION, week);
  }
}

/** Where an earlier version kept week keys in the clear; deleted on sight. */
export const UNSEALED_KEYS_PARTITION = 'weekKeys';
export const SEALED_KEYS_PARTITION = 'sealedWeekKeys';
export const SEALING_KEY_BYTES = 32;
const WEEK_KEY_BYTES = 32;
const IV_BYTES = 12;
const AUTH_TAG_BYTES = 16;

function seal(weekKey: Buffer, sealingKey: Buffer, week: IsoWeek): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', sealingKey, iv).setAAD(Buffer.from(`insights-week:${week}`));
  const sealed = Buffer.concat([cipher.update(weekKey), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64');
}

function open(value: unknown, sealingKey: Buffer, week: IsoWeek): Buffer | undefined {
  const sealed = (value as { sealed?: unknown } | null)?.sealed;
  if (typeof sealed !== 'string') return undefined;
  const bytes = Buffer.from(sealed, 'base64');
  if (bytes.length !== IV_BYTES + AUTH_TAG_BYTES + WEEK_KEY_BYTES) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealingKey, bytes.subarray(0, IV_BYTES)).setAAD(Buffer.from(`insights-week:${week}`));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + AUTH_TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + AUTH_TAG_BYTES)), decipher.final()]);
  } catch {
    return undefined;
  }
}
