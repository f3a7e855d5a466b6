import type { Locale, Perspective, Role, Topic } from '../../src/guidance/vocabulary';
import type { InsightEvent, OutcomeCategory } from '../../src/insights/insightEvents';

/** An event as the bot would emit it during a conversation, with the moment it happened. */
export interface ScriptedEvent {
  readonly event: InsightEvent;
  readonly at: Date;
  /** The person key the bot would pass along: one per scripted person unless a script says otherwise. */
  readonly person?: string;
}

let scriptedPeople = 0;

/** Every event of one conversation comes from one person: a new one unless `person` is given. */
function byOnePerson(events: ScriptedEvent[], person: string = `scripted-person-${++scriptedPeople}`): ScriptedEvent[] {
  return events.map((event) => ({ ...event, person }));
}

/** A moment on a given day in Amsterdam office hours (UTC+1 in winter). */
export function onDay(day: string, hourUtc = 10): Date {
  return new Date(`${day}T${String(hourUtc).padStart(2, '0')}:15:00Z`);
}

interface GuidanceConversation {
  readonly day: string;
  readonly topic: Topic;
  readonly perspective: Perspective;
  readonly role: Role;
  readonly locale: Locale;
  /** undefined: the person gave no feedback. */
  readonly helpful?: boolean;
  readonly urgent?: boolean;
  readonly person?: string;
}

/** Someone describes a situation, sees guidance and maybe says whether it helped. */
export function asksWhatToDo(conversation: GuidanceConversation): ScriptedEvent[] {
  const at = onDay(conversation.day);
  const { topic, perspective, role, locale } = conversation;
  return byOnePerson([
    { event: { kind: 'intent', intent: 'guidance' }, at },
    ...(conversation.urgent ? [{ event: { kind: 'urgentRouteShown' } as const, at }] : []),
    { event: { kind: 'guidanceShown', topic, perspective, role, locale }, at },
    ...(conversation.helpful === undefined
      ? []
      : [{ event: { kind: 'guidanceFeedback', helpful: conversation.helpful, topic } as const, at }]),
  ], conversation.person);
}

interface HandoffConversation {
  readonly day: string;
  readonly mode: 'named' | 'anonymous';
  readonly topic: Topic | null;
  /** What happened next: claimed after so many minutes, cancelled or expired (on `endDay`). */
  readonly then: { readonly claimedAfterMinutes: number; readonly outcome?: OutcomeCategory } | 'cancelled' | 'expired';
  readonly endDay?: string;
  readonly person?: string;
}

/** Someone asks for a confidential adviser; an advisor claims it (or not). */
export function asksForAnAdvisor(conversation: HandoffConversation): ScriptedEvent[] {
  const at = onDay(conversation.day);
  const end = onDay(conversation.endDay ?? conversation.day, 15);
  const events: ScriptedEvent[] = [
    { event: { kind: 'intent', intent: 'talk' }, at },
    { event: { kind: 'handoffRequested', mode: conversation.mode, topic: conversation.topic }, at },
  ];
  if (conversation.then === 'cancelled') return byOnePerson([...events, { event: { kind: 'handoffCancelled' }, at: end }], conversation.person);
  if (conversation.then === 'expired') return byOnePerson([...events, { event: { kind: 'handoffExpired' }, at: end }], conversation.person);
  events.push({ event: { kind: 'handoffClaimed', minutesToClaim: conversation.then.claimedAfterMinutes }, at: end });
  if (conversation.then.outcome) events.push({ event: { kind: 'caseClosed', outcome: conversation.then.outcome }, at: end });
  return byOnePerson(events, conversation.person);
}

/** A manager asks for a facilitated team dialogue. */
export function asksForATeamDialogue(day: string): ScriptedEvent[] {
  const at = onDay(day);
  return byOnePerson([
    { event: { kind: 'intent', intent: 'team-dialog' }, at },
    { event: { kind: 'dialogueRequested' }, at },
  ]);
}

export function saysHello(day: string): ScriptedEvent[] {
  return byOnePerson([{ event: { kind: 'intent', intent: 'help' }, at: onDay(day) }]);
}

/**
 * Three weeks of 2026 (W02–W04): 12 people ask about bullying, 3 about research integrity,
 * 7 ask for an advisor, 2 managers ask for a team dialogue, 6 just say hello.
 */
export function programmeQuarterStart(): ScriptedEvent[] {
  const bullyingDays = ['2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08', '2026-01-09', '2026-01-12', '2026-01-13', '2026-01-14', '2026-01-15', '2026-01-16', '2026-01-19', '2026-01-20'];
  const bullying = bullyingDays.flatMap((day, index) =>
    asksWhatToDo({
      day,
      topic: 'bullying',
      perspective: index < 8 ? 'witness' : 'target',
      role: index < 9 ? 'employee' : 'student',
      locale: index < 10 ? 'nl' : 'en',
      helpful: index < 10 ? true : index < 12 ? false : undefined,
      urgent: index === 11,
    }),
  );
  const researchIntegrity = ['2026-01-06', '2026-01-13', '2026-01-21'].flatMap((day) =>
    asksWhatToDo({ day, topic: 'research-integrity', perspective: 'witness', role: 'employee', locale: 'en', helpful: true }),
  );
  const handoffs = [
    asksForAnAdvisor({ day: '2026-01-05', mode: 'anonymous', topic: 'bullying', then: { claimedAfterMinutes: 3, outcome: 'advice-given' } }),
    asksForAnAdvisor({ day: '2026-01-06', mode: 'anonymous', topic: 'bullying', then: { claimedAfterMinutes: 12, outcome: 'advice-given' } }),
    asksForAnAdvisor({ day: '2026-01-07', mode: 'named', topic: 'bullying', then: { claimedAfterMinutes: 20, outcome: 'referred' } }),
    asksForAnAdvisor({ day: '2026-01-12', mode: 'anonymous', topic: 'bullying', then: { claimedAfterMinutes: 25, outcome: 'advice-given' } }),
    asksForAnAdvisor({ day: '2026-01-13', mode: 'anonymous', topic: 'bullying', then: { claimedAfterMinutes: 45, outcome: 'advice-given' } }),
    asksForAnAdvisor({ day: '2026-01-14', mode: 'named', topic: null, then: { claimedAfterMinutes: 200 } }),
    asksForAnAdvisor({ day: '2026-01-19', mode: 'anonymous', topic: 'bullying', then: 'cancelled', endDay: '2026-01-20' }),
  ].flat();
  const dialogues = [...asksForATeamDialogue('2026-01-08'), ...asksForATeamDialogue('2026-01-21')];
  const hellos = ['2026-01-05', '2026-01-05', '2026-01-06', '2026-01-12', '2026-01-19', '2026-01-20'].flatMap(saysHello);
  return [...bullying, ...researchIntegrity, ...handoffs, ...dialogues, ...hellos];
}

/** What `programmeQuarterStart` must add up to over its three weeks, counted by hand from the script. */
export const PROGRAMME_QUARTER_START_TOTALS: Readonly<Record<string, number>> = {
  'intent:guidance': 15,
  'intent:talk': 7,
  'intent:team-dialog': 2,
  'intent:help': 6,
  'guidance:shown': 15,
  'topic:bullying': 12,
  'topic:research-integrity': 3,
  'perspective:witness': 11,
  'perspective:target': 4,
  'role:employee': 12,
  'role:student': 3,
  'locale:nl': 10,
  'locale:en': 5,
  'feedback:helpful': 13,
  'feedback:not-helpful': 2,
  'feedback:helpful:bullying': 10,
  'feedback:not-helpful:bullying': 2,
  'feedback:helpful:research-integrity': 3,
  'urgent-route:shown': 1,
  'handoff:requested': 7,
  'handoff:requested:anonymous': 5,
  'handoff:requested:named': 2,
  'handoff:requested:topic:bullying': 6,
  'handoff:requested:topic:none': 1,
  'handoff:claimed': 6,
  'handoff:cancelled': 1,
  'dialogue:requested': 2,
  'outcome:advice-given': 4,
  'outcome:referred': 1,
};

/** Claim times 3, 12, 20, 25, 45 and 200 minutes. */
export const PROGRAMME_QUARTER_START_MINUTES_TO_CLAIM: Readonly<Record<string, number>> = {
  '0-5': 1,
  '5-15': 1,
  '15-30': 2,
  '30-60': 1,
  '120-240': 1,
};
