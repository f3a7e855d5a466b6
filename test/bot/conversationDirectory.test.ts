import type { Activity } from 'botbuilder';
import { ConversationDirectory, type StoredConversation } from '../../src/bot/conversationDirectory';
import { SqliteEntityStore } from '../../src/storage/sqliteEntityStore';
import { messageActivity, teamsUser } from '../support/teamsActivities';
import { TestClock } from '../support/testClock';

/**
 * Finding 2 of the stop-28 review: the "saved today" cache kept one entry per person and day, so a
 * process running for months grew by every active person every day. It holds one entry per person.
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

  it('keeps one cache entry per person however many days the process runs', async () => {
    const people = [teamsUser('Femke Mulder', 'nl-NL'), teamsUser('Joost van Dijk'), teamsUser('Sanne de Boer')];
    for (let day = 0; day < 400; day += 1) {
      for (const [index, person] of people.entries()) {
        await directory.remember(`person-${index}`, messageActivity(person, serviceUrl, 'hallo') as unknown as Activity);
      }
      clock.advanceDays(1);
    }
    expect(directory.peopleSavedThisProcess).toBe(people.length);
    expect(await seenOn('person-0')).toBe('2027-12-28');
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
    expect(directory.peopleSavedThisProcess).toBe(1);
  });

  it('after "forget me" the next message saves the address again', async () => {
    const person = teamsUser('Sanne de Boer');
    await directory.remember('person-2', messageActivity(person, serviceUrl, 'hallo') as unknown as Activity);
    await directory.forget('person-2');
    expect(await directory.find('person-2')).toBeUndefined();
    expect(directory.peopleSavedThisProcess).toBe(0);

    await directory.remember('person-2', messageActivity(person, serviceUrl, 'hallo') as unknown as Activity);
    expect((await directory.find('person-2'))?.conversation?.id).toBe(person.conversationId);
  });
});
