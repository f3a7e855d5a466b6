import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DANGER_QUESTION_OPEN_MS, OpenDangerQuestions, type OpenDangerQuestion } from '../../src/bot/openDangerQuestions';
import type { EntityStore, StoredEntity, TableName } from '../../src/storage/entityStore';
import { loadContent } from '../../src/content/loadContent';
import { LOCALES } from '../../src/guidance/vocabulary';
import { SqliteEntityStore } from '../../src/storage/sqliteEntityStore';
import { CONTENT_DIR } from '../support/sampleCards';
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

it('closes the question a turn found by the etag it was read with, reading the row once; one asked since stays open', async () => {
  let reads = 0;
  const counting = new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'get') return Reflect.get(target, property, receiver);
      return <T>(table: TableName, partitionKey: string, rowKey: string) => {
        if (table === 'dangerQuestions') reads += 1;
        return target.get<T>(table, partitionKey, rowKey);
      };
    },
  });
  const questions = new OpenDangerQuestions(counting, clock, secret);
  await questions.remember('person-1', CHAT, olderQuestion, 'card-1');
  const found = await questions.find('person-1', CHAT);
  await questions.close('person-1', CHAT, undefined, found);
  expect(reads).toBe(1);
  expect(await questions.find('person-1', CHAT)).toBeUndefined();

  await questions.remember('person-1', CHAT, olderQuestion, 'card-2');
  const foundBefore = await questions.find('person-1', CHAT);
  await questions.remember('person-1', CHAT, newerQuestion, 'card-3');
  await questions.close('person-1', CHAT, undefined, foundBefore);
  expect(await questions.find('person-1', CHAT)).toMatchObject({ locale: 'nl' });
  // Pressed on another question card than the one found: the found one stays open, as with a fresh read.
  const foundNewer = await questions.find('person-1', CHAT);
  await questions.close('person-1', CHAT, 'card-2', foundNewer);
  expect(await questions.find('person-1', CHAT)).toMatchObject({ locale: 'nl' });
});

it('keeps no card id, only its keyed hash', async () => {
  const questions = new OpenDangerQuestions(store, clock, secret);
  await questions.remember('person-1', CHAT, olderQuestion, '1:card-id-from-teams');
  const [row] = await store.listPartition('dangerQuestions', 'person');
  expect(JSON.stringify(row!.value)).not.toContain('card-id-from-teams');
});

/** What the privacy card (`privacy.stored`) says of each field the row holds (review 2, stop 29 #4). */
const PRIVACY_CARD_NAMES: Record<string, Record<(typeof LOCALES)[number], string>> = {
  'flow.topic': { en: 'the topic', nl: 'het onderwerp' },
  'flow.perspective': { en: 'your side in it', nl: 'jouw kant ervan' },
  likelyTopics: { en: 'the topics it might be about', nl: 'de onderwerpen waar het over zou kunnen gaan' },
  locale: { en: 'the language you wrote in', nl: 'de taal waarin je schreef' },
  chat: { en: 'in this chat', nl: 'in deze chat' },
  card: { en: 'that I asked', nl: 'dat ik het in deze chat vroeg' },
  openUntil: { en: 'for ten minutes', nl: 'tien minuten lang' },
  ownChat: { en: 'whether it is your own chat with me', nl: 'of dat je eigen chat met mij is' },
};

it.each(LOCALES)('the privacy card names every label the row holds (%s)', async (locale) => {
  const questions = new OpenDangerQuestions(store, clock, secret);
  await questions.remember('person-1', CHAT, { flow: { topic: 'aggression', perspective: 'accused' }, likelyTopics: ['bullying'], locale: 'nl' }, 'card-1');
  const [row] = await store.listPartition<Record<string, unknown>>('dangerQuestions', 'person');
  const fields = Object.entries(row!.value).flatMap(([key, value]) =>
    key === 'flow' ? Object.keys(value as object).map((label) => `flow.${label}`) : [key],
  );
  const stored = loadContent(CONTENT_DIR).strings[locale]['privacy.stored']!;
  for (const field of fields) {
    const named = PRIVACY_CARD_NAMES[field]?.[locale];
    expect({ field, named: named !== undefined && stored.includes(named) }).toEqual({ field, named: true });
  }
});
