import { AuditTrail } from '../src/audit/auditTrail';
import { systemClock } from '../src/handoff/clock';
import type { PersonKeys } from '../src/preferences/personKeys';
import { AuditLogStore } from '../src/storage/auditLogStore';
import { exportPerson } from '../src/storage/personExport';
import { asTeamsSendsIt, OBJECT_ID_ARGUMENT, PERSON_KEY_ARGUMENT, withAdministratorStore } from './administratorStore';
import { runScriptMain } from './runScriptMain';

/**
 * `npm run export-person -- --object-id <Entra object id>` (or `--person-key <key>`): prints, as
 * JSON, everything the configured store holds for one person, for an access request. The
 * output holds personal data: write it to a protected place, never to a log.
 */

const USAGE = 'Usage: npm run --silent export-person -- --object-id <Entra object id> | --person-key <key>';

/** Person keys are keyed hashes: an object id becomes one with the bot's own secret (PERSON_KEY_SECRET or the data directory's). */
export function parseExportArguments(
  argv: readonly string[],
): { outcome: 'ok'; personKeyWith: (keys: PersonKeys) => string } | { outcome: 'invalid' } {
  const [flag, value, ...rest] = argv;
  if (rest.length > 0 || !value) return { outcome: 'invalid' };
  if (flag === '--object-id' && OBJECT_ID_ARGUMENT.test(value)) return { outcome: 'ok', personKeyWith: (keys) => keys.keyFor(asTeamsSendsIt(value)) };
  if (flag === '--person-key' && PERSON_KEY_ARGUMENT.test(value)) return { outcome: 'ok', personKeyWith: () => value };
  return { outcome: 'invalid' };
}

async function main(): Promise<number> {
  const parsed = parseExportArguments(process.argv.slice(2));
  if (parsed.outcome === 'invalid') {
    console.error(USAGE);
    return 2;
  }
  return withAdministratorStore(async ({ config, keys, store }) => {
    const exported = await exportPerson(store, parsed.personKeyWith(keys), keys);
    // An export is a read of every case in it, by an administrator: the audit trail says so.
    const audit = new AuditTrail(new AuditLogStore(store), systemClock, keys, config.retention.auditDays);
    for (const handoffCase of [...exported.requests, ...exported.casesAsAdviser]) await audit.recordAdministrator(handoffCase.code, 'exported');
    console.log(JSON.stringify(exported, null, 2));
    return 0;
  });
}

if (require.main === module) {
  runScriptMain(main, 'The export failed');
}
