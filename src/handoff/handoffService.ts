import { createHash } from 'node:crypto';
import type { Locale, Perspective, Topic } from '../guidance/vocabulary';
import type { InsightEvent } from '../insights/insightEvents';
import { noInsights, type InsightsSink } from '../insights/insightsRecorder';
import type { AdvisorPool, AdvisorRoster } from './advisorRoster';
import { newCaseCode } from './caseCode';
import type { CaseRepository } from './caseRepository';
import type { Clock } from './clock';
import {
  cancel,
  claim,
  closeByAdvisor,
  closeByRequester,
  expire,
  isOpen,
  isRelayedThroughBot,
  markEscalated,
  markNotified,
  purgeContent,
  revealIdentity,
  type Advisor,
  type CaseKind,
  type CaseMode,
  type ContactPreference,
  type DialogueRequest,
  type HandoffCase,
  type OutcomeCategory,
  type Requester,
} from './handoffCase';

/** Outbound work the handoff creates; the bot layer executes these jobs through the outbox. */
export const HANDOFF_JOBS = {
  notifyAdvisors: 'handoff.notifyAdvisors',
  refreshAdvisorCards: 'handoff.refreshAdvisorCards',
  notifyRequester: 'handoff.notifyRequester',
  notifyClaimingAdvisor: 'handoff.notifyClaimingAdvisor',
  escalate: 'handoff.escalate',
} as const;

export type RequesterUpdate = 'claimed' | 'escalated' | 'closed' | 'expired' | 'advisorMessage';
export type AdvisorUpdate = 'cancelled' | 'closedByRequester' | 'requesterMessage' | 'identityRevealed' | 'followUpReminder';

export interface NotifyAdvisorsJob {
  readonly caseId: string;
  readonly pool: AdvisorPool;
}
export interface CaseJob {
  readonly caseId: string;
}
export interface NotifyRequesterJob {
  readonly caseId: string;
  readonly update: RequesterUpdate;
  /** Relayed text lives only in the pending job, and is gone once delivered. */
  readonly text?: string;
}
export interface NotifyClaimingAdvisorJob {
  readonly caseId: string;
  readonly update: AdvisorUpdate;
  readonly text?: string;
}

export interface JobQueue {
  enqueue(key: string, kind: string, payload: unknown): Promise<unknown>;
}

export interface HandoffSettings {
  readonly escalateAfterMinutes: number;
  readonly escalateUrgentAfterMinutes: number;
  readonly expireAfterDays: number;
  readonly retentionDays: number;
}

export interface NewAdviceRequest {
  /** The id of the confirming activity: a re-sent activity maps to the same case. */
  readonly requestId: string;
  readonly requester: Requester;
  readonly mode: CaseMode;
  readonly locale: Locale;
  readonly topic: Topic | null;
  readonly perspective: Perspective | null;
  readonly urgent: boolean;
  readonly contactPreference: ContactPreference;
  readonly message: string | null;
}

export interface NewDialogueRequest {
  readonly requestId: string;
  readonly requester: Requester;
  readonly locale: Locale;
  readonly dialogue: DialogueRequest;
}

export type RequestOutcome =
  | { readonly outcome: 'created'; readonly handoffCase: HandoffCase }
  | { readonly outcome: 'alreadyOpen'; readonly handoffCase: HandoffCase };

export type OwnCaseOutcome =
  | { readonly outcome: 'found'; readonly handoffCase: HandoffCase }
  | { readonly outcome: 'notFound' };

export type ClaimOutcome =
  | { readonly outcome: 'claimed'; readonly handoffCase: HandoffCase }
  | { readonly outcome: 'alreadyClaimed'; readonly handoffCase: HandoffCase }
  | { readonly outcome: 'notOpen'; readonly handoffCase: HandoffCase }
  | { readonly outcome: 'notAnAdvisor' }
  | { readonly outcome: 'notFound' };

export type AdvisorCaseOutcome =
  | { readonly outcome: 'ok'; readonly handoffCase: HandoffCase }
  | { readonly outcome: 'notYourCase'; readonly handoffCase: HandoffCase }
  /** Closed, cancelled or expired already: nothing more to do on it. */
  | { readonly outcome: 'notOpen'; readonly handoffCase: HandoffCase }
  | { readonly outcome: 'notAnAdvisor' }
  | { readonly outcome: 'notFound' };

export type RequesterActionOutcome =
  | { readonly outcome: 'ok'; readonly handoffCase: HandoffCase }
  | { readonly outcome: 'notOpen'; readonly handoffCase: HandoffCase }
  | { readonly outcome: 'notFound' };

export type RelayOutcome =
  | { readonly outcome: 'relayed'; readonly handoffCase: HandoffCase }
  | { readonly outcome: 'waitingForAdvisor'; readonly handoffCase: HandoffCase }
  | { readonly outcome: 'noRelayedCase' };

/**
 * The handoff use cases. It speaks only in plain values and typed outcomes; the bot layer
 * turns those into cards, and outbox jobs carry everything that leaves the process.
 */
export class HandoffService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly jobs: JobQueue,
    private readonly roster: AdvisorRoster,
    private readonly clock: Clock,
    private readonly settings: HandoffSettings,
    private readonly insights: InsightsSink = noInsights,
  ) {}

  async requestAdvice(request: NewAdviceRequest): Promise<RequestOutcome> {
    return this.createCase(request.requestId, request.requester, 'advice', {
      mode: request.mode,
      locale: request.locale,
      topic: request.topic,
      perspective: request.perspective,
      urgent: request.urgent,
      contactPreference: request.contactPreference,
      message: request.message,
      dialogue: null,
    });
  }

  async requestDialogue(request: NewDialogueRequest): Promise<RequestOutcome> {
    return this.createCase(request.requestId, request.requester, 'team-dialogue', {
      mode: 'named',
      locale: request.locale,
      topic: null,
      perspective: 'manager',
      urgent: false,
      contactPreference: 'teams-chat',
      message: null,
      dialogue: request.dialogue,
    });
  }

  private async createCase(
    requestId: string,
    requester: Requester,
    kind: CaseKind,
    details: Pick<
      HandoffCase,
      'mode' | 'locale' | 'topic' | 'perspective' | 'urgent' | 'contactPreference' | 'message' | 'dialogue'
    >,
  ): Promise<RequestOutcome> {
    const id = caseIdFor(requester.personKey, requestId);
    const existing = await this.cases.get(id);
    if (existing) return { outcome: 'created', handoffCase: existing };
    const open = (await this.cases.listCasesOf(requester.personKey)).find((found) => isOpen(found) && found.kind === kind);
    if (open) return { outcome: 'alreadyOpen', handoffCase: open };

    const handoffCase: HandoffCase = {
      id,
      code: newCaseCode(),
      kind,
      status: 'requested',
      requester: details.mode === 'anonymous' ? { personKey: requester.personKey } : requester,
      ...details,
      createdAt: this.clock.now().toISOString(),
      notifiedAt: null,
      escalatedAt: null,
      claimedAt: null,
      claimedBy: null,
      closedAt: null,
      closedBy: null,
      outcome: null,
      followUpOn: null,
    };
    await this.cases.create(handoffCase);
    // The case and its notification job are both stored before the person sees a confirmation.
    await this.jobs.enqueue(`${id}:notify`, HANDOFF_JOBS.notifyAdvisors, {
      caseId: id,
      pool: kind === 'team-dialogue' ? 'programme' : 'advisors',
    } satisfies NotifyAdvisorsJob);
    this.insights.record(
      kind === 'team-dialogue' ? { kind: 'dialogueRequested' } : { kind: 'handoffRequested', mode: handoffCase.mode, topic: handoffCase.topic },
      this.clock.now(),
    );
    return { outcome: 'created', handoffCase };
  }

  async recordNotified(caseId: string): Promise<void> {
    await this.cases.update(caseId, (current) => markNotified(current, this.clock.now()));
  }

  async findOwnCase(personKey: string, caseId?: string): Promise<OwnCaseOutcome> {
    const cases = await this.cases.listCasesOf(personKey);
    const found = caseId ? cases.find((candidate) => candidate.id === caseId) : cases.find(isOpen);
    return found ? { outcome: 'found', handoffCase: found } : { outcome: 'notFound' };
  }

  async cancelRequest(personKey: string, caseId: string): Promise<RequesterActionOutcome> {
    const own = await this.findOwnCase(personKey, caseId);
    if (own.outcome === 'notFound') return own;
    const result = await this.cases.update(caseId, (current) => cancel(current, this.clock.now()));
    if (result.outcome === 'notFound') return result;
    if (result.outcome !== 'ok') return { outcome: 'notOpen', handoffCase: result.current };
    this.recordForAdvice(result.next, { kind: 'handoffCancelled' });
    await this.jobs.enqueue(`${caseId}:refresh:cancelled`, HANDOFF_JOBS.refreshAdvisorCards, { caseId } satisfies CaseJob);
    if (result.previous.status === 'claimed') {
      await this.jobs.enqueue(`${caseId}:advisor:cancelled`, HANDOFF_JOBS.notifyClaimingAdvisor, {
        caseId,
        update: 'cancelled',
      } satisfies NotifyClaimingAdvisorJob);
    }
    return { outcome: 'ok', handoffCase: result.next };
  }

  async closeAsRequester(personKey: string, caseId: string): Promise<RequesterActionOutcome> {
    const own = await this.findOwnCase(personKey, caseId);
    if (own.outcome === 'notFound') return own;
    if (own.handoffCase.status !== 'claimed') return this.cancelRequest(personKey, caseId);
    const result = await this.cases.update(caseId, (current) => closeByRequester(current, this.clock.now()));
    if (result.outcome === 'notFound') return result;
    if (result.outcome !== 'ok') return { outcome: 'notOpen', handoffCase: result.current };
    await this.jobs.enqueue(`${caseId}:refresh:closed`, HANDOFF_JOBS.refreshAdvisorCards, { caseId } satisfies CaseJob);
    await this.jobs.enqueue(`${caseId}:advisor:closed`, HANDOFF_JOBS.notifyClaimingAdvisor, {
      caseId,
      update: 'closedByRequester',
    } satisfies NotifyClaimingAdvisorJob);
    return { outcome: 'ok', handoffCase: result.next };
  }

  async revealIdentity(personKey: string, caseId: string, userId: string, displayName: string): Promise<RequesterActionOutcome> {
    const own = await this.findOwnCase(personKey, caseId);
    if (own.outcome === 'notFound') return own;
    const result = await this.cases.update(caseId, (current) => revealIdentity(current, userId, displayName, this.clock.now()));
    if (result.outcome === 'notFound') return result;
    if (result.outcome !== 'ok') return { outcome: 'notOpen', handoffCase: result.current };
    await this.jobs.enqueue(`${caseId}:refresh:revealed`, HANDOFF_JOBS.refreshAdvisorCards, { caseId } satisfies CaseJob);
    if (result.next.status === 'claimed') {
      await this.jobs.enqueue(`${caseId}:advisor:revealed`, HANDOFF_JOBS.notifyClaimingAdvisor, {
        caseId,
        update: 'identityRevealed',
      } satisfies NotifyClaimingAdvisorJob);
    }
    return { outcome: 'ok', handoffCase: result.next };
  }

  /** Only pool members may read a case; anyone else learns nothing, not even whether it exists. */
  async viewAsAdvisor(caseId: string, advisorUserId: string): Promise<AdvisorCaseOutcome> {
    const handoffCase = await this.cases.get(caseId);
    if (!(await this.advisorFor(handoffCase, advisorUserId))) return { outcome: 'notAnAdvisor' };
    if (!handoffCase) return { outcome: 'notFound' };
    return { outcome: 'ok', handoffCase };
  }

  async claimCase(caseId: string, advisorUserId: string): Promise<ClaimOutcome> {
    const handoffCase = await this.cases.get(caseId);
    const advisor = await this.advisorFor(handoffCase, advisorUserId);
    if (!advisor) return { outcome: 'notAnAdvisor' };
    if (!handoffCase) return { outcome: 'notFound' };
    const result = await this.cases.update(caseId, (current) => claim(current, advisor, this.clock.now()));
    if (result.outcome === 'notFound') return result;
    if (result.outcome !== 'ok') return { outcome: result.outcome, handoffCase: result.current };
    const minutesToClaim = (this.clock.now().getTime() - new Date(result.next.createdAt).getTime()) / 60_000;
    this.recordForAdvice(result.next, { kind: 'handoffClaimed', minutesToClaim: Math.max(0, minutesToClaim) });
    await this.jobs.enqueue(`${caseId}:requester:claimed`, HANDOFF_JOBS.notifyRequester, {
      caseId,
      update: 'claimed',
    } satisfies NotifyRequesterJob);
    await this.jobs.enqueue(`${caseId}:refresh:claimed`, HANDOFF_JOBS.refreshAdvisorCards, { caseId } satisfies CaseJob);
    return { outcome: 'claimed', handoffCase: result.next };
  }

  async closeCase(
    caseId: string,
    advisorUserId: string,
    outcome: OutcomeCategory,
    followUpInDays: number | null,
  ): Promise<AdvisorCaseOutcome> {
    const handoffCase = await this.cases.get(caseId);
    if (!(await this.advisorFor(handoffCase, advisorUserId))) return { outcome: 'notAnAdvisor' };
    if (!handoffCase) return { outcome: 'notFound' };
    const now = this.clock.now();
    const followUpOn = followUpInDays ? new Date(now.getTime() + followUpInDays * 86_400_000).toISOString().slice(0, 10) : null;
    const result = await this.cases.update(caseId, (current) =>
      closeByAdvisor(current, advisorUserId, outcome, followUpOn, now),
    );
    if (result.outcome === 'notFound') return result;
    if (result.outcome === 'closedByYouAlready') return { outcome: 'ok', handoffCase: result.current };
    if (result.outcome === 'alreadyClosed') return { outcome: 'notOpen', handoffCase: result.current };
    if (result.outcome !== 'ok') return { outcome: 'notYourCase', handoffCase: result.current };
    this.recordForAdvice(result.next, { kind: 'caseClosed', outcome });
    // A requester who ended the conversation themselves has been told already.
    if (result.previous.status !== 'closed') {
      await this.jobs.enqueue(`${caseId}:requester:closed`, HANDOFF_JOBS.notifyRequester, {
        caseId,
        update: 'closed',
      } satisfies NotifyRequesterJob);
    }
    await this.jobs.enqueue(`${caseId}:refresh:closedByAdvisor`, HANDOFF_JOBS.refreshAdvisorCards, { caseId } satisfies CaseJob);
    return { outcome: 'ok', handoffCase: result.next };
  }

  /** A requester's message during an open case that runs through the bot goes to the advisor who claimed it. */
  async relayFromRequester(personKey: string, messageId: string, text: string): Promise<RelayOutcome> {
    const open = (await this.cases.listCasesOf(personKey)).find((candidate) => isOpen(candidate) && isRelayedThroughBot(candidate));
    if (!open) return { outcome: 'noRelayedCase' };
    if (open.status !== 'claimed') return { outcome: 'waitingForAdvisor', handoffCase: open };
    await this.jobs.enqueue(`${open.id}:toAdvisor:${messageId}`, HANDOFF_JOBS.notifyClaimingAdvisor, {
      caseId: open.id,
      update: 'requesterMessage',
      text,
    } satisfies NotifyClaimingAdvisorJob);
    return { outcome: 'relayed', handoffCase: open };
  }

  async relayFromAdvisor(caseId: string, advisorUserId: string, messageId: string, text: string): Promise<AdvisorCaseOutcome> {
    const handoffCase = await this.cases.get(caseId);
    if (!(await this.advisorFor(handoffCase, advisorUserId))) return { outcome: 'notAnAdvisor' };
    if (!handoffCase) return { outcome: 'notFound' };
    if (!isOpen(handoffCase)) return { outcome: 'notOpen', handoffCase };
    if (handoffCase.status !== 'claimed' || handoffCase.claimedBy?.userId !== advisorUserId || !isRelayedThroughBot(handoffCase)) {
      return { outcome: 'notYourCase', handoffCase };
    }
    await this.jobs.enqueue(`${caseId}:toRequester:${messageId}`, HANDOFF_JOBS.notifyRequester, {
      caseId,
      update: 'advisorMessage',
      text,
    } satisfies NotifyRequesterJob);
    return { outcome: 'ok', handoffCase };
  }

  /** The sweep: escalate requests nobody claimed in time, expire the ones left far too long. */
  async escalateOverdue(): Promise<{ escalated: number; expired: number }> {
    const now = this.clock.now();
    let escalated = 0;
    let expired = 0;
    for (const open of await this.cases.listOpen()) {
      if (open.status === 'claimed') continue;
      const ageMinutes = (now.getTime() - new Date(open.createdAt).getTime()) / 60_000;
      if (ageMinutes >= this.settings.expireAfterDays * 24 * 60) {
        const result = await this.cases.update(open.id, (current) => expire(current, now));
        if (result.outcome === 'ok') {
          expired += 1;
          this.recordForAdvice(result.next, { kind: 'handoffExpired' });
          await this.jobs.enqueue(`${open.id}:requester:expired`, HANDOFF_JOBS.notifyRequester, {
            caseId: open.id,
            update: 'expired',
          } satisfies NotifyRequesterJob);
          await this.jobs.enqueue(`${open.id}:refresh:expired`, HANDOFF_JOBS.refreshAdvisorCards, { caseId: open.id } satisfies CaseJob);
        }
        continue;
      }
      const limit = open.urgent ? this.settings.escalateUrgentAfterMinutes : this.settings.escalateAfterMinutes;
      if (open.escalatedAt || ageMinutes < limit) continue;
      const result = await this.cases.update(open.id, (current) => markEscalated(current, now));
      if (result.outcome !== 'ok') continue;
      escalated += 1;
      await this.jobs.enqueue(`${open.id}:escalate`, HANDOFF_JOBS.escalate, { caseId: open.id } satisfies CaseJob);
      // The cards already in advisers' chats say "escalated" too, not only after a refresh.
      await this.jobs.enqueue(`${open.id}:refresh:escalated`, HANDOFF_JOBS.refreshAdvisorCards, { caseId: open.id } satisfies CaseJob);
      await this.jobs.enqueue(`${open.id}:requester:escalated`, HANDOFF_JOBS.notifyRequester, {
        caseId: open.id,
        update: 'escalated',
      } satisfies NotifyRequesterJob);
    }
    return { escalated, expired };
  }

  /** Reminds advisors of the follow-ups they asked for when closing, once, on the day. */
  async sendDueFollowUpReminders(): Promise<number> {
    const today = this.clock.now().toISOString().slice(0, 10);
    let sent = 0;
    for (const handoffCase of await this.cases.listAll()) {
      if (handoffCase.status !== 'closed' || !handoffCase.followUpOn || handoffCase.followUpRemindedAt) continue;
      if (handoffCase.followUpOn > today || !handoffCase.claimedBy || handoffCase.claimedBy.userId === 'purged') continue;
      await this.cases.overwrite({ ...handoffCase, followUpRemindedAt: this.clock.now().toISOString() });
      await this.jobs.enqueue(`${handoffCase.id}:advisor:followUp`, HANDOFF_JOBS.notifyClaimingAdvisor, {
        caseId: handoffCase.id,
        update: 'followUpReminder',
      } satisfies NotifyClaimingAdvisorJob);
      sent += 1;
    }
    return sent;
  }

  /** What an advisor may see when asking for open requests: those of the pools they belong to. */
  async listOpenCasesFor(advisorUserId: string): Promise<{ outcome: 'ok'; cases: HandoffCase[] } | { outcome: 'notAnAdvisor' }> {
    const inAdvicePools = await this.roster.findMember(['advisors', 'backup'], advisorUserId);
    const inProgramme = await this.roster.findMember(['programme'], advisorUserId);
    if (!inAdvicePools && !inProgramme) return { outcome: 'notAnAdvisor' };
    const open = await this.cases.listOpen();
    const visible = open.filter((handoffCase) => (handoffCase.kind === 'team-dialogue' ? inProgramme : inAdvicePools));
    return { outcome: 'ok', cases: visible.sort((a, b) => a.createdAt.localeCompare(b.createdAt)) };
  }

  /** Retention: case content goes once a case has been closed for the retention period. */
  async purgeClosedCaseContent(): Promise<number> {
    const cutoff = this.clock.now().getTime() - this.settings.retentionDays * 86_400_000;
    let purged = 0;
    for (const handoffCase of await this.cases.listAll()) {
      if (isOpen(handoffCase) || !handoffCase.closedAt || handoffCase.requester.personKey === 'purged') continue;
      if (new Date(handoffCase.closedAt).getTime() > cutoff) continue;
      await this.cases.removeFromRequesterIndex(handoffCase.requester.personKey, handoffCase.id);
      await this.cases.overwrite(purgeContent(handoffCase));
      purged += 1;
    }
    return purged;
  }

  /** "Forget me": refuses while a case is open; otherwise anonymises every closed case of the person. */
  async forgetRequester(personKey: string): Promise<{ outcome: 'forgotten'; cases: number } | { outcome: 'hasOpenCase'; handoffCase: HandoffCase }> {
    const cases = await this.cases.listCasesOf(personKey);
    const open = cases.find(isOpen);
    if (open) return { outcome: 'hasOpenCase', handoffCase: open };
    for (const handoffCase of cases) {
      await this.cases.overwrite(purgeContent(handoffCase));
      await this.cases.removeFromRequesterIndex(personKey, handoffCase.id);
    }
    return { outcome: 'forgotten', cases: cases.length };
  }

  /** Handoff figures are about advice requests; team dialogues have a count of their own. */
  private recordForAdvice(handoffCase: HandoffCase, event: InsightEvent): void {
    if (handoffCase.kind === 'advice') this.insights.record(event, this.clock.now());
  }

  private async advisorFor(handoffCase: HandoffCase | undefined, userId: string): Promise<Advisor | undefined> {
    // Without a case, any pool membership decides what the refusal looks like; nothing leaks either way.
    const pools: AdvisorPool[] =
      handoffCase?.kind === 'team-dialogue' ? ['programme'] : handoffCase ? ['advisors', 'backup'] : ['advisors', 'backup', 'programme'];
    const member = await this.roster.findMember(pools, userId);
    return member ? { userId: member.id, displayName: member.displayName } : undefined;
  }
}

/** The same person confirming the same activity again (a Teams retry) maps to the same case. */
export function caseIdFor(personKey: string, requestId: string): string {
  return createHash('sha256').update(`${personKey}:${requestId}`).digest('hex').slice(0, 32);
}
