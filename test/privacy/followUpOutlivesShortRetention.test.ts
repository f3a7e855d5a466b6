import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { CaseRepository } from '../../src/handoff/caseRepository';
import { startAzurite, type RunningAzurite } from '../support/azurite';
import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { requestAdviser } from '../support/handoffRequests';
import { azureTablesText, sqliteFileText } from '../support/storedRows';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * An adviser closes a case with "follow up" ticked (the card's label: in 14 days, `FOLLOW_UP_DAYS`), and
 * `retention.caseContentDays` (content the programme team edits, 1–3650) keeps case content only 7 days: the
 * purge still removes the case on its day, and the follow-up is kept apart from it (the code and the adviser,
 * nothing of the requester) until it is sent, once, on its day. Red team 2, stop 33, finding 8: before, the
 * purge took the follow-up with the case and the adviser was never reminded nor told.
 */
const femke = teamsUser('Femke Visser', 'nl-NL');

describe.each([
  ['SQLite', 'sqlite'],
  ['Azure Tables on Azurite', 'azure-tables'],
] as const)('a follow-up beyond a 7-day case retention: %s', (_, storage) => {
  const clock = new TestClock('2026-11-24T09:00:00Z');
  let contentDir: string;
  let bot: RunningBot;
  let azurite: RunningAzurite | undefined;
  let stored: () => Promise<string>;

  beforeAll(async () => {
    contentDir = fs.mkdtempSync(path.join(os.tmpdir(), 'follow-up-content-'));
    fs.cpSync(path.join(__dirname, '../../content'), contentDir, { recursive: true });
    const organisationFile = path.join(contentDir, 'organisation.json');
    const organisation = JSON.parse(fs.readFileSync(organisationFile, 'utf8'));
    organisation.retention.caseContentDays = 7;
    fs.writeFileSync(organisationFile, JSON.stringify(organisation, null, 2));
    let environment: Record<string, string> = {};
    if (storage === 'azure-tables') {
      azurite = await startAzurite();
      const prefix = `t${randomUUID().replace(/-/g, '').slice(0, 10)}`;
      environment = { STORAGE: 'azure-tables', AZURE_TABLES_CONNECTION_STRING: azurite.connectionString, AZURE_TABLES_PREFIX: prefix };
      const { connectionString } = azurite;
      stored = () => azureTablesText(connectionString, prefix);
    } else {
      stored = async () => sqliteFileText(bot);
    }
    bot = await startBot({ CONTENT_DIR: contentDir, LOCAL_ADVISORS: `${femke.aadObjectId}:${femke.name}`, ...environment }, { clock, runBackgroundWork: false });
    await new Conversation(bot, femke).installs();
  }, 60_000);
  afterAll(async () => {
    await bot?.stop();
    await azurite?.stop();
    fs.rmSync(contentDir, { recursive: true, force: true });
  });

  const followUpReminders = (code: string) =>
    new Conversation(bot, femke)
      .proactiveCards()
      .map((card) => cardText({ card }))
      .filter((text) => text.includes(code) && text.includes('vervolgcontact'));

  it('purges the case on its day, and reminds the adviser once on the follow-up day, keeping nothing after', async () => {
    const lieke = teamsUser('Lieke Smeets', 'en-GB');
    const message = 'My team lead shouts at the interns';
    const { caseId, code } = await requestAdviser(bot, lieke, { asks: 'talk', mode: 'named', message });
    await bot.app.outbox.runDueJobs();
    await new Conversation(bot, femke).executes('case.claim', { caseId });
    await new Conversation(bot, femke).executes('case.close', { caseId, outcome: 'referred', followUp: 'true' });
    await bot.app.outbox.runDueJobs();

    for (let day = 1; day <= 13; day += 1) {
      clock.advanceDays(1);
      await bot.app.runSweep();
      await bot.app.outbox.runDueJobs();
      if (day === 8) {
        // The retention is kept: the case and what identifies its requester are gone.
        expect(await new CaseRepository(bot.app.store).findByCode(code)).toBeUndefined();
        const everything = await stored();
        expect(everything.includes(message)).toBe(false);
        expect(everything.includes(lieke.name)).toBe(false);
      }
    }
    expect(followUpReminders(code)).toHaveLength(0);

    clock.advanceDays(1);
    await bot.app.runSweep();
    await bot.app.outbox.runDueJobs();
    clock.advanceDays(1);
    await bot.app.runSweep();
    await bot.app.outbox.runDueJobs();
    expect(followUpReminders(code)).toHaveLength(1);
    // The follow-up went with its reminder: no row names the code any more.
    expect((await stored()).includes(code)).toBe(false);
  });
});
