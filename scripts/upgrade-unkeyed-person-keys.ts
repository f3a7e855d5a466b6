import { createHash, createHmac } from 'node:crypto';
import type { ConversationReference } from 'botbuilder';
import { proactiveAddress, type StoredConversation } from '../src/bot/conversationDirectory';
import { advisorCardsPartition, CaseRepository } from '../src/handoff/caseRepository';
import { isOpen } from '../src/handoff/handoffCase';
import type { PersonKeys } from '../src/preferences/personKeys';
import type { Preferences } from '../src/preferences/preferences';
import type { EntityStore } from '../src/storage/entityStore';
import { withAdministratorStore } from './administratorStore';
import { runScriptMain } from './runScriptMain';

/**
 * `npm run --silent upgrade:unkeyed-person-keys` (add `-- --apply` to change anything), once, with every instance of
 * the bot stopped, on the store and with the PERSON_KEY_SECRET the new version uses: the upgrade from a version before
 * 6 December 2026 (6b290d5), whose person keys were a plain sha256("person:" + object id). Whoever reads the tables and
 * holds a list of the organisation's object ids can hash that list and find whose those rows are, an anonymous
 * requester's case included. docs/SECURITY.md ("Upgrading from unkeyed person keys") says when to run it and what it
 * costs.
 *
 * The key alone cannot tell: both schemes give 40 hex characters. What the earlier version stored beside them can:
 * its chat addresses kept the person's ids (today's keep none), and a named case keeps the requester's object id. A key
 * that is the plain hash of such an id is the earlier version's, and that person's rows (preferences, chat address,
 * cases) move to their keyed key: nothing of theirs is lost. A requester key with neither (an anonymous case whose
 * chat address is gone, for instance emptied by the upgrade steps documented before) is the earlier version's too: this
 * version always holds a requester's chat address while they use the bot, and keeps it while their request is open.
 * Such a case is filed under a keyed hash of the old key (HMAC under a key drawn from the secret): it stays with its
 * adviser, no list of ids reaches it, and it is no longer recognised as that person's. A preference row with neither is
 * an earlier version's, or this version's of someone who used the bot only in a team channel (no chat address): it is
 * deleted only with `--before-first-start`, the operator's word that this version has not run on the store yet.
 */

const PERSON = 'person';
const UNKEYED_KEY = /^[0-9a-f]{40}$/;

export interface UnkeyedPersonKeyUpgrade {
  /** People named by an id stored beside their plain-hash key: moved to their keyed key, whole. */
  readonly peopleMoved: number;
  readonly casesMoved: number;
  /**
   * Open requests moved beside an open request of the same kind the person sent under their keyed key: the new version
   * ran before this step and did not know the earlier request, so they asked again. Both stay open and theirs (status
   * lists both, each can be cancelled); their advisers do not know the two are one person's.
   */
  readonly openCasesDoubled: number;
  /** Cases whose requester could not be named from storage: filed under a keyed hash of the old key, no longer theirs. */
  readonly casesUnlinked: number;
  /**
   * Anonymous cases of the earlier version (moved or unlinked): their case id is sha256(plain key + ":" + the confirming
   * activity's id), and the step leaves it (it is on the advisers' posted cards, jobs and audit rows). Teams' ids of
   * messages in a personal chat are millisecond times just before the case's `createdAt`, so someone who reads the
   * tables and holds the object ids can test each id against them; docs/SECURITY.md says what that costs.
   */
  readonly anonymousCasesWithEarlierIds: number;
  readonly openCasesUnlinked: number;
  /** Preference rows under a key no stored id or chat address places: the earlier version's, or of someone who used the bot only in a channel. */
  readonly preferencesUnplaced: number;
  /** Those deleted: only when the new version has not run on this store yet, so that every one is the earlier version's. */
  readonly preferencesDeleted: number;
  readonly applied: boolean;
}

export function unkeyedPersonKey(userId: string): string {
  return createHash('sha256').update(`person:${userId}`).digest('hex').slice(0, 40);
}

export interface UpgradeOptions {
  readonly apply: boolean;
  /** The operator's word that no instance of this version has run on the store yet. */
  readonly beforeFirstStart?: boolean;
}

export async function upgradeUnkeyedPersonKeys(store: EntityStore, keys: PersonKeys, { apply, beforeFirstStart = false }: UpgradeOptions): Promise<UnkeyedPersonKeyUpgrade> {
  const cases = new CaseRepository(store);
  const unlinking = keys.derivedKey('unkeyed-person-keys');
  const unlinkedKeyFor = (oldKey: string) => createHmac('sha256', unlinking).update(`unlinked:${oldKey}`).digest('hex').slice(0, 40);

  // Old key → the object id it is the plain hash of, from what the earlier version kept beside it.
  const named = new Map<string, string>();
  const addresses = await store.listPartition<StoredConversation>('conversations', PERSON);
  const withAddress = new Set(addresses.map((row) => row.rowKey));
  for (const row of addresses) {
    const id = [row.value.user?.aadObjectId, row.value.user?.id].find((candidate) => candidate && unkeyedPersonKey(candidate) === row.rowKey);
    if (id) named.set(row.rowKey, id);
  }
  const allCases = await cases.listAll();
  for (const handoffCase of allCases) {
    const { personKey, userId } = handoffCase.requester;
    if (userId && unkeyedPersonKey(userId) === personKey) named.set(personKey, userId);
  }
  // What this version filed under each keyed key before the upgrade: an open request there makes a moved one a second.
  const openKindsUnder = (personKey: string) => new Set(allCases.filter((found) => found.requester.personKey === personKey && isOpen(found)).map((found) => found.kind));
  const openCasesDoubled = [...named].reduce((count, [oldKey, userId]) => {
    const openThere = openKindsUnder(keys.keyFor(userId));
    return count + allCases.filter((found) => found.requester.personKey === oldKey && isOpen(found) && openThere.has(found.kind)).length;
  }, 0);
  const unplacedCases = allCases.filter(({ requester }) => !named.has(requester.personKey) && !withAddress.has(requester.personKey));
  const preferences = await store.listPartition('preferences', PERSON);
  const unplacedPreferences = preferences.filter((row) => !named.has(row.rowKey) && !withAddress.has(row.rowKey) && UNKEYED_KEY.test(row.rowKey));
  const report = {
    peopleMoved: named.size,
    casesMoved: allCases.filter(({ requester }) => named.has(requester.personKey)).length,
    openCasesDoubled,
    casesUnlinked: unplacedCases.length,
    anonymousCasesWithEarlierIds: allCases.filter((found) => found.mode === 'anonymous' && (named.has(found.requester.personKey) || unplacedCases.includes(found))).length,
    openCasesUnlinked: unplacedCases.filter(isOpen).length,
    preferencesUnplaced: unplacedPreferences.length,
    preferencesDeleted: apply && beforeFirstStart ? unplacedPreferences.length : 0,
    applied: apply,
  };
  if (!apply) return report;

  for (const [oldKey, userId] of named) {
    const newKey = keys.keyFor(userId);
    const address = addresses.find((row) => row.rowKey === oldKey);
    // A chat address this version saved since is newer than the earlier version's; either way the ids stay out.
    if (address && !(await store.get('conversations', PERSON, newKey))) {
      const { seenOn } = address.value;
      await store.upsert<StoredConversation>('conversations', PERSON, newKey, { ...proactiveAddress(address.value as Partial<ConversationReference>), ...(seenOn ? { seenOn } : {}) });
    }
    await store.delete('conversations', PERSON, oldKey);
    const preference = await store.get<Preferences>('preferences', PERSON, oldKey);
    // Field by field, what this version wrote since wins: a language or role chosen on the earlier version stays when the
    // person has only written since (the language of their last message), not chosen again.
    const since = await store.get<Preferences>('preferences', PERSON, newKey);
    if (preference) await store.upsert<Preferences>('preferences', PERSON, newKey, { ...preference.value, ...since?.value });
    await store.delete('preferences', PERSON, oldKey);
    for (const handoffCase of allCases.filter(({ requester }) => requester.personKey === oldKey)) await cases.refileRequester(handoffCase.id, oldKey, newKey);
  }
  for (const handoffCase of unplacedCases) {
    const oldKey = handoffCase.requester.personKey;
    await cases.refileRequester(handoffCase.id, oldKey, unlinkedKeyFor(oldKey));
  }
  if (beforeFirstStart) for (const row of unplacedPreferences) await store.delete('preferences', PERSON, row.rowKey);
  // The earlier version filed the record of each card posted to an adviser under the adviser's plain-hash key; this
  // version files it under their adviser key (its own upgrade, src/preferences/adviserKeyUpgrade.ts, moves keyed ones).
  for (const handoffCase of allCases) {
    for (const record of await store.listPartition<{ userId?: string }>('conversations', advisorCardsPartition(handoffCase.id))) {
      const { userId } = record.value;
      if (userId && record.rowKey === unkeyedPersonKey(userId)) await cases.refilePostedAdvisorCard(handoffCase.id, record.rowKey, keys.adviserKeyFor(userId), record.value);
    }
  }
  // SQLite: the old keys out of free pages and the write-ahead log too.
  await store.eraseDeletedResidue();
  return report;
}

const USAGE = 'Usage: npm run --silent upgrade:unkeyed-person-keys [-- --apply [--before-first-start]]   (every instance of the bot stopped)';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const apply = args.includes('--apply');
  const beforeFirstStart = args.includes('--before-first-start');
  if (args.some((arg) => arg !== '--apply' && arg !== '--before-first-start') || new Set(args).size !== args.length || (beforeFirstStart && !apply)) {
    console.error(USAGE);
    return 2;
  }
  return withAdministratorStore(async ({ keys, store }) => {
    const report = await upgradeUnkeyedPersonKeys(store, keys, { apply, beforeFirstStart });
    console.log(JSON.stringify(report, null, 2));
    if (!apply) console.log('Nothing was changed: run again with -- --apply to do this.');
    return 0;
  });
}

if (require.main === module) {
  runScriptMain(main, 'The upgrade of unkeyed person keys failed');
}
