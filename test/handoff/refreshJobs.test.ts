import { escalatesToBackup, escalationGroupOf, deployPools } from '../../src/handoff/adviserPools';
import { cardChangeOf, handoffJob, type RefreshCardsJob } from '../../src/handoff/handoffJobs';
import { loadShippedContent } from '../support/sampleCards';

/**
 * The refresh job names its change as a typed value plus a count, and its outbox key stays the
 * string it was before (a delivered key must not come back as a new job after an upgrade); a job
 * stored with the old `reason` string still tells which change it was for.
 */
describe('the job that draws a case\'s cards again', () => {
  it('keeps the keys jobs had when the change was one string', () => {
    const keys = [
      handoffJob.refreshAdvisorCards('c1', 'claimed'),
      handoffJob.refreshAdvisorCards('c1', 'claimed', 2),
      handoffJob.refreshAdvisorCards('c1', 'offered', 3),
      handoffJob.refreshAdvisorCards('c1', 'handedOver', 3),
      handoffJob.refreshAdvisorCards('c1', 'declined', 1),
      handoffJob.refreshAdvisorCards('c1', 'withdrawn', 2),
      handoffJob.refreshAdvisorCards('c1', 'released', 1),
      handoffJob.refreshAdvisorCards('c1', 'reassigned', 2),
      handoffJob.refreshAdvisorCards('c1', 'closedByAdvisor'),
      handoffJob.refreshForAddedMessage('c1', 'add-7f3a'),
    ].map((job) => job.key);
    expect(keys).toEqual([
      'c1:refresh:claimed',
      'c1:refresh:claimed2',
      'c1:refresh:offered3',
      'c1:refresh:handedOver3',
      'c1:refresh:declined1',
      'c1:refresh:withdrawn2',
      'c1:refresh:released1',
      'c1:refresh:reassigned2',
      'c1:refresh:closedByAdvisor',
      'c1:refresh:added:add-7f3a',
    ]);
  });

  it('carries the change typed, and reads it back from the payload', () => {
    const job = handoffJob.refreshAdvisorCards('c1', 'handedOver', 2);
    expect(job.payload).toEqual({ caseId: 'c1', change: 'handedOver', occurrence: 2 });
    expect(cardChangeOf(job.payload as RefreshCardsJob)).toBe('handedOver');
    expect(cardChangeOf(handoffJob.refreshForAddedMessage('c1', 'add-1').payload as RefreshCardsJob)).toBe('added');
  });

  it.each([
    ['claimed', 'claimed'],
    ['claimed2', 'claimed'],
    ['handedOver12', 'handedOver'],
    ['released1', 'released'],
    ['reassigned3', 'reassigned'],
    ['closedForInactivity', 'closedForInactivity'],
    ['added:add-7f3a', 'added'],
    ['urgent', 'urgent'],
  ] as const)('reads a stored job with reason %s as the change %s', (reason, change) => {
    expect(cardChangeOf({ caseId: 'c1', reason })).toBe(change);
  });

  it('reads no change from a job stored before channels, or from a reason it does not know', () => {
    expect(cardChangeOf({ caseId: 'c1' })).toBeUndefined();
    expect(cardChangeOf({ caseId: 'c1', reason: 'renamed4' })).toBeUndefined();
  });
});

describe('where a waiting request escalates to', () => {
  const content = loadShippedContent();
  const pools = deployPools(content.adviserPools, {
    poolsWithPeople: new Set(['research-integrity']),
    poolsWithBackup: new Set([content.adviserPools.defaultPool]),
    organisationHours: content.organisation.officeHours,
    escalateAfterMinutes: 60,
    escalateUrgentAfterMinutes: 15,
  });

  it('sends advice to its own pool\'s backup group and a dialogue to the programme team again, never to the advisers\' backup', () => {
    expect(escalationGroupOf(pools, { kind: 'advice', pool: content.adviserPools.defaultPool })).toBe('backup');
    expect(escalationGroupOf(pools, { kind: 'advice', pool: 'research-integrity' })).toBe('backup:research-integrity');
    expect(escalationGroupOf(pools, { kind: 'team-dialogue', pool: undefined })).toBe('programme');
  });

  it('tells a requester of a backup only where the deployment has one; a dialogue never has', () => {
    expect(escalatesToBackup(pools, { kind: 'advice', pool: content.adviserPools.defaultPool })).toBe(true);
    expect(escalatesToBackup(pools, { kind: 'advice', pool: 'research-integrity' })).toBe(false);
    expect(escalatesToBackup(pools, { kind: 'team-dialogue', pool: undefined })).toBe(false);
  });
});
