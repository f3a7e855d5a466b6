import type { Activity } from 'botbuilder';
import { ConversationDirectory, type StoredConversation } from '../../src/bot/conversationDirectory';
import { SqliteEntityStore } from '../../src/storage/sqliteEntityStore';
import { messageActivity, teamsUser } from '../support/teamsActivities';
import { TestClock } from '../support/testClock';

/**
 * The chat address is written when it or the day changed, read from the store each turn: a "saved today" cache in the
 * process (before red team stop 34) kept the next message from writing it again after another instance forgot the person.
 */
describe('ConversationDirectory', () => {
  const serviceUrl = 'https://smba.trafficmanager.net/emea/';
  let store: SqliteEntityStore;
  let clock: TestClock;
  let directory: ConversationDirectory;

  beforeEach(() => {
    store = new SqliteEntityStore(':memory:');
    clock = new TestClock('2026-11-24T10:00:00Z');
    directory = new ConversationDirectory(store, clock);
  });
  afterEach(() => store.close());

  async function seenOn(personKey: string): Promise<string | undefined> {
    return (await store.get<StoredConversation>('conversations', 'person', personKey))?.value.seenOn;
  }

  it('keeps nothing of a person in memory: a row another instance deleted is written again by the next message', async () => {
    const person = teamsUser('Femke Mulder', 'nl-NL');
    const otherInstance = new ConversationDirectory(store, clock);
    await directory.remember('person-0', messageActivity(person, serviceUrl, 'hallo') as unknown as Activity);
    await otherInstance.forget('person-0');

    await directory.remember('person-0', messageActivity(person, serviceUrl, 'hallo') as unknown as Activity);
    expect((await directory.find('person-0'))?.conversation?.id).toBe(person.conversationId);
    expect(await seenOn('person-0')).toBe('2026-11-24');
  });

  it('saves again on a new day and at a new address, and not twice on the same day', async () => {
    const person = teamsUser('Joost van Dijk');
    const upserts: string[] = [];
    const upsert = store.upsert.bind(store);
    store.upsert = async (table, partitionKey, rowKey, value) => {
      upserts.push(table);
      return upsert(table, partitionKey, rowKey, value);
    };

    await directory.remember('person-1', messageActivity(person, serviceUrl, 'hello') as unknown as Activity);
    await directory.remember('person-1', messageActivity(person, serviceUrl, 'hello again') as unknown as Activity);
    expect(upserts).toHaveLength(1);

    // After a restart the local connector (or a moved Teams region) answers at another address.
    await directory.remember('person-1', messageActivity(person, 'https://smba.trafficmanager.net/amer/', 'hi') as unknown as Activity);
    expect(upserts).toHaveLength(2);
    expect((await directory.find('person-1'))?.serviceUrl).toBe('https://smba.trafficmanager.net/amer/');

    clock.advanceDays(1);
    await directory.remember('person-1', messageActivity(person, 'https://smba.trafficmanager.net/amer/', 'hi') as unknown as Activity);
    expect(upserts).toHaveLength(3);
    expect(await seenOn('person-1')).toBe('2026-11-25');
  });

  it('after "forget me" the next message saves the address again', async () => {
    const person = teamsUser('Sanne de Boer');
    await directory.remember('person-2', messageActivity(person, serviceUrl, 'hallo') as unknown as Activity);
    await directory.forget('person-2');
    expect(await directory.find('person-2')).toBeUndefined();

    await directory.remember('person-2', messageActivity(person, serviceUrl, 'hallo') as unknown as Activity);
    expect((await directory.find('person-2'))?.conversation?.id).toBe(person.conversationId);
  });
});
