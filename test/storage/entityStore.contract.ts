import type { EntityStore, ReplaceOutcome } from '../../src/storage/entityStore';

export interface StoreUnderTest {
  readonly store: EntityStore;
  cleanup(): Promise<void>;
}

interface Counter {
  count: number;
}

/**
 * The behaviour every EntityStore must share, so the bot acts the same on SQLite and on
 * Azure Tables. Each test gets a fresh, empty store.
 */
export function describeEntityStoreContract(name: string, createStore: () => Promise<StoreUnderTest>): void {
  describe(`${name} (EntityStore contract)`, () => {
    let store: EntityStore;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, cleanup } = await createStore());
    });

    afterEach(async () => {
      await cleanup();
    });

    it('answers undefined for an entity that was never stored', async () => {
      expect(await store.get('preferences', 'user-1', 'language')).toBeUndefined();
    });

    it('round-trips a nested JSON value exactly', async () => {
      const value = {
        name: 'Zoë Ångström 😀 患者',
        template: '${user.name} said ${x}',
        quotes: `it's "quoted" \\ back\\slashed`,
        lines: 'first\nsecond\ttabbed',
        nested: { list: [1, 2.5, -3, null, true, false, { deep: ['a', ''] }], empty: {} },
        count: 0,
      };
      expect(await store.insert('cases', 'case-1', 'details', value)).toBe('inserted');

      const stored = await store.get<typeof value>('cases', 'case-1', 'details');

      expect(stored).toEqual({ partitionKey: 'case-1', rowKey: 'details', etag: expect.any(String), value });
    });

    it('refuses a second insert on the same key and keeps the first value', async () => {
      await store.insert('conversations', 'tenant', 'conv-1', { version: 'first' });

      expect(await store.insert('conversations', 'tenant', 'conv-1', { version: 'second' })).toBe('alreadyExists');
      expect((await store.get('conversations', 'tenant', 'conv-1'))?.value).toEqual({ version: 'first' });
    });

    it('deletes with an etag only the version read: a newer value stays, a wildcard or unknown etag deletes nothing', async () => {
      await store.insert('dangerQuestions', 'person', 'key-1', { asked: 1 });
      const first = (await store.get('dangerQuestions', 'person', 'key-1'))!.etag;
      await store.upsert('dangerQuestions', 'person', 'key-1', { asked: 2 });

      await store.delete('dangerQuestions', 'person', 'key-1', first);
      expect((await store.get('dangerQuestions', 'person', 'key-1'))?.value).toEqual({ asked: 2 });
      await store.delete('dangerQuestions', 'person', 'key-1', '*');
      await store.delete('dangerQuestions', 'person', 'key-1', 'W/"never-handed-out"');
      expect((await store.get('dangerQuestions', 'person', 'key-1'))?.value).toEqual({ asked: 2 });

      await store.delete('dangerQuestions', 'person', 'key-1', (await store.get('dangerQuestions', 'person', 'key-1'))!.etag);
      expect(await store.get('dangerQuestions', 'person', 'key-1')).toBeUndefined();
      await expect(store.delete('dangerQuestions', 'person', 'key-1', first)).resolves.toBeUndefined();
    });

    it('replaces with the current etag and hands out a new etag', async () => {
      await store.insert('cases', 'case-1', 'status', { state: 'open' });
      const before = await store.get('cases', 'case-1', 'status');

      expect(await store.replace('cases', 'case-1', 'status', { state: 'claimed' }, before!.etag)).toBe('replaced');

      const after = await store.get('cases', 'case-1', 'status');
      expect(after?.value).toEqual({ state: 'claimed' });
      expect(after?.etag).not.toBe(before!.etag);
    });

    it('refuses a replace with a stale etag and keeps the value', async () => {
      await store.insert('cases', 'case-1', 'status', { state: 'open' });
      const stale = (await store.get('cases', 'case-1', 'status'))!.etag;
      await store.replace('cases', 'case-1', 'status', { state: 'claimed' }, stale);

      expect(await store.replace('cases', 'case-1', 'status', { state: 'closed' }, stale)).toBe('conflict');
      expect((await store.get('cases', 'case-1', 'status'))?.value).toEqual({ state: 'claimed' });
    });

    it('refuses a replace with an etag it never handed out, including a wildcard', async () => {
      await store.insert('cases', 'case-1', 'status', { state: 'open' });

      for (const etag of ['*', '', 'not-an-etag']) {
        expect(await store.replace('cases', 'case-1', 'status', { state: 'closed' }, etag)).toBe('conflict');
      }
      expect((await store.get('cases', 'case-1', 'status'))?.value).toEqual({ state: 'open' });
    });

    it('reports a replace of an entity that does not exist as missing, without creating it', async () => {
      await store.insert('cases', 'case-1', 'status', { state: 'open' });
      const etag = (await store.get('cases', 'case-1', 'status'))!.etag;

      expect(await store.replace('cases', 'case-2', 'status', { state: 'open' }, etag)).toBe('missing');
      expect(await store.get('cases', 'case-2', 'status')).toBeUndefined();
    });

    it('upserts: creates when absent, overwrites when present', async () => {
      await store.upsert('preferences', 'user-1', 'language', { code: 'nl' });
      const created = await store.get('preferences', 'user-1', 'language');
      expect(created?.value).toEqual({ code: 'nl' });

      await store.upsert('preferences', 'user-1', 'language', { code: 'en' });

      const overwritten = await store.get('preferences', 'user-1', 'language');
      expect(overwritten?.value).toEqual({ code: 'en' });
      expect(overwritten?.etag).not.toBe(created?.etag);
    });

    it('deletes an entity, and deleting a missing one is not an error', async () => {
      await store.insert('outbox', 'pending', 'message-1', { text: 'hello' });

      await store.delete('outbox', 'pending', 'message-1');
      expect(await store.get('outbox', 'pending', 'message-1')).toBeUndefined();

      await expect(store.delete('outbox', 'pending', 'message-1')).resolves.toBeUndefined();
      await expect(store.delete('outbox', 'never-used', 'nothing')).resolves.toBeUndefined();
    });

    it('lists only the asked partition, in row key order', async () => {
      // Expected order is by code point (UTF-8 bytes), as SQLite's ORDER BY sorts:
      // '\uFF61' comes before the emoji here, although UTF-16 code units would sort it after.
      const rowKeys = ['b', 'a', 'B', '10', '9', 'é', '😀', '\uFF61', 'a b'];
      for (const rowKey of rowKeys) await store.insert('activities', 'day-1', rowKey, { rowKey });
      await store.insert('activities', 'day-2', 'a', { rowKey: 'other partition' });
      await store.insert('activities', 'day-', 'a', { rowKey: 'prefix partition' });
      await store.insert('insights', 'day-1', 'a', { rowKey: 'other table' });

      const listed = await store.listPartition<{ rowKey: string }>('activities', 'day-1');

      expect(listed.map((entity) => entity.rowKey)).toEqual(['10', '9', 'B', 'a', 'a b', 'b', 'é', '\uFF61', '😀']);
      expect(listed.every((entity) => entity.partitionKey === 'day-1' && entity.value.rowKey === entity.rowKey)).toBe(true);
      expect(listed.every((entity) => typeof entity.etag === 'string' && entity.etag.length > 0)).toBe(true);
    });

    it('lists an empty partition as an empty array', async () => {
      expect(await store.listPartition('activities', 'nobody')).toEqual([]);
    });

    it('hands out etags from listPartition that replace accepts', async () => {
      await store.insert('outbox', 'pending', 'message-1', { attempts: 0 });
      const [listed] = await store.listPartition<{ attempts: number }>('outbox', 'pending');

      expect(await store.replace('outbox', 'pending', 'message-1', { attempts: 1 }, listed!.etag)).toBe('replaced');
    });

    it.each([
      ['a slash', 'tenant/7', 'row/1'],
      ['a backslash', 'tenant\\7', 'row\\1'],
      ['a hash and a question mark', '#channel?', 'row#1?x=y'],
      ['spaces', ' leading and trailing ', 'a  b'],
      ['unicode', 'ärztin-Ωμέγα', '患者-😀'],
      ['quotes', "o'brien", 'say "hi"'],
      ['percent and dollar signs', '100%', '$24 and %24'],
      ['control characters', 'tab\there', 'line\nbreak\u0001'],
    ])('accepts keys with %s', async (_description, partitionKey, rowKey) => {
      expect(await store.insert('conversations', partitionKey, rowKey, { ok: true })).toBe('inserted');

      const stored = await store.get('conversations', partitionKey, rowKey);
      expect(stored).toMatchObject({ partitionKey, rowKey, value: { ok: true } });
      expect(await store.replace('conversations', partitionKey, rowKey, { ok: 'again' }, stored!.etag)).toBe('replaced');
      expect(await store.listPartition('conversations', partitionKey)).toEqual([
        { partitionKey, rowKey, etag: expect.any(String), value: { ok: 'again' } },
      ]);

      await store.delete('conversations', partitionKey, rowKey);
      expect(await store.get('conversations', partitionKey, rowKey)).toBeUndefined();
    });

    it('keeps keys that look like an escaped form of each other apart', async () => {
      const lookalikes = ['a/b', 'a$2Fb', 'a%2Fb', 'a$b', 'a%b'];
      for (const rowKey of lookalikes) await store.insert('conversations', 'p', rowKey, { rowKey });

      for (const rowKey of lookalikes) {
        expect((await store.get('conversations', 'p', rowKey))?.value).toEqual({ rowKey });
      }
      expect((await store.listPartition('conversations', 'p')).length).toBe(lookalikes.length);
    });

    it('keeps tables independent', async () => {
      await store.insert('preferences', 'same', 'key', { table: 'preferences' });
      await store.insert('insights', 'same', 'key', { table: 'insights' });

      await store.delete('insights', 'same', 'key');

      expect((await store.get('preferences', 'same', 'key'))?.value).toEqual({ table: 'preferences' });
      expect(await store.get('insights', 'same', 'key')).toBeUndefined();
    });

    it('loses no update when 20 writers read-modify-replace one entity at once', async () => {
      await store.insert<Counter>('insights', 'counters', 'handoffs', { count: 0 });
      let conflicts = 0;

      const incrementUntilItSticks = async (): Promise<void> => {
        for (;;) {
          const current = await store.get<Counter>('insights', 'counters', 'handoffs');
          const outcome: ReplaceOutcome = await store.replace<Counter>(
            'insights',
            'counters',
            'handoffs',
            { count: current!.value.count + 1 },
            current!.etag,
          );
          if (outcome === 'replaced') return;
          expect(outcome).toBe('conflict');
          conflicts++;
        }
      };
      await Promise.all(Array.from({ length: 20 }, incrementUntilItSticks));

      expect((await store.get<Counter>('insights', 'counters', 'handoffs'))?.value.count).toBe(20);
      // Without any conflict the test would not have proved the etag check.
      expect(conflicts).toBeGreaterThan(0);
    });

    it('lets exactly one of 10 simultaneous inserts on one key win', async () => {
      const outcomes = await Promise.all(
        Array.from({ length: 10 }, (_, writer) => store.insert('cases', 'case-1', 'claim', { writer })),
      );

      expect(outcomes.filter((outcome) => outcome === 'inserted')).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome === 'alreadyExists')).toHaveLength(9);
      const winner = outcomes.indexOf('inserted');
      expect((await store.get('cases', 'case-1', 'claim'))?.value).toEqual({ writer: winner });
    });

    it('answers ping when reachable', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
