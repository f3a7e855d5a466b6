import type { HandoffCase } from '../../src/handoff/handoffCase';
import type { RunningBot } from '../support/botHarness';
import { allActions, cardText, Conversation, type Card } from '../support/conversation';
import { requestAnonymously } from '../support/handoffRequests';
import type { LocalGraph } from '../support/localGraph';
import { TestClock } from '../support/testClock';
import { startTwoInstances, type TwoInstances } from '../support/twoInstances';
import { teamsUser, type TeamsUser } from '../support/teamsActivities';

/**
 * Hand over, give back and "another adviser", over HTTP with two bot instances on one store
 * (SQLite and Azure Tables on Azurite), advisers in Graph groups on the local Graph stand-in.
 * Two instances racing the same button make one transition; the relay follows the case; an
 * adviser who no longer has the case sees only its code.
 */
jest.setTimeout(120_000);

const GRAPH_TOKEN = 'graph-token-for-hand-over-tests';

describe.each(['sqlite', 'azure-tables'] as const)('hand-over with two instances on %s', (storage) => {
  const femke = teamsUser('Femke Visser', 'nl-NL');
  const sarah = teamsUser('Sarah Whitfield', 'en-GB');
  const joost = teamsUser('Joost Mulder', 'nl-NL');
  const ruth = teamsUser('Ruth Odenthal', 'en-GB');
  /** Of the backup group: may claim an escalated case, but is not a colleague of the pool to hand one to. */
  const bas = teamsUser('Bas de Wit', 'nl-NL');
  const lotte = teamsUser('Lotte van Dijk', 'en-GB');
  const clock = new TestClock('2026-11-24T09:30:00Z');
  let instances: TwoInstances | undefined;
  let graph: LocalGraph;
  let first: RunningBot;
  /** The second instance, answering into the same connector, as two instances behind one Teams would. */
  let viaSecond: RunningBot;
  let caseId = '';
  let code = '';

  beforeAll(async () => {
    instances = await startTwoInstances(storage, {
      clock,
      graphToken: GRAPH_TOKEN,
      groups: { 'advisors-group': [femke, sarah, joost], 'research-integrity-group': [ruth], 'backup-group': [bas] },
      groupSettings: { ADVISOR_GROUP_ID: 'advisors-group', BACKUP_GROUP_ID: 'backup-group', ADVISER_POOL_GROUPS: 'research-integrity=research-integrity-group' },
    });
    ({ graph, first, viaSecond } = instances);
  });
  afterAll(async () => {
    await instances?.stop();
  });

  const deliver = async () => {
    await first.app.outbox.runDueJobs();
  };
  const stored = async () => {
    const found = await first.app.store.get<HandoffCase>('cases', 'case', caseId);
    if (!found) throw new Error('case not found');
    return found.value;
  };
  /** Cards the bot posted into someone's chat about this case, oldest first. */
  const cardsFor = (person: TeamsUser) => new Conversation(first, person).proactiveCards().filter((card) => JSON.stringify(card).includes(code));
  const textsFor = (person: TeamsUser) => new Conversation(first, person).proactiveCards().map((card) => cardText({ card }));
  const offers = () => graph.deliveredNotifications().filter((notification) => notification.activityType === 'caseOffered' && notification.templateParameters.caseCode === code);
  const newCaseNotifications = () =>
    graph.deliveredNotifications().filter((notification) => notification.activityType === 'newCase' && notification.templateParameters.caseCode === code);
  const choicesOn = (card: Card | undefined) => {
    const choiceSet = findInput(card, 'handOverTo');
    return (choiceSet?.choices ?? []).map((choice: Card) => choice.title as string);
  };
  const titles = (card: Card | undefined) => allActions(card ?? {}).map((action) => action.title as string);
  /** The data of the claimer's Withdraw button on a card: the case and the offer it was drawn for. */
  const withdrawDataOn = (card: Card | undefined) => {
    const button = allActions(card ?? {}).find((action) => action.verb === 'case.withdrawHandOver');
    if (!button) throw new Error('no Withdraw button on the card');
    return button.data as { caseId: string; offer: number };
  };
  const updatesOf = (person: TeamsUser) => first.connector.calls.filter((call) => call.method === 'PUT' && call.conversationId === person.conversationId);
  const updatesTo = (person: TeamsUser) => updatesOf(person).length;
  const lastUpdateTo = (person: TeamsUser) => updatesOf(person).at(-1)?.activity.attachments?.[0]?.content as Card | undefined;

  it('lets the claimer offer the case to a colleague, who gets a notification and a card to take it over', async () => {
    ({ caseId, code } = await requestAnonymously(first, lotte, 'My supervisor keeps commenting on my body'));
    await deliver();
    const claimed = await new Conversation(first, femke).executes('case.claim', { caseId });
    expect(cardText({ card: claimed })).toContain('Opgepakt door Femke Visser');
    // The claimer chooses among the colleagues of the case's pool: not herself, not another pool's people.
    expect(titles(claimed)).toEqual(expect.arrayContaining(['Overdragen', 'Teruggeven aan de groep']));
    expect(choicesOn(claimed).sort()).toEqual(['Joost Mulder', 'Sarah Whitfield']);

    const offered = await new Conversation(viaSecond, femke).executes('case.handOver', { caseId, handOverTo: sarah.aadObjectId });
    expect(cardText({ card: offered })).toContain('Aangeboden aan Sarah Whitfield. De zaak blijft van jou tot die hem overneemt.');
    await deliver();
    expect(offers()).toHaveLength(1);
    expect(offers()[0]).toMatchObject({ recipientUserIds: [sarah.aadObjectId], previewText: `A colleague offers you request ${code}` });

    const sarahsCards = cardsFor(sarah);
    const offerCard = sarahsCards.at(-1);
    expect(cardText({ card: offerCard })).toContain('Femke Visser asks you to take over this case. Until you accept, it stays with them.');
    expect(cardText({ card: offerCard })).toContain('My supervisor keeps commenting on my body');
    expect(titles(offerCard)).toEqual(expect.arrayContaining(['Take over', 'Decline']));
    // Her first card for the case became a pointer to the new one: one live card per adviser.
    const updatedInPlace = first.connector.calls.filter(
      (call) => call.method === 'PUT' && call.conversationId === sarah.conversationId && cardText({ card: call.activity.attachments?.[0]?.content }).includes('further down'),
    );
    expect(updatedInPlace).toHaveLength(1);
    // Anyone else of the pool still learns only that a colleague has it.
    const joostSees = await new Conversation(first, joost).executes('case.refresh', { caseId });
    expect(cardText({ card: joostSees })).toContain('Opgepakt door een collega');
    expect(cardText({ card: joostSees })).not.toContain('My supervisor');
  });

  it('keeps the case and its relay with the claimer until the colleague accepts', async () => {
    const [sent] = await new Conversation(first, lotte).says('Are you still there?');
    expect(cardText(sent)).toContain(code);
    await deliver();
    expect(textsFor(femke).filter((text) => text.includes('Are you still there?'))).toHaveLength(1);
    expect(textsFor(sarah).filter((text) => text.includes('Are you still there?'))).toHaveLength(0);
  });

  it('returns a declined offer to the claimer, who is told', async () => {
    const declined = await new Conversation(viaSecond, sarah).executes('case.declineHandOver', { caseId });
    expect(cardText({ card: declined })).toContain('You declined. The case stays with your colleague.');
    expect(cardText({ card: declined })).toContain('Taken by a colleague');
    await deliver();
    expect(textsFor(femke).filter((text) => text.includes(`Je collega neemt ${code} niet over. De zaak blijft bij jou.`))).toHaveLength(1);
    const after = await stored();
    expect(after.claimedBy?.userId).toBe(femke.aadObjectId);
    expect(after.handOverTo ?? null).toBeNull();
  });

  it('lets the claimer withdraw an offer nobody answered, once when it arrives at both instances: the colleague\'s card loses Take over and a late Take over takes nothing', async () => {
    await new Conversation(first, femke).executes('case.handOver', { caseId, handOverTo: sarah.aadObjectId });
    await deliver();
    expect(titles(cardsFor(sarah).at(-1))).toEqual(expect.arrayContaining(['Take over', 'Decline']));
    const offeredOnFemkesCard = await new Conversation(first, femke).executes('case.refresh', { caseId });
    const withdraw = withdrawDataOn(offeredOnFemkesCard);
    const sarahUpdatedBefore = updatesTo(sarah);
    const offersBefore = offers().length;

    const [onFirst, onSecond] = await Promise.all([
      new Conversation(first, femke).executes('case.withdrawHandOver', withdraw),
      new Conversation(viaSecond, femke).executes('case.withdrawHandOver', withdraw),
    ]);
    const answers = [onFirst, onSecond].map((card) => cardText({ card }));
    expect(answers.filter((text) => text.includes(`Je hebt het aanbod ingetrokken. Zaak ${code} blijft bij jou.`))).toHaveLength(1);
    expect(answers.filter((text) => text.includes('Dit aanbod staat niet meer open. De zaak blijft bij jou.'))).toHaveLength(1);
    for (const card of [onFirst, onSecond]) {
      expect(titles(card)).toContain('Overdragen');
      expect(titles(card)).not.toContain('Aanbod intrekken');
    }
    const withdrawals = (await first.app.audit.forCase(code)).filter((entry) => entry.action === 'handOverWithdrawn');
    expect(withdrawals).toHaveLength(1);
    const after = await stored();
    expect(after.claimedBy?.userId).toBe(femke.aadObjectId);
    expect(after.handOverTo ?? null).toBeNull();

    // Sarah's card is updated in place once: no Take over any more, and nothing of the case; no new notification.
    await deliver();
    expect(updatesTo(sarah)).toBe(sarahUpdatedBefore + 1);
    const refreshed = lastUpdateTo(sarah);
    expect(titles(refreshed)).not.toContain('Take over');
    expect(cardText({ card: refreshed })).not.toContain('My supervisor');
    expect(offers()).toHaveLength(offersBefore);
    // The Take over still on a card she has not looked at again takes nothing.
    const late = await new Conversation(first, sarah).executes('case.acceptHandOver', { caseId });
    expect(cardText({ card: late })).toContain('This case is not offered to you (any more).');
    expect(JSON.stringify(await stored())).toBe(JSON.stringify(after));
  });

  it('sends nothing for an offer withdrawn before its notification went out, and a new offer afterwards reaches its colleague', async () => {
    const offersBefore = offers().length;
    const offered = await new Conversation(first, femke).executes('case.handOver', { caseId, handOverTo: joost.aadObjectId });
    await new Conversation(first, femke).executes('case.withdrawHandOver', withdrawDataOn(offered));
    await deliver();
    expect(offers()).toHaveLength(offersBefore);
    expect(cardsFor(joost).filter((card) => titles(card).includes('Overnemen'))).toHaveLength(0);

    // Offered again, to Sarah: she is notified and gets a card to take it over.
    const again = await new Conversation(first, femke).executes('case.handOver', { caseId, handOverTo: sarah.aadObjectId });
    await deliver();
    expect(offers()).toHaveLength(offersBefore + 1);
    expect(offers().at(-1)?.recipientUserIds).toEqual([sarah.aadObjectId]);
    expect(titles(cardsFor(sarah).at(-1))).toEqual(expect.arrayContaining(['Take over', 'Decline']));
    // The Withdraw of the earlier offer, pressed again on an old card or re-sent by Teams, leaves this one.
    const stale = await new Conversation(first, femke).executes('case.withdrawHandOver', withdrawDataOn(offered));
    expect(cardText({ card: stale })).toContain('Dit aanbod staat niet meer open.');
    expect((await stored()).handOverTo?.userId).toBe(sarah.aadObjectId);

    // Withdraw and Take over at the same moment: one of them wins, and the case says which.
    const [withdrawn, taken] = await Promise.all([
      new Conversation(first, femke).executes('case.withdrawHandOver', withdrawDataOn(again)),
      new Conversation(viaSecond, sarah).executes('case.acceptHandOver', { caseId }),
    ]);
    const now = await stored();
    if (now.claimedBy?.userId === sarah.aadObjectId) {
      expect(cardText({ card: taken })).toContain(`Case ${code} is yours now.`);
      expect(cardText({ card: withdrawn })).toContain('Deze aanvraag wordt door een andere vertrouwenspersoon behandeld.');
    } else {
      expect(now.claimedBy?.userId).toBe(femke.aadObjectId);
      expect(now.handOverTo ?? null).toBeNull();
      expect(cardText({ card: withdrawn })).toContain(`Je hebt het aanbod ingetrokken. Zaak ${code} blijft bij jou.`);
      expect(cardText({ card: taken })).toContain('This case is not offered to you (any more).');
    }
    // Whichever won, Femke has the case for the tests that follow.
    if (now.claimedBy?.userId === sarah.aadObjectId) {
      await new Conversation(first, sarah).executes('case.handOver', { caseId, handOverTo: femke.aadObjectId });
      await new Conversation(first, femke).executes('case.acceptHandOver', { caseId });
    }
    await deliver();
    expect((await stored()).claimedBy?.userId).toBe(femke.aadObjectId);
  });

  it('refuses a hand-over to someone outside the case\'s pool, the backup group included, changes nothing and notifies no one', async () => {
    const before = JSON.stringify(await stored());
    // No one: no Graph notification or mail of any kind, and no message or card update in anyone's chat but the claimer's own.
    const notifications = () => ({
      graph: graph.deliveredNotifications().length,
      mails: graph.deliveredMails().length,
      chatsOfOthers: first.connector.calls.filter((call) => call.conversationId !== femke.conversationId).length,
    });
    const notifiedBefore = notifications();
    for (const outsider of [ruth, bas]) {
      const refused = await new Conversation(first, femke).executes('case.handOver', { caseId, handOverTo: outsider.aadObjectId });
      expect(cardText({ card: refused })).toContain('Die collega kan deze zaak niet overnemen.');
    }
    await deliver();
    expect(JSON.stringify(await stored())).toBe(before);
    expect(notifications()).toEqual(notifiedBefore);
    // Nor can the backup adviser take over an offer that was never made to them.
    const takeOver = await new Conversation(first, bas).executes('case.acceptHandOver', { caseId });
    expect(cardText({ card: takeOver })).not.toContain('My supervisor');
    expect(JSON.stringify(await stored())).toBe(before);
    const notChosen = await new Conversation(first, femke).executes('case.handOver', { caseId });
    expect(cardText({ card: notChosen })).toContain('Kies de collega aan wie je de zaak wilt overdragen.');
    expect((await stored()).handOverTo ?? null).toBeNull();
  });

  it('makes one transition when the same Take over arrives at both instances at once', async () => {
    await new Conversation(first, femke).executes('case.handOver', { caseId, handOverTo: joost.aadObjectId });
    await deliver();
    const joinedBefore = textsFor(lotte).filter((text) => text.includes('An adviser has joined your request')).length;
    const [onFirst, onSecond] = await Promise.all([
      new Conversation(first, joost).executes('case.acceptHandOver', { caseId }),
      new Conversation(viaSecond, joost).executes('case.acceptHandOver', { caseId }),
    ]);
    for (const card of [onFirst, onSecond]) expect(cardText({ card })).toContain('Opgepakt door Joost Mulder');
    await deliver();
    expect(textsFor(lotte).filter((text) => text.includes('An adviser has joined your request'))).toHaveLength(joinedBefore + 1);
    expect((await stored()).claimedBy?.userId).toBe(joost.aadObjectId);

    // The adviser who handed it over sees what any colleague sees, and can no longer answer.
    const femkeSees = await new Conversation(first, femke).executes('case.refresh', { caseId });
    expect(cardText({ card: femkeSees })).toContain('Opgepakt door een collega');
    expect(cardText({ card: femkeSees })).not.toContain('My supervisor');
    const reply = await new Conversation(first, femke).executes('case.reply', { caseId, reply: 'Ik ben er nog' });
    expect(cardText({ card: reply })).toContain('Deze aanvraag wordt door een andere vertrouwenspersoon behandeld.');
  });

  it('lets the relay follow the case to the new adviser', async () => {
    await new Conversation(first, lotte).says('Thank you for taking over');
    await deliver();
    expect(textsFor(joost).filter((text) => text.includes('Thank you for taking over'))).toHaveLength(1);
    expect(textsFor(femke).filter((text) => text.includes('Thank you for taking over'))).toHaveLength(0);
  });

  it('gives the case back to the pool once when Release arrives at both instances, and every adviser can claim it again', async () => {
    const releasesBefore = (await stored()).releases ?? 0;
    const notifiedBefore = newCaseNotifications().length;
    const [onFirst, onSecond] = await Promise.all([
      new Conversation(first, joost).executes('case.release', { caseId }),
      new Conversation(viaSecond, joost).executes('case.release', { caseId }),
    ]);
    for (const card of [onFirst, onSecond]) {
      expect(cardText({ card })).toContain('Wacht op een vertrouwenspersoon');
      expect(titles(card)).toContain('Oppakken');
    }
    expect((await stored()).releases).toBe(releasesBefore + 1);
    await deliver();
    const notified = newCaseNotifications().slice(notifiedBefore).flatMap((notification) => notification.recipientUserIds);
    expect(notified.sort()).toEqual([femke, sarah, joost].map((adviser) => adviser.aadObjectId).sort());
    expect(textsFor(lotte).filter((text) => text.includes(`The adviser who took your request ${code} is no longer available`))).toHaveLength(1);
  });

  it('moves the case away from its adviser once when the requester asks for another adviser twice on two instances', async () => {
    await new Conversation(first, sarah).executes('case.claim', { caseId });
    await deliver();
    const claimedCard = new Conversation(first, lotte).proactiveCards().at(-1);
    const ask = allActions(claimedCard ?? {}).find((action) => action.title === 'Ask for another adviser');
    expect(ask?.data).toEqual({ verb: 'handoff.anotherAdviser', caseId });

    const releasesBefore = (await stored()).releases ?? 0;
    const notifiedBefore = newCaseNotifications().length;
    const answers = await Promise.all([
      new Conversation(first, lotte).submits(ask!.data),
      new Conversation(viaSecond, lotte).submits(ask!.data),
    ]);
    for (const [answer] of answers) {
      expect(cardText(answer)).toContain(`Your request ${code} is going to another adviser. The adviser you had no longer sees it`);
    }
    const after = await stored();
    expect(after.releases).toBe(releasesBefore + 1);
    expect(after.movedAwayFrom).toEqual([sarah.aadObjectId]);

    await deliver();
    const notified = newCaseNotifications().slice(notifiedBefore).flatMap((notification) => notification.recipientUserIds);
    expect(notified.sort()).toEqual([femke, joost].map((adviser) => adviser.aadObjectId).sort());
    const sarahSees = await new Conversation(first, sarah).executes('case.refresh', { caseId });
    expect(cardText({ card: sarahSees })).toContain("At the requester's wish this request went to a colleague.");
    expect(cardText({ card: sarahSees })).not.toContain('My supervisor');
    const sarahClaims = await new Conversation(viaSecond, sarah).executes('case.claim', { caseId });
    expect(titles(sarahClaims)).not.toContain('Claim');
    expect((await stored()).status).toBe('notified');
    const [sarahsList] = await new Conversation(first, sarah).says('cases');
    expect(cardText(sarahsList)).not.toContain(code);
    // Nor among the cases with colleagues: she no longer sees it (once a colleague takes it: the next test).
    const [sarahsColleagues] = await new Conversation(first, sarah).says('with colleagues');
    expect(cardText(sarahsColleagues)).not.toContain(code);
  });

  it('holds what the requester writes meanwhile for the next adviser, and never sends it to the one moved away from', async () => {
    const [held] = await new Conversation(first, lotte).says('Is anyone there now?');
    expect(cardText(held)).toContain(code);
    await new Conversation(viaSecond, femke).executes('case.claim', { caseId });
    const [sarahsColleagues] = await new Conversation(viaSecond, sarah).says('with colleagues');
    expect(cardText(sarahsColleagues)).not.toContain(code);
    const [joostsColleagues] = await new Conversation(first, joost).says('with colleagues');
    expect(cardText(joostsColleagues)).toContain(code);
    clock.advanceMinutes(10);
    await deliver();
    expect(textsFor(femke).filter((text) => text.includes('Is anyone there now?'))).toHaveLength(1);
    expect(textsFor(sarah).filter((text) => text.includes('Is anyone there now?'))).toHaveLength(0);
  });
});

function findInput(card: Card | undefined, id: string): Card | undefined {
  let found: Card | undefined;
  const visit = (node: unknown) => {
    if (found) return;
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const record = node as Card;
      if (record.id === id) found = record;
      else Object.values(record).forEach(visit);
    }
  };
  visit(card);
  return found;
}
