import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort, startBotProcess } from '../support/botProcess';

/**
 * Red team, stop 29. Operator path: the store is what most often stops a start (a corrupted or
 * foreign SQLite file, a storage account that cannot be reached). The bot does stop, but says only
 * the error's class: "The bot failed to start: SqliteError" or "… failed to start: Error", then
 * five stack frames. The store's own message, written to carry no personal data ("Azure Tables
 * createTable on 'cases' got no response", SQLite's "file is not a database"), is thrown away, so
 * the operator cannot tell a corrupted file from a locked one, or a wrong endpoint from a
 * missing role, without attaching a debugger.
 */
let directory: string;
beforeAll(async () => {
  directory = await fs.mkdtemp(path.join(os.tmpdir(), 'redteam-store-start-'));
});
afterAll(async () => {
  await fs.rm(directory, { recursive: true, force: true });
});

/** What a start that fails prints, stdout and stderr together. */
async function outputOfFailedStart(environment: Record<string, string>): Promise<string> {
  try {
    await startBotProcess(environment);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the bot started');
}

describe('a start the store stops', () => {
  it('says that the SQLite file is not a database, and which setting names it', async () => {
    const sqlitePath = path.join(directory, 'corrupted', 'bot.sqlite');
    await fs.mkdir(path.dirname(sqlitePath), { recursive: true });
    // A file a disk error or a wrong copy left behind: not a database at all.
    await fs.writeFile(sqlitePath, Buffer.alloc(20_000, 0x5a));
    const output = await outputOfFailedStart({ SQLITE_PATH: sqlitePath });
    expect(output).toContain('The bot failed to start');
    expect(output).toMatch(/not a database|SQLITE_NOTADB/);
    expect(output).toContain('SQLITE_PATH');
    // The setting's name, never its value: no part of the path.
    expect(output).not.toContain(directory);
    expect(output).not.toContain('corrupted');
  }, 180_000);

  it('says what the file system said when the folder cannot be made, without the path', async () => {
    // A file where the data folder should be: a wrong setting or a mount that did not come up.
    const inTheWay = path.join(directory, 'not-a-folder');
    await fs.writeFile(inTheWay, 'x');
    const output = await outputOfFailedStart({ SQLITE_PATH: path.join(inTheWay, 'data', 'bot.sqlite') });
    expect(output).toContain('The bot failed to start');
    expect(output).toMatch(/ENOTDIR|EEXIST/);
    expect(output).toContain('SQLITE_PATH');
    expect(output).not.toContain(directory);
    expect(output).not.toContain('not-a-folder');
  }, 180_000);

  it('says that Azure Tables could not be reached, as the store words it', async () => {
    // A port nothing listens on: the endpoint is wrong or the network blocks it.
    const closedPort = await freePort();
    const output = await outputOfFailedStart({
      STORAGE: 'azure-tables',
      SQLITE_PATH: path.join(directory, 'unused', 'bot.sqlite'),
      AZURE_TABLES_CONNECTION_STRING:
        'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;' +
        `TableEndpoint=http://127.0.0.1:${closedPort}/devstoreaccount1;`,
    });
    expect(output).toContain('The bot failed to start');
    expect(output).toMatch(/Azure Tables \w+ on '\w+' (got no response|failed with HTTP \d+)/);
    // The account key stays out of it, and so does the endpoint; the setting to check is named.
    expect(output).not.toContain('Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq');
    expect(output).not.toContain(`127.0.0.1:${closedPort}`);
    expect(output).toContain('AZURE_TABLES_CONNECTION_STRING');
  }, 180_000);
});
