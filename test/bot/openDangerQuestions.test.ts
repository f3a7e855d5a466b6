import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DANGER_QUESTION_OPEN_MS, OpenDangerQuestions, type OpenDangerQuestion } from '../../src/bot/openDangerQuestions';
import type { EntityStore, StoredEntity, TableName } from '../../src/storage/entityStore';
import { SqliteEntityStore } from '../../src/storage/sqliteEntityStore';
import { TestClock } from '../support/testClock';

/**
 * The open danger question is deleted only as the version that was read (review 2, stop 29 #6): a
 * question asked in between, on another instance or from a newer card, stays open.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bystander-danger-questions-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const CHAT = 'a:personal-chat';
const olderQuestion: OpenDangerQuestion = { flow: {}, locale: 'en' };
const newerQuestion: OpenDangerQuestion = { flow: { topic: 'aggression' }, locale: 'nl' };

/** Runs `between` right after the next read of a danger question, as a second instance writing at that moment would. */
function writingAfterNextRead(store: EntityStore, between: () => Promise<void>): EntityStore {
  let pending: (() => Promise<void>) | undefined = between;
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'get') return Reflect.get(target, property, receiver);
      return async <T>(table: TableName, partitionKey: string, rowKey: string): Promise<StoredEntity<T> | undefined> => {
        const read = await target.get<T>(table, partitionKey, rowKey);
        const run = pending;
        pending = undefined;
        if (run && table === 'dangerQuestions') await run();
        return read;
      };
    },
  });
}

let store: SqliteEntityStore;
let clock: TestClock;
const secret = Buffer.alloc(32, 3);
beforeEach(() => {
  store = new SqliteEntityStore(path.join(dataDir, `${Math.random().toString(36).slice(2)}.sqlite`));
  clock = new TestClock('2026-11-24T10:00:00Z');
});
afterEach(() => store.close());

it('on expiry, deletes only the expired question: one asked meanwhile stays open', async () => {
  const direct = new OpenDangerQuestions(store, clock, secret);
  await direct.remember('person-1', CHAT, olderQuestion, 'card-1');
  clock.advanceMinutes(DANGER_QUESTION_OPEN_MS / 60_000);
  const racing = new OpenDangerQuestions(writingAfterNextRead(store, () => direct.remember('person-1', CHAT, newerQuestion, 'card-2')), clock, secret);

  expect(await racing.find('person-1', CHAT)).toBeUndefined();
  expect(await direct.find('person-1', CHAT)).toMatchObject({ flow: { topic: 'aggression' }, locale: 'nl' });
});

it('on close, deletes only the question it read: one asked meanwhile stays open', async () => {
  const direct = new OpenDangerQuestions(store, clock, secret);
  await direct.remember('person-1', CHAT, olderQuestion, 'card-1');
  const racing = new OpenDangerQuestions(writingAfterNextRead(store, () => direct.remember('person-1', CHAT, newerQuestion, 'card-2')), clock, secret);

  await racing.close('person-1', CHAT);
  expect(await direct.find('person-1', CHAT)).toMatchObject({ locale: 'nl' });
});

it('a button on an earlier question card leaves the newer question open; its own card, or a typed answer, closes it', async () => {
  const questions = new OpenDangerQuestions(store, clock, secret);
  await questions.remember('person-1', CHAT, olderQuestion, 'card-1');
  await questions.remember('person-1', CHAT, newerQuestion, 'card-2');

  await questions.close('person-1', CHAT, 'card-1');
  expect(await questions.find('person-1', CHAT)).toMatchObject({ locale: 'nl' });
  await questions.close('person-1', CHAT, 'card-2');
  expect(await questions.find('person-1', CHAT)).toBeUndefined();

  await questions.remember('person-1', CHAT, newerQuestion, 'card-3');
  await questions.close('person-1', CHAT);
  expect(await questions.find('person-1', CHAT)).toBeUndefined();
});

it('keeps no card id, only its keyed hash', async () => {
  const questions = new OpenDangerQuestions(store, clock, secret);
  await questions.remember('person-1', CHAT, olderQuestion, '1:card-id-from-teams');
  const [row] = await store.listPartition('dangerQuestions', 'person');
  expect(JSON.stringify(row!.value)).not.toContain('card-id-from-teams');
});
