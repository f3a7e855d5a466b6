import type { FlowState } from '../guidance/guidedFlow';
import type { Locale, Topic } from '../guidance/vocabulary';
import type { Clock } from '../handoff/clock';
import { keyedDigest } from '../shared/keyedDigest';
import type { EntityStore, StoredEntity } from '../storage/entityStore';

/**
 * How long a typed "yes", "no" or "help" counts as the answer to the danger question. Long enough
 * for someone who is dealing with the situation, or calling, to come back to a phone and type;
 * short enough that a "yes" meant for something later is not read as this answer. Reading a late
 * "yes" as one costs an emergency card nobody needed, so the window leans long.
 */
export const DANGER_QUESTION_OPEN_MS = 10 * 60_000;

/** What the bot needs to go on as the question's buttons would: labels, never the message. */
export interface OpenDangerQuestion {
  readonly flow: FlowState;
  readonly likelyTopics?: readonly Topic[];
  /** The language of the message that raised the question: the emergency card comes in that language. */
  readonly locale: Locale;
  /** Raised by a message of nothing but words that call for help: "no" shows the menu, as such a message got before. */
  readonly callForHelp?: true;
}

interface StoredDangerQuestion extends OpenDangerQuestion {
  /** A keyed hash of the chat: a question asked in another chat does not count, and no chat id is stored. */
  readonly chat: string;
  /** Epoch milliseconds after which the row is read as absent, and the sweep deletes it. */
  readonly openUntil: number;
  /** A keyed hash of the question card's message id: a button on an earlier question card does not close this one. */
  readonly card?: string;
  /** Asked in the person's own chat with the bot: a question in a team channel or group chat does not replace it. */
  readonly ownChat?: true;
}

/** An open question as `find` read it: `close` given it deletes that row by its etag without reading it again. */
export interface FoundDangerQuestion extends OpenDangerQuestion {
  readonly read: { readonly etag: string; readonly card?: string };
  /** When it was asked (epoch milliseconds): an adviser who wrote since may be who a typed "ja" answers. */
  readonly askedAt: number;
}

const PARTITION = 'person';

/**
 * The danger question waiting for this person's answer, one at a time, under their person key. In
 * the store rather than in memory, so the answer counts on whichever instance receives it and after
 * a restart. Forget me deletes it (src/preferences/personRecords.ts).
 */
export class OpenDangerQuestions {
  constructor(
    private readonly store: EntityStore,
    private readonly clock: Clock,
    private readonly chatKeySecret: Buffer,
  ) {}

  /**
   * `cardId`: the id the question card got in the chat, when the connector told it. One question per person: asked in a
   * team channel or group chat (`inOwnChat` false), it does not replace one still open in their own chat, where they are
   * most likely to type "ja" (a "ja" typed there would otherwise get the menu). Its buttons work all the same.
   */
  async remember(personKey: string, conversationId: string, question: OpenDangerQuestion, cardId?: string, { inOwnChat = true } = {}): Promise<void> {
    if (!inOwnChat) {
      const open = (await this.store.get<StoredDangerQuestion>('dangerQuestions', PARTITION, personKey))?.value;
      if (open?.ownChat && open.openUntil > this.clock.now().getTime() && open.chat !== this.keyed(conversationId)) return;
    }
    const stored: StoredDangerQuestion = {
      flow: question.flow,
      ...(question.likelyTopics && question.likelyTopics.length > 0 ? { likelyTopics: [...question.likelyTopics] } : {}),
      locale: question.locale,
      ...(question.callForHelp ? { callForHelp: true as const } : {}),
      chat: this.keyed(conversationId),
      openUntil: this.clock.now().getTime() + DANGER_QUESTION_OPEN_MS,
      ...(cardId ? { card: this.keyed(cardId) } : {}),
      ...(inOwnChat ? { ownChat: true as const } : {}),
    };
    await this.store.upsert<StoredDangerQuestion>('dangerQuestions', PARTITION, personKey, stored);
  }

  /** The question open for this person in this chat, if one is and it has not expired. */
  async find(personKey: string, conversationId: string): Promise<FoundDangerQuestion | undefined> {
    const row = await this.readInChat(personKey, conversationId);
    if (!row) return undefined;
    const { value: stored, etag } = row;
    if (stored.openUntil <= this.clock.now().getTime()) {
      // With the etag read: a question asked meanwhile (on another instance) stays open.
      await this.store.delete('dangerQuestions', PARTITION, personKey, etag);
      return undefined;
    }
    return {
      flow: stored.flow,
      likelyTopics: stored.likelyTopics,
      locale: stored.locale,
      callForHelp: stored.callForHelp,
      read: { etag, card: stored.card },
      askedAt: stored.openUntil - DANGER_QUESTION_OPEN_MS,
    };
  }

  /**
   * Answered (typed or by a button) in this chat: a question open in
   * another chat stays, and so does a newer one when `pressedCardId` is an earlier question card's.
   * `found`: the question as this turn found it in this chat; a question asked since stays open.
   */
  async close(personKey: string, conversationId: string, pressedCardId?: string, found?: FoundDangerQuestion): Promise<void> {
    const read = found?.read ?? (await this.readInChat(personKey, conversationId).then((row) => row && { etag: row.etag, card: row.value.card }));
    if (!read) return;
    if (pressedCardId && read.card && read.card !== this.keyed(pressedCardId)) return;
    await this.store.delete('dangerQuestions', PARTITION, personKey, read.etag);
  }

  async forget(personKey: string): Promise<void> {
    await this.store.delete('dangerQuestions', PARTITION, personKey);
  }

  /** For the sweep: the rows of questions nobody answered, so none outlives its window by more than a sweep. */
  async deleteExpired(): Promise<number> {
    const now = this.clock.now().getTime();
    let deleted = 0;
    for (const row of await this.store.listPartition<StoredDangerQuestion>('dangerQuestions', PARTITION)) {
      if (row.value.openUntil > now) continue;
      await this.store.delete('dangerQuestions', PARTITION, row.rowKey, row.etag);
      deleted += 1;
    }
    return deleted;
  }

  private async readInChat(personKey: string, conversationId: string): Promise<StoredEntity<StoredDangerQuestion> | undefined> {
    const row = await this.store.get<StoredDangerQuestion>('dangerQuestions', PARTITION, personKey);
    return row?.value && row.value.chat === this.keyed(conversationId) ? row : undefined;
  }

  private keyed(id: string): string {
    return keyedDigest(this.chatKeySecret, id, 40);
  }
}
