import type { z } from 'zod';
import { buildDialogueRequestCard } from '../../cards/dialogueRequestCard';
import { buildHandoffConsentCard, buildHandoffStatusCard, buildNobodyElseCard, buildTooManyRequestsCard } from '../../cards/handoffCards';
import { buildDirectoryBusyCard, buildNoticeCard } from '../../cards/noticeCard';
import { consentCardAudience } from '../../handoff/adviserPools';
import type { HandoffCase } from '../../handoff/handoffCase';
import type { AnotherAdviserOutcome, RequesterActionOutcome, RequestOutcome } from '../../handoff/handoffService';
import { formatMoment } from '../../i18n/formatMoment';
import { showPersonalChatOnly } from './infoHandlers';
import { markOpenRequestsUrgent, tellMarkedUrgent } from './openRequestUrgency';
import type { BotTurn } from '../botTurn';
import { readTypedText } from '../readTypedText';
import type { caseIdPayload, dialogueConfirmPayload, dialogueStartPayload, flowPayload, handoffConfirmPayload } from '../cardPayloads';

/** The requester's side of the handoff: consent, confirmation, status, cancel, close, reveal, and the team-dialogue form. */

export async function startHandoff(turn: BotTurn, payload: z.infer<typeof flowPayload>): Promise<void> {
  const open = (await turn.services.handoff.openCasesOf(turn.personKey)).find((handoffCase) => handoffCase.kind === 'advice');
  if (open) {
    // The open request's code and adviser are the requester's alone, not the channel's.
    if (!turn.inPersonalChat) return showPersonalChatOnly(turn);
    await turn.send(buildHandoffStatusCard(turn.cardContext, open, 'alreadyOpen', turn.services.clock.now()));
    return;
  }
  await turn.send(buildHandoffConsentCard(turn.cardContext, payload.flow));
}

export async function confirmHandoff(turn: BotTurn, payload: z.infer<typeof handoffConfirmPayload>): Promise<void> {
  const { flow } = payload;
  const user = turn.user;
  const message = payload.message?.trim() || null;
  // What someone writes for the adviser is read for danger as any message they type is (readTypedText, so a bare
  // "HELP ME!!" too): the numbers come first (for `unclear` too: no question fits here), and `now` makes the request urgent.
  const read = message ? (await readTypedText(turn, message)).classification : undefined;
  if (read && read.danger !== 'none') await turn.showEmergencyRoute({ topic: read.topic ?? flow.topic, locale: read.locale });
  const urgent = payload.urgent === 'true' || flow.urgent === true || read?.danger === 'now';
  const audience = consentCardAudience(turn.services.content.adviserPools, flow.topic, payload);
  if (audience !== 'samePeople') {
    // The person consented to the people the card named: changed since it was drawn, or a card from an earlier version
    // that may have named others. Nothing is sent: the card again, naming who would see it now, with what they wrote and chose.
    // Urgency carries no words and goes to the people who already have the person's open request, so danger now (or a
    // ticked urgent, as on a current card) still reaches it: safety does not wait for the person to press again.
    const markedUrgent = urgent ? await markOpenRequestsUrgent(turn) : [];
    const { mode, contact } = payload;
    await turn.send(buildHandoffConsentCard(turn.cardContext, flow, { mode, contact, urgent: payload.urgent, message: payload.message, notSentBecause: audience }));
    await tellMarkedUrgent(turn, markedUrgent, message ? 'typed' : 'answered');
    return;
  }
  const dangerQuestionOpen = (await turn.openDangerQuestion()) !== undefined;
  const result = await turn.services.handoff.requestAdvice({
    requestId: turn.context.activity.id ?? '',
    requester: { personKey: turn.personKey, userId: user.userId, displayName: user.displayName },
    mode: payload.mode,
    locale: turn.locale,
    topic: flow.topic ?? null,
    perspective: flow.perspective ?? null,
    urgent,
    // Never refused for the limit of new requests while danger may be near: what they wrote, or the question still open.
    mayBeInDanger: read?.danger === 'unclear' || dangerQuestionOpen,
    contactPreference: payload.contact ?? 'teams-chat',
    message,
  });
  // The danger question left open stays open: a "ja" typed to it while the request waits reaches nobody else, and is its
  // answer (the emergency card, the request urgent); once an adviser has written since, a "ja" is theirs (dispatch `answer`).
  await answerRequest(turn, result, 'advice');
}

/** The confirmation of a new request, or what became of one sent while the person's request was open. */
async function answerRequest(turn: BotTurn, result: RequestOutcome, kind: HandoffCase['kind']): Promise<void> {
  const now = turn.services.clock.now();
  if (result.outcome === 'tooMany') {
    const timeZone = turn.clientTimeZone ?? turn.services.content.organisation.officeHours.timeZone;
    const nextAllowedAt = formatMoment(result.nextAllowedAt, { locale: turn.locale, timeZone }, 'time');
    await turn.send(buildTooManyRequestsCard(turn.cardContext, { kind, limit: result.limit, nextAllowedAt, openRequest: result.openRequest }));
    return;
  }
  if (result.outcome === 'created') {
    await turn.send(buildHandoffStatusCard(turn.cardContext, result.handoffCase, 'confirmed', now));
    return;
  }
  const { fate, urgent } = result;
  const addition = fate !== 'none' || urgent ? { fate, urgent } : undefined;
  await turn.send(buildHandoffStatusCard(turn.cardContext, result.handoffCase, 'alreadyOpen', now, addition));
}

export async function showHandoffStatus(turn: BotTurn): Promise<void> {
  const open = await turn.services.handoff.openCasesOf(turn.personKey);
  if (open.length === 0) {
    await turn.send(
      buildNoticeCard({
        text: turn.t('handoff.noCase.text'),
        buttons: [
          { title: turn.t('welcome.talk'), action: { verb: 'handoff.start', flow: {} } },
          { title: turn.t('common.menu'), action: { verb: 'welcome.show' } },
        ],
      }),
    );
    return;
  }
  // An advice and a dialogue request, or two of a kind after an upgrade (docs/SECURITY.md): each is theirs to see and cancel.
  const now = turn.services.clock.now();
  const several = open.length > 1 ? [buildNoticeCard({ text: turn.t('handoff.openRequests.several', { count: String(open.length) }) })] : [];
  await turn.send(...several, ...open.map((handoffCase) => buildHandoffStatusCard(turn.cardContext, handoffCase, 'status', now)));
}

export async function cancelHandoff(turn: BotTurn, payload: z.infer<typeof caseIdPayload>): Promise<void> {
  const result = await turn.services.handoff.cancelRequest(turn.personKey, payload.caseId);
  await answerRequesterAction(turn, result, 'cancelled');
}

export async function closeHandoff(turn: BotTurn, payload: z.infer<typeof caseIdPayload>): Promise<void> {
  const result = await turn.services.handoff.closeAsRequester(turn.personKey, payload.caseId);
  await answerRequesterAction(turn, result, result.outcome === 'ok' && result.handoffCase.status === 'cancelled' ? 'cancelled' : 'closed');
}

export async function revealIdentity(turn: BotTurn, payload: z.infer<typeof caseIdPayload>): Promise<void> {
  const { userId, displayName } = turn.user;
  const result = await turn.services.handoff.revealIdentity(turn.personKey, payload.caseId, userId, displayName);
  if (result.outcome === 'ok') {
    await turn.send(buildNoticeCard({ text: turn.t('handoff.revealed.text') }));
    return;
  }
  await answerRequesterAction(turn, result, 'status');
}

/** "Chat instead" on the confirmation of an anonymous request for a call: the chat needs no number. */
export async function chatInstead(turn: BotTurn, payload: z.infer<typeof caseIdPayload>): Promise<void> {
  const result = await turn.services.handoff.switchToChat(turn.personKey, payload.caseId);
  if (result.outcome === 'ok') {
    await turn.send(buildHandoffStatusCard(turn.cardContext, result.handoffCase, 'chatInstead', turn.services.clock.now()));
    return;
  }
  await answerRequesterAction(turn, result, 'status');
}

/** "Ask for another adviser": no reason asked; the adviser who had the case no longer sees it. */
export async function askForAnotherAdviser(turn: BotTurn, payload: z.infer<typeof caseIdPayload>): Promise<void> {
  const result = await turn.services.handoff.requestAnotherAdviser(turn.personKey, payload.caseId, turn.user.userId);
  if (result.outcome === 'notFound' || result.outcome === 'notOpen') {
    await answerRequesterAction(turn, result, 'status');
    return;
  }
  if (result.outcome === 'directoryBusy') {
    await turn.send(buildDirectoryBusyCard(turn.t));
    return;
  }
  if (result.outcome === 'nobodyElse') {
    await turn.send(buildNobodyElseCard(turn.cardContext, result.handoffCase));
    return;
  }
  const code = result.handoffCase.code;
  // A second click (perhaps handled by another instance) finds the move already made: the same answer.
  const moved = result.outcome === 'moved' || (result.handoffCase.movedAwayFrom?.length ?? 0) > 0;
  const text = turn.t(moved ? 'handoff.anotherAdviser.text' : 'handoff.anotherAdviser.notClaimed', { code });
  await turn.send(buildNoticeCard({ text, buttons: [{ title: turn.t('handoff.button.status'), action: { verb: 'handoff.status' } }] }));
}

async function answerRequesterAction(
  turn: BotTurn,
  result: RequesterActionOutcome | Exclude<AnotherAdviserOutcome, { readonly outcome: 'directoryBusy' }>,
  reason: 'cancelled' | 'closed' | 'status',
): Promise<void> {
  if (result.outcome === 'notFound') {
    // Someone else's case id, or one that never existed: the same answer, revealing nothing.
    await turn.send(buildNoticeCard({ text: turn.t('handoff.notAvailable.text') }));
    return;
  }
  const shown = result.outcome === 'ok' ? reason : 'status';
  await turn.send(buildHandoffStatusCard(turn.cardContext, result.handoffCase, shown, turn.services.clock.now()));
}

export async function startDialogueRequest(turn: BotTurn, payload: z.infer<typeof dialogueStartPayload>): Promise<void> {
  await turn.send(buildDialogueRequestCard(turn.cardContext, payload.format));
}

export async function confirmDialogueRequest(turn: BotTurn, payload: z.infer<typeof dialogueConfirmPayload>): Promise<void> {
  const user = turn.user;
  // The reason is read for danger as a request's message is (confirmHandoff): the numbers first, and `now` makes it urgent.
  const reason = payload.reason.trim();
  const read = reason ? (await readTypedText(turn, reason)).classification : undefined;
  if (read && read.danger !== 'none') await turn.showEmergencyRoute({ topic: read.topic, locale: read.locale });
  const result = await turn.services.handoff.requestDialogue({
    requestId: turn.context.activity.id ?? '',
    requester: { personKey: turn.personKey, userId: user.userId, displayName: user.displayName },
    locale: turn.locale,
    dialogue: {
      format: payload.format,
      team: payload.team.trim(),
      teamSize: payload.teamSize ? turn.t(`dialogue.size.${payload.teamSize}`) : '',
      preferredPeriod: payload.preferredPeriod.trim(),
      reason,
      contact: payload.contact.trim(),
    },
    urgent: read?.danger === 'now',
    mayBeInDanger: read?.danger === 'unclear' || (await turn.openDangerQuestion()) !== undefined,
  });
  await answerRequest(turn, result, 'team-dialogue');
}
