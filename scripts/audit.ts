import { withCaseCodes } from '../src/audit/auditAccess';
import { AuditTrail, type AuditEntry } from '../src/audit/auditTrail';
import { CaseRepository } from '../src/handoff/caseRepository';
import { systemClock } from '../src/handoff/clock';
import { AuditLogStore } from '../src/storage/auditLogStore';
import { asTeamsSendsIt, OBJECT_ID_ARGUMENT, PERSON_KEY_ARGUMENT, withAdministratorStore } from './administratorStore';
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
  if (flag === '--object-id' && OBJECT_ID_ARGUMENT.test(value)) return { outcome: 'adviser', objectId: asTeamsSendsIt(value) };
  if (flag === '--person-key' && PERSON_KEY_ARGUMENT.test(value)) return { outcome: 'personKey', personKey: value };
  return { outcome: 'invalid' };
}

async function main(): Promise<number> {
  const query = parseAuditArguments(process.argv.slice(2));
  if (query.outcome === 'invalid') {
    console.error(USAGE);
    return 2;
  }
  return withAdministratorStore(async ({ config, keys, store }) => {
    const log = new AuditLogStore(store);
    const trail = new AuditTrail(log, systemClock, keys, config.retention.auditDays);
    const entries: AuditEntry[] =
      query.outcome === 'case'
        ? await trail.forCase(query.caseCode)
        : query.outcome === 'adviser'
          ? await trail.forAdviser(query.objectId)
          : await trail.forPersonKey(query.personKey);
    const askedFor = query.outcome === 'case' ? [query.caseCode] : [];
    const lines = await withCaseCodes(entries, new CaseRepository(store), (code) => keys.caseKeyFor(code), askedFor);
    console.log(JSON.stringify(lines, null, 2));
    return 0;
  });
}

if (require.main === module) {
  runScriptMain(main, 'The audit query failed');
}
