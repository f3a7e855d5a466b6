import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { keepOnOneLine } from '../../src/cards/keepOnOneLine';
import type { RunningBot } from '../support/botHarness';
import { cardText, Conversation, type BotReply } from '../support/conversation';
import { TestClock } from '../support/testClock';
import { relayChoiceButton, startTwoPoolBot, twoOpenRequestsAfterUpgrade } from '../support/twoOpenRequests';
import { teamsUser } from '../support/teamsActivities';

/**
 * Red team, stop 33, finding 5. docs/SECURITY.md, the upgrade from unkeyed person keys run after the new version ran: a
 * person who asked again meanwhile keeps both open requests, each with "its adviser's replies". PRODUCT.md, "The right
 * person for the topic" and "The person decides". When both requests have an adviser (here of two pools), what the person
 * types goes to neither until they choose: a card says it was sent to nobody, names both requests with their pools, holds
 * their words in an input, and sends them to the request they press, only there and once. Before: everything went to the
 * newer request's adviser (relayTargetOf), so an answer to the research integrity counsellor reached a confidential adviser.
 */
const sara = teamsUser('Sara Tweemaal', 'nl-NL');
const femke = teamsUser('Femke Vertrouwens', 'nl-NL');
const ruth = teamsUser('Ruth Integriteit', 'en-GB');
const clock = new TestClock('2026-11-24T10:00:00Z');
let dataDir = '';
let bot: RunningBot | undefined;

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'two-open-'));
});
afterAll(async () => {
  await bot?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('two open requests of one person in two pools, each with its adviser (after the unkeyed-key upgrade)', () => {
  it("sends what the person types to neither adviser until they choose, then only to the request they chose, once", async () => {
    const start = async () => (bot = await startTwoPoolBot(path.join(dataDir, 'bot.sqlite'), { confidential: femke, integrity: ruth }, clock));
    const { older, newer } = await twoOpenRequestsAfterUpgrade(start, { person: sara, clock });

    // Each adviser takes their own pool's request; the counsellor writes to Sara under the older code.
    const after = await start();
    // Her chat address now points at this bot's connector; she sees both requests.
    const status = (await new Conversation(after, sara).says('status')).map((reply) => cardText(reply)).join('\n');
    expect(status).toContain(older.code);
    expect(status).toContain(newer.code);
    clock.advanceMinutes(2);
    await after.app.runSweep();
    await after.app.outbox.runDueJobs();
    await new Conversation(after, femke).executes('case.claim', { caseId: newer.caseId });
    await new Conversation(after, ruth).executes('case.claim', { caseId: older.caseId });
    await after.app.outbox.runDueJobs();
    await new Conversation(after, ruth).executes('case.reply', { caseId: older.caseId, reply: 'Which dataset was changed?' });
    await after.app.outbox.runDueJobs();
    const fromRuth = new Conversation(after, sara).proactiveCards().map((card) => cardText({ card })).join('\n');
    expect(fromRuth).toContain('Which dataset was changed?');

    clock.advanceMinutes(2);
    const answer = 'De dataset van het longitudinale cohort, versie drie.';
    const seenBy = (adviser: typeof femke) => new Conversation(after, adviser).proactiveCards().filter((card) => JSON.stringify(card).includes(answer)).length;
    const replies = await new Conversation(after, sara).says(answer);
    await after.app.outbox.runDueJobs();
    // Nothing went: the one reply asks which request it is for, in her language, naming both with their pools.
    expect({ femke: seenBy(femke), ruth: seenBy(ruth) }).toEqual({ femke: 0, ruth: 0 });
    expect(replies).toHaveLength(1);
    const choice = cardText(replies[0]);
    expect(choice).toContain('Voor welke aanvraag is dit?');
    expect(choice).toContain('nog naar niemand verstuurd');
    expect(choice).toContain(`${keepOnOneLine(older.code)} (Vertrouwenspersoon wetenschappelijke integriteit)`);
    expect(choice).toContain(`${keepOnOneLine(newer.code)} (Vertrouwenspersonen)`);
    expect(choice).not.toMatch(/Verstuurd naar je vertrouwenspersoon/);
    const input = findInput(replies[0], 'relayText');
    expect(input.value).toBe(answer);

    // She presses the research integrity counsellor's request: Ruth has it, Femke never does; a second press sends nothing twice.
    const toOlder = relayChoiceButton(replies[0], older.code);
    const [sent] = await new Conversation(after, sara).submits({ ...toOlder, relayText: input.value }, replies[0].id);
    await after.app.outbox.runDueJobs();
    expect(cardText(sent)).toContain(`Verstuurd naar je vertrouwenspersoon (${older.code})`);
    await new Conversation(after, sara).submits({ ...toOlder, relayText: input.value }, replies[0].id);
    await after.app.outbox.runDueJobs();
    expect({ femke: seenBy(femke), ruth: seenBy(ruth) }).toEqual({ femke: 0, ruth: 1 });

    // The choice is per message: her next words are asked about again, and go to Femke when she presses Femke's request.
    const other = 'Het gebeurde weer bij het overleg van dinsdag.';
    const [again] = await new Conversation(after, sara).says(other);
    await new Conversation(after, sara).submits({ ...relayChoiceButton(again, newer.code), relayText: other }, again.id);
    await after.app.outbox.runDueJobs();
    const seenOther = (adviser: typeof femke) => new Conversation(after, adviser).proactiveCards().some((card) => JSON.stringify(card).includes(other));
    expect({ femke: seenOther(femke), ruth: seenOther(ruth) }).toEqual({ femke: true, ruth: false });

    // The button names a request, not a person: pressed with Sara's case by someone else, it sends nothing anywhere.
    const forged = 'Ingevoegd door iemand anders.';
    const [refused] = await new Conversation(after, teamsUser('Olaf Buiten', 'nl-NL')).submits({ ...toOlder, relayText: forged });
    await after.app.outbox.runDueJobs();
    expect(cardText(refused)).toContain('Niet verstuurd');
    const seenForged = (adviser: typeof femke) => new Conversation(after, adviser).proactiveCards().some((card) => JSON.stringify(card).includes(forged));
    expect({ femke: seenForged(femke), ruth: seenForged(ruth) }).toEqual({ femke: false, ruth: false });
  }, 120_000);
});

function findInput(reply: BotReply, id: string): { value: string } {
  const found: { id?: string; value?: string }[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const record = node as { type?: string; id?: string };
      if (record.type === 'Input.Text' && record.id === id) found.push(record);
      Object.values(record).forEach(visit);
    }
  };
  visit(reply.card);
  expect(found).toHaveLength(1);
  return { value: String(found[0]!.value) };
}
