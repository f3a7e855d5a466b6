import { loadConfig } from '../src/config/config';
import { personKey } from '../src/preferences/preferences';
import { createEntityStore } from '../src/storage/createEntityStore';
import { exportPerson } from '../src/storage/personExport';

/**
 * `npm run export-person -- --object-id <Entra object id>` (or `--person-key <key>`): prints, as
 * JSON, everything the configured store holds for one person, for an access request. The
 * output holds personal data: write it to a protected place, never to a log.
 */

const USAGE = 'Usage: npm run --silent export-person -- --object-id <Entra object id> | --person-key <key>';

export function parseExportArguments(argv: readonly string[]): { outcome: 'ok'; personKey: string } | { outcome: 'invalid' } {
  const [flag, value, ...rest] = argv;
  if (rest.length > 0 || !value) return { outcome: 'invalid' };
  if (flag === '--object-id' && /^[0-9a-fA-F-]{36}$/.test(value)) return { outcome: 'ok', personKey: personKey(value) };
  if (flag === '--person-key' && /^[0-9a-f]{40}$/.test(value)) return { outcome: 'ok', personKey: value };
  return { outcome: 'invalid' };
}

async function main(): Promise<number> {
  const parsed = parseExportArguments(process.argv.slice(2));
  if (parsed.outcome === 'invalid') {
    console.error(USAGE);
    return 2;
  }
  const store = await createEntityStore(loadConfig().storage);
  try {
    console.log(JSON.stringify(await exportPerson(store, parsed.personKey, personKey), null, 2));
    return 0;
  } finally {
    await store.close();
  }
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      // Config and storage errors carry no personal data; the person's ids are never echoed.
      console.error(error instanceof Error ? error.message : 'The export failed');
      process.exitCode = 1;
    },
  );
}
