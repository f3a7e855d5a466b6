import { CardRenderer } from '../../src/cards/cardRenderer';
import { CARDS_DIR } from '../../src/app';
import { buildAdvisorCaseCard, buildChannelCaseCard } from '../../src/cards/advisorCaseCard';
import { cardContextFor } from '../../src/cards/cardContext';
import { addToOpenCase, MAX_CASE_BYTES_WITH_ADDITIONS, type HandoffCase } from '../../src/handoff/handoffCase';
import { buildRelayToAdviserCard } from '../../src/bot/handoffJobs/relayJobs';
import { MERGED_RELAY_MAX_BYTES, MERGED_RELAY_MAX_CARDS, mergedRelayJob, type RelayJob } from '../../src/handoff/handoffJobs';
import { MAX_ANALYSED_CHARS } from '../../src/shared/messageLength';
import { LOCALES, loadShippedContent, sampleCase } from '../support/sampleCards';

/**
 * Teams refuses a message over 28 KB, and the stand-in connector has no such limit, so the
 * conversation tests cannot see it: every card that carries a case's words (and the merged relay card, below) is rendered here with
 * the case filled to its limit, in characters that take two, three and four bytes, and weighed.
 * 26 KB leaves room for the activity around the card.
 */
const CARD_BYTES_LIMIT = 26 * 1024;
const NOW = new Date('2026-11-24T10:30:00.000Z');
const renderer = CardRenderer.load(CARDS_DIR);
const content = loadShippedContent();
const bytesOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

/** Adds messages until the request takes no more, as a person pressing "Send request" again and again would. */
function filledToTheLimit(base: HandoffCase, text: (index: number) => string): HandoffCase {
  let current = base;
  for (let index = 1; index <= 100; index += 1) {
    const result = addToOpenCase(current, { id: `m${index}`, text: text(index), urgent: false }, NOW);
    if (result.outcome !== 'ok') return current;
    current = result.next;
  }
  throw new Error('the request never filled up');
}

describe.each([
  ['accented letters (2 bytes)', 'é'],
  ['euro signs (3 bytes)', '€'],
  ['emoji (4 bytes)', '😀'],
  ['quotes (escaped in JSON)', '"'],
])('a request filled to its limit with %s', (_name, character) => {
  const written = (length: number, index: number) => `${index} ${character.repeat(length)}`.slice(0, length);
  // A pool of a dozen advisers with long names, and as many advisers as a card refreshes for.
  const colleagues = Array.from({ length: 12 }, (_, index) => ({ userId: `00000000-0000-0000-0000-${String(index).padStart(12, '0')}`, displayName: written(40, index) }));
  const refreshUserIds = Array.from({ length: 60 }, (_, index) => `00000000-0000-0000-0000-${String(index).padStart(12, '1')}`);
  const claimed = { status: 'claimed', claimedBy: { userId: 'u1', displayName: written(128, 0) }, claimedAt: NOW.toISOString(), urgent: true, urgentSince: NOW.toISOString() } as const;
  const requests = {
    advice: sampleCase({ ...claimed, mode: 'named', requester: { personKey: 'k', userId: 'r1', displayName: written(128, 0) }, message: written(500, 0) }),
    dialogue: sampleCase({
      ...claimed,
      kind: 'team-dialogue',
      mode: 'named',
      requester: { personKey: 'k', userId: 'r1', displayName: written(128, 0) },
      dialogue: { format: 'team', team: written(120, 0), teamSize: 'small', preferredPeriod: written(120, 0), reason: written(1000, 0), contact: written(200, 0) },
    }),
  };

  it.each(Object.keys(requests) as (keyof typeof requests)[])('keeps the %s request under its byte limit, and every card of it under 26 KB in both languages', (kind) => {
    // 1,000 characters: a dialogue form's reason, the longest words a request takes.
    const full = filledToTheLimit(requests[kind], (index) => written(1000, index));
    expect(full.addedMessages?.length).toBeGreaterThan(0);
    expect(bytesOf(full)).toBeLessThanOrEqual(MAX_CASE_BYTES_WITH_ADDITIONS);
    for (const locale of LOCALES) {
      const context = cardContextFor(content, locale);
      const forClaimer = buildAdvisorCaseCard(context, full, { userId: 'u1', now: NOW, handOverCandidates: colleagues }, refreshUserIds);
      const forPool = buildAdvisorCaseCard(context, { ...full, status: 'notified', claimedBy: null }, { userId: 'u2', now: NOW }, refreshUserIds);
      const forChannel = buildChannelCaseCard(context, full, NOW);
      for (const card of [forClaimer, forPool, forChannel]) expect(bytesOf(renderer.render(card))).toBeLessThan(CARD_BYTES_LIMIT);
    }
  });
});

/**
 * A requester who writes fast has the rest of the minute merged into one card for the adviser
 * (red team, stop 29 #3: counted in characters, a merged card of Chinese text weighed 36 KB and
 * never arrived). Filled as the relay fills it, with the longest messages the bot reads, until the
 * card takes no more: what does not fit goes into the minute's next card.
 */
describe.each([
  ['plain letters', 'a'],
  ['accented letters (2 bytes)', 'é'],
  ['Chinese characters (3 bytes)', '会'],
  ['emoji (4 bytes)', '😀'],
  ['quotes (escaped in JSON)', '"'],
])('the merged relay card filled with %s', (_name, character) => {
  it('stays under its byte limit, and its card under 26 KB in both languages', () => {
    const longest = (index: number) => `${index} ${character.repeat(MAX_ANALYSED_CHARS)}`.slice(0, MAX_ANALYSED_CHARS);
    // The last of the minute's cards, with the longest note ("card 4 of 4").
    const part = MERGED_RELAY_MAX_CARDS - 1;
    let job: RelayJob = mergedRelayJob(sampleCase().id, 0, longest(0), part).payload;
    for (let index = 1; ; index += 1) {
      const combined = mergedRelayJob(sampleCase().id, 0, longest(index), part).combine(job);
      if (!combined) break;
      job = combined;
    }
    expect(job.texts.length).toBeGreaterThan(1);
    expect(Buffer.byteLength(JSON.stringify(job.texts), 'utf8')).toBeLessThanOrEqual(MERGED_RELAY_MAX_BYTES);
    const anonymous = sampleCase({ status: 'claimed', mode: 'anonymous', claimedBy: { userId: 'u1', displayName: 'Adviser' }, claimedAt: NOW.toISOString() });
    for (const locale of LOCALES) {
      const card = renderer.render(buildRelayToAdviserCard(cardContextFor(content, locale), anonymous, job, MERGED_RELAY_MAX_CARDS));
      expect(bytesOf(card)).toBeLessThan(CARD_BYTES_LIMIT);
    }
  });
});
