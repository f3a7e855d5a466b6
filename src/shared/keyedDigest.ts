import { createHmac } from 'node:crypto';

/**
 * A keyed hash of a text, as hex, for names stored where a reader of the table must not be able to
 * recompute them from an id they know (a chat, an activity, a person key and a time).
 */
export function keyedDigest(secret: Buffer, text: string, hexChars: number): string {
  return createHmac('sha256', secret).update(text).digest('hex').slice(0, hexChars);
}
