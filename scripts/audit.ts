import type { AuditLine } from '../src/audit/auditAccess';
import { AuditTrail, type AuditEntry } from '../src/audit/auditTrail';
import { loadConfig } from '../src/config/config';
import { CaseRepository } from '../src/handoff/caseRepository';
import { systemClock } from '../src/handoff/clock';
import { loadPersonKeys } from '../src/preferences/personKeys';
import { AuditLogStore } from '../src/storage/auditLogStore';
import { createEntityStore } from '../src/storage/createEntityStore';
import { runScriptMain } from './runScriptMain';

/**
 * `npm run --silent audit -- --case <code>` (or `--object-id <adviser's Entra object id>`, or
 * `--person-key <key>`): who read or changed a case, and when, as JSON. For the administrator
 * who answers the privacy officer; it needs the bot's storage settings and a role that may read
 * the tables, which no adviser has. Rows hold no case content.
 */

const USAGE = 'Usage: npm run --silent audit -- --case <case code> | --object-id <adviser object id> | --person-key <key>';

export type AuditQuery =
  | { readonly outcome: 'case'; readonly caseCode: string }
  | { readonly outcome: 'adviser'; readonly objectId: string }
  | { readonly outcome: 'personKey'; readonly personKey: string }
  | { readonly outcome: 'invalid' };

export function parseAuditArguments(argv: readonly string[]): AuditQuery {
  const [flag, value, ...rest] = argv;
  if (rest.length > 0 || !value) return { outcome: 'invalid' };
  if (flag === '--case' && /^[A-Za-z]{2}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/.test(value)) return { outcome: 'case', caseCode: value.toUpperCase() };
  if (flag === '--object-id' && /^[0-9a-fA-F-]{36}$/.test(value)) return { outcome: 'adviser', objectId: value };
  if (flag === '--person-key' && /^[0-9a-f]{40}$/.test(value)) return { outcome: 'personKey', personKey: value };
  return { outcome: 'invalid' };
}

/** An entry as the administrator reads it: the case code where the case still exists (or was asked for), else only its key. */
export type { AuditLine };

async function main(): Promise<number> {
  const query = parseAuditArguments(process.argv.slice(2));
  if (query.outcome === 'invalid') {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  const keys = loadPersonKeys(config.personKeys);
  const store = await createEntityStore(config.storage);
  try {
    const log = new AuditLogStore(store);
    const trail = new AuditTrail(log, systemClock, keys, config.retention.auditDays);
    const entries: AuditEntry[] =
      query.outcome === 'case'
        ? await trail.forCase(query.caseCode)
        : query.outcome === 'adviser'
          ? await trail.forAdviser(query.objectId)
          : await log.list({ actor: query.personKey });
    // A purged case's rows keep only its key: the code the requester holds finds them (--case), nothing else does.
    const codes = new Map((await new CaseRepository(store).listAll()).map((handoffCase) => [keys.caseKeyFor(handoffCase.code), handoffCase.code]));
    if (query.outcome === 'case') codes.set(keys.caseKeyFor(query.caseCode), query.caseCode);
    const lines: AuditLine[] = entries.map((entry) => ({ caseCode: codes.get(entry.caseKey) ?? null, ...entry }));
    console.log(JSON.stringify(lines, null, 2));
    return 0;
  } finally {
    await store.close();
  }
}

if (require.main === module) {
  runScriptMain(main, 'The audit query failed');
}
