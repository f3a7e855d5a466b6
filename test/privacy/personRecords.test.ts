import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { ConversationDirectory } from '../../src/bot/conversationDirectory';
import { OpenDangerQuestions } from '../../src/bot/openDangerQuestions';
import { PersonRecords, PERSON_TABLES } from '../../src/preferences/personRecords';
import { PreferencesRepository } from '../../src/preferences/preferences';
import { EntityReminderStore } from '../../src/reminders/reminderStore';
import { exportPerson } from '../../src/storage/personExport';
import { SqliteEntityStore } from '../../src/storage/sqliteEntityStore';
import { TestClock } from '../support/testClock';

/**
 * One list of what is filed under a person key: forget me and the inactivity expiry delete every
 * row on it through the row's own repository, and the access-request export reads the same list.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bystander-person-records-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const personalChat = (conversationId: string) =>
  ({
    type: 'message',
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    conversation: { id: conversationId, conversationType: 'personal', tenantId: 'tenant' },
    recipient: { id: '28:bot', name: 'Bot' },
    from: { id: '29:person', name: 'Person' },
  }) as unknown as Activity;

it('deletes every row filed under the key, leaves other people\'s, and the export reads the same tables', async () => {
  const store = new SqliteEntityStore(path.join(dataDir, 'records.sqlite'));
  try {
    const clock = new TestClock('2026-11-24T10:00:00Z');
    const preferences = new PreferencesRepository(store);
    const conversations = new ConversationDirectory(store, clock);
    const reminders = new EntityReminderStore(store);
    const dangerQuestions = new OpenDangerQuestions(store, clock, Buffer.alloc(32, 7));
    const records = new PersonRecords(store, {
      preferences: (personKey) => preferences.delete(personKey),
      conversationReference: (personKey) => conversations.forget(personKey),
      checkInReminder: (personKey) => reminders.remove(personKey),
      openDangerQuestion: (personKey) => dangerQuestions.forget(personKey),
    });
    for (const personKey of ['ana', 'bo']) {
      await preferences.update(personKey, { locale: 'nl' });
      await conversations.remember(personKey, personalChat(`a:${personKey}`));
      await reminders.save({ personKey, topic: 'bullying', locale: 'nl', dueAt: '2026-11-25T08:00:00Z', timeZone: 'Europe/Amsterdam', setAt: '2026-11-24T10:00:00Z' });
      await dangerQuestions.remember(personKey, `a:${personKey}`, { flow: { topic: 'aggression' }, locale: 'nl' });
    }
    expect((await records.tablesHolding('ana')).sort()).toEqual(Object.values(PERSON_TABLES).sort());
    const exported = await exportPerson(store, 'ana', { keyFor: (userId) => userId, adviserKeyOf: (personKey) => `adviser-${personKey}` });
    for (const name of Object.keys(PERSON_TABLES)) expect(exported).toHaveProperty(name, expect.anything());

    await records.forget('ana');
    expect(await records.tablesHolding('ana')).toEqual([]);
    expect((await records.tablesHolding('bo')).sort()).toEqual(Object.values(PERSON_TABLES).sort());

    // Through the directory, not past it: writing again the same day stores the chat address again.
    await conversations.remember('ana', personalChat('a:ana'));
    expect(await records.tablesHolding('ana')).toEqual([PERSON_TABLES.conversationReference]);
  } finally {
    await store.close();
  }
});
