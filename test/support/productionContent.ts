import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONTENT_DIR } from './sampleCards';

/**
 * A copy of the shipped content as an organisation would fill it in: links on a real-looking
 * domain and no number marked placeholder. A bot with a Bot Framework identity is production and
 * refuses the shipped placeholders, so tests that give it one start it on this copy.
 */
export function productionReadyContentDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'content-production-'));
  fs.cpSync(CONTENT_DIR, dir, { recursive: true });
  const file = path.join(dir, 'organisation.json');
  const organisation = JSON.parse(fs.readFileSync(file, 'utf8').replaceAll('.umc.example/', '.umc-tests.nl/'));
  for (const entry of Object.values<{ placeholder?: boolean }>(organisation.phoneNumbers)) delete entry.placeholder;
  fs.writeFileSync(file, JSON.stringify(organisation, null, 2));
  return dir;
}
