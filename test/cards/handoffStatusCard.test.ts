import { buildHandoffStatusCard } from '../../src/cards/handoffCards';
import { cardContextFor } from '../../src/cards/cardContext';
import { loadShippedContent, sampleCase } from '../support/sampleCards';

/** What the person reads when a request they sent while one was open could not be added anywhere. */
describe('the status card for words that reached no request', () => {
  const content = loadShippedContent();
  const now = new Date('2026-11-24T10:00:00Z');
  const closed = sampleCase({ status: 'closed', closedAt: now.toISOString() });

  it.each([
    ['en', 'Your message was not added: request VK‑ABCD‑EFGH closed just as it arrived.'],
    ['nl', 'Je bericht is niet toegevoegd: aanvraag VK‑ABCD‑EFGH werd gesloten'],
  ] as const)('says in %s that the words were not added, not that they are in the request', (locale, told) => {
    const card = buildHandoffStatusCard(cardContextFor(content, locale), closed, 'alreadyOpen', now, { message: 'notAdded', urgent: false });
    const text = JSON.stringify(card.data);
    expect(text).toContain(told);
    expect(text).toContain(locale === 'en' ? 'call the numbers below' : 'bel de nummers hieronder');
  });
});
