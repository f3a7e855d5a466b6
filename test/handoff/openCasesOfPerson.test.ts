import { openNewestFirst, relayedWithAnAdviser, relayTargetOf } from '../../src/handoff/openCasesOfPerson';
import { sampleCase } from '../support/sampleCards';

/**
 * Which of a person's open requests a step means when they have two of a kind (the upgrade from unkeyed person keys run
 * after the new version: docs/SECURITY.md): the newest, which holds their open-request place, and for the words they type,
 * the one an adviser has. A person with one open request is answered as before.
 */
const earlier = sampleCase({ id: 'e'.repeat(32), code: 'VK-EERD-ER00', createdAt: '2026-11-20T09:00:00.000Z' });
const later = sampleCase({ id: '0'.repeat(32), code: 'VK-LATE-R000', createdAt: '2026-11-24T10:00:00.000Z' });
const closed = sampleCase({ id: 'c'.repeat(32), code: 'VK-CLOS-ED00', createdAt: '2026-11-25T10:00:00.000Z', status: 'cancelled' });
const adviser = { userId: 'adviser', displayName: 'Adviser' };

describe('the open requests of one person', () => {
  it('lists the open ones, the newest first, whatever order the store returns them in', () => {
    expect(openNewestFirst([earlier, closed, later]).map((found) => found.code)).toEqual(['VK-LATE-R000', 'VK-EERD-ER00']);
    expect(openNewestFirst([later, earlier]).map((found) => found.code)).toEqual(['VK-LATE-R000', 'VK-EERD-ER00']);
  });

  it('sends typed words to the request an adviser has, even when a newer one waits for its first', () => {
    const claimedEarlier = { ...earlier, status: 'claimed' as const, claimedBy: adviser };
    expect(relayTargetOf([later, claimedEarlier])?.code).toBe('VK-EERD-ER00');
    expect(relayTargetOf([claimedEarlier, { ...later, status: 'claimed' as const, claimedBy: adviser }])?.code).toBe('VK-LATE-R000');
    expect(relayTargetOf([earlier, later])?.code).toBe('VK-LATE-R000');
  });

  it('names every open relayed request with an adviser, so typed words wait for the person to choose among two (finding 5, stop 33)', () => {
    const claimedEarlier = { ...earlier, status: 'claimed' as const, claimedBy: adviser };
    const claimedLater = { ...later, status: 'claimed' as const, claimedBy: adviser };
    expect(relayedWithAnAdviser([claimedEarlier, claimedLater]).map((found) => found.code)).toEqual(['VK-LATE-R000', 'VK-EERD-ER00']);
    expect(relayedWithAnAdviser([{ ...earlier, releases: 1 }, claimedLater]).map((found) => found.code)).toEqual(['VK-LATE-R000', 'VK-EERD-ER00']);
    expect(relayedWithAnAdviser([later, claimedEarlier]).map((found) => found.code)).toEqual(['VK-EERD-ER00']);
    expect(relayedWithAnAdviser([{ ...claimedLater, mode: 'named' }, claimedEarlier, { ...closed, status: 'closed', claimedBy: adviser }]).map((found) => found.code)).toEqual(['VK-EERD-ER00']);
  });

  it('relays nothing for a named request or none open', () => {
    expect(relayTargetOf([{ ...later, mode: 'named', status: 'claimed', claimedBy: adviser }])).toBeUndefined();
    expect(relayTargetOf([closed])).toBeUndefined();
  });
});
