import type { z } from 'zod';
import { buildGuidanceCard } from '../../cards/guidanceCard';
import { buildNoticeCard } from '../../cards/noticeCard';
import { buildQuestionCard } from '../../cards/questionCard';
import { resolveGuidance } from '../../guidance/guidance';
import { asksDangerFirst, nextStep, stepBack, type FlowState } from '../../guidance/guidedFlow';
import { isPerspective, isRole, isTopic, type Topic } from '../../guidance/vocabulary';
import type { BotTurn } from '../botTurn';
import { poolForTopic } from '../../handoff/adviserPools';
import type { feedbackPayload, flowAnswerPayload, flowBackPayload, flowPayload, flowStartPayload } from '../cardPayloads';
import { markOpenRequestsUrgent, tellMarkedUrgent } from './openRequestUrgency';
import { showExpiredCard, showWelcome } from './infoHandlers';

/** Shows the next unanswered question of the guided flow, or the guidance once all is known. */
async function continueFlow(
  turn: BotTurn,
  flow: FlowState,
  options: { likelyTopics?: readonly Topic[]; understood?: string; dangerFirst?: boolean; callForHelp?: true } = {},
): Promise<void> {
  const step = options.dangerFirst ? 'danger' : nextStep(flow, turn.preferences.role);
  if (step !== 'guidance') {
    const [cardId] = await turn.send(buildQuestionCard(turn.cardContext, { step, flow, ...options, raisedIn: turn.messageLanguage }));
    // People in a hurry type their answer instead of pressing a button: dispatch's `answer` step reads it.
    if (step === 'danger') await turn.rememberDangerQuestion({ flow, likelyTopics: options.likelyTopics, callForHelp: options.callForHelp }, cardId);
    return;
  }
  // nextStep only returns 'guidance' when all three are known.
  const situation = { topic: flow.topic!, perspective: flow.perspective!, role: turn.preferences.role!, locale: turn.locale };
  const guidance = resolveGuidance(turn.services.content, situation);
  turn.recordInsight({ kind: 'guidanceShown', ...situation });
  await turn.send(buildGuidanceCard(turn.cardContext, guidance, flow));
}

/** From free text (or "start over"): skip what the message already told, ask the rest. */
export async function startFlow(turn: BotTurn, payload: z.infer<typeof flowStartPayload>): Promise<void> {
  const { flow, likelyTopics } = payload;
  const understood = payload.fromText ? summarise(turn, flow) : undefined;
  const dangerFirst = asksDangerFirst(flow, payload.danger ?? 'none');
  await continueFlow(turn, flow, { likelyTopics: flow.topic ? undefined : likelyTopics, understood, dangerFirst });
}

/**
 * The danger question asked first, for a message whose danger words leave the time or
 * seriousness open but that asks for something other than guidance: shown before that answer.
 */
export async function askAboutDangerFirst(turn: BotTurn, flow: FlowState): Promise<void> {
  await continueFlow(turn, flow, { dangerFirst: true });
}

/**
 * The danger question for a message of nothing but words that call for help ("112", "SOS!!", "help help"): every
 * number and call button first, nothing else; "yes" shows the emergency card, "no" the menu such a message got before.
 */
export async function askWhetherCallForHelpIsDanger(turn: BotTurn): Promise<void> {
  await continueFlow(turn, {}, { dangerFirst: true, callForHelp: true });
}

export async function restartFlow(turn: BotTurn): Promise<void> {
  await continueFlow(turn, {});
}

export async function answerFlowStep(turn: BotTurn, payload: z.infer<typeof flowAnswerPayload>): Promise<void> {
  const { step, answer, flow } = payload;
  switch (step) {
    case 'perspective':
      if (!isPerspective(answer)) return showExpiredCard(turn);
      // Keeps what the message already told (a topic, an urgent "yes", the likely topics), so those steps stay skipped.
      return continueFlow(turn, { ...flow, perspective: answer }, { likelyTopics: flow.topic ? undefined : payload.likelyTopics });
    case 'topic':
      if (!isTopic(answer)) return showExpiredCard(turn);
      return continueFlow(turn, { ...flow, topic: answer });
    case 'danger': {
      // A typed answer torn between yes and no ("Ja, het is voorbij", "niemand helpt ons", typedDangerAnswers.ts): the question
      // again, the numbers first, and nothing marked urgent. It stays open under the new card.
      if (answer === 'again') return continueFlow(turn, flow, { dangerFirst: true, likelyTopics: payload.likelyTopics, callForHelp: payload.callForHelp });
      if (answer !== 'yes' && answer !== 'no') return showExpiredCard(turn);
      // A typed answer has no card; a button names its card, so an earlier question card leaves a newer question open.
      await turn.closeDangerQuestion(turn.context.activity.type === 'message' && turn.context.activity.value ? turn.context.activity.replyToId : undefined);
      const urgent = answer === 'yes';
      // In the language of the message that raised the question, as a typed answer shows it, whatever was written since.
      if (urgent) await turn.showEmergencyRoute({ topic: flow.topic, locale: payload.raisedIn });
      // "Yes, now" is the same danger as typed danger: an open request of the person becomes urgent.
      // Only in the personal chat, as for typed danger: the notice names the request's code.
      if (urgent && turn.inPersonalChat) await tellMarkedUrgent(turn, await markOpenRequestsUrgent(turn), 'answered');
      if (!urgent && payload.callForHelp) return showWelcome(turn);
      // Asked first (an unclear message), the likely topics still wait for the topic question.
      return continueFlow(turn, { ...flow, urgent }, { likelyTopics: flow.topic ? undefined : payload.likelyTopics });
    }
    case 'role':
      if (!isRole(answer)) return showExpiredCard(turn);
      await turn.updatePreferences({ role: answer });
      return continueFlow(turn, flow);
  }
}

export async function goBackInFlow(turn: BotTurn, payload: z.infer<typeof flowBackPayload>): Promise<void> {
  await continueFlow(turn, stepBack(payload.flow, payload.step));
}

export async function showAllTopics(turn: BotTurn, payload: z.infer<typeof flowPayload>): Promise<void> {
  await turn.send(buildQuestionCard(turn.cardContext, { step: 'topic', flow: payload.flow }));
}

export async function changeRole(turn: BotTurn, payload: z.infer<typeof flowPayload>): Promise<void> {
  await turn.send(buildQuestionCard(turn.cardContext, { step: 'role', flow: payload.flow }));
}

export async function recordGuidanceFeedback(turn: BotTurn, payload: z.infer<typeof feedbackPayload>): Promise<void> {
  const { t } = turn;
  // One vote per guidance card: clicking both buttons, or one twice, must not move the figures.
  if (await turn.isFirstAnswerOnThisCard('feedback')) {
    turn.recordInsight({ kind: 'guidanceFeedback', helpful: payload.helpful, topic: payload.topic });
  }
  // The people who take this topic, by name: the same pool the guidance card's own button named.
  const member = poolForTopic(turn.services.content.adviserPools, payload.topic).member[turn.locale];
  await turn.send(
    buildNoticeCard({
      title: t('feedback.thanks.title'),
      text: payload.helpful ? t('feedback.thanks.helped') : t('feedback.thanks.notHelped', { member }),
      buttons: payload.helpful
        ? [{ title: t('common.menu'), action: { verb: 'welcome.show' } }]
        : [
            { title: t('guidance.talkTo', { member }), action: { verb: 'handoff.start', flow: { topic: payload.topic, perspective: payload.perspective } } },
            { title: t('common.menu'), action: { verb: 'welcome.show' } },
          ],
    }),
  );
}

/** "bullying · it happened to me": tells the person what the bot took from their message. */
function summarise(turn: BotTurn, flow: FlowState): string | undefined {
  const parts = [
    flow.topic ? turn.services.content.guidance[flow.topic].title[turn.locale] : undefined,
    flow.perspective ? turn.t(`perspective.${flow.perspective}`) : undefined,
  ].filter((part): part is string => part !== undefined);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}
