import { FLOW_STEPS, type FlowState, type QuestionStep } from '../guidance/guidedFlow';
import { PERSPECTIVES, ROLES, TOPICS, type Locale, type Topic } from '../guidance/vocabulary';
import type { CardButton, StyledCardButton } from './cardActions';
import { emergencyLine, type CardContext } from './cardContext';
import type { CardSpec } from './cardRenderer';
import { EMERGENCY_NUMBERS } from './emergencyCard';
import { phoneNumberRows, type PhoneNumberRow } from './phoneNumbers';

export interface QuestionCardData {
  readonly stepLabel: string | null;
  /** Asked first (an unclear message): a line, then every number with its call button, above the question. */
  readonly dangerFirst: { readonly intro: string; readonly numbers: readonly PhoneNumberRow[] } | null;
  readonly understood: string | null;
  readonly question: string;
  readonly choices: readonly StyledCardButton[];
  readonly navigation: readonly CardButton[];
  readonly emergencyLine: string | null;
}

export interface QuestionCardInput {
  readonly step: QuestionStep;
  readonly flow: FlowState;
  /** From free text: the topics the classifier found most likely, shown first. */
  readonly likelyTopics?: readonly Topic[];
  /** What the bot already understood from free text, to show the person why steps were skipped. */
  readonly understood?: string;
  /** The danger question before any other (an unclear message): numbers first, nothing to go back to. */
  readonly dangerFirst?: boolean;
  /** Asked first for a message of nothing but words that call for help: its "No" shows the menu. */
  readonly callForHelp?: true;
  /** The danger question: the language of the message that raised it, carried to the emergency card its "yes" shows. */
  readonly raisedIn?: Locale;
}

export function buildQuestionCard(context: CardContext, input: QuestionCardInput): CardSpec<QuestionCardData> {
  const { t } = context;
  const { step, flow } = input;
  const dangerFirst = step === 'danger' && input.dangerFirst === true;
  // Questions before the topic carry the likely topics on, so the topic question still offers them.
  const carriesTopics = step === 'perspective' || dangerFirst;
  const carriedTopics = carriesTopics && input.likelyTopics?.length ? { likelyTopics: input.likelyTopics } : {};
  const callForHelp = dangerFirst && input.callForHelp ? { callForHelp: true as const } : {};
  const raisedIn = step === 'danger' && input.raisedIn ? { raisedIn: input.raisedIn } : {};
  const answer = (value: string, title: string, style: StyledCardButton['style'] = 'default'): StyledCardButton => ({
    title,
    style,
    action: { verb: 'flow.answer', step, answer: value, flow, ...carriedTopics, ...callForHelp, ...raisedIn },
  });

  let question: string;
  let choices: StyledCardButton[];
  switch (step) {
    case 'perspective':
      question = t('flow.perspective.question');
      choices = PERSPECTIVES.map((perspective) => answer(perspective, t(`perspective.${perspective}`)));
      break;
    case 'topic': {
      const topicTitle = (topic: Topic) => context.content.guidance[topic].title[context.locale];
      const likely = input.likelyTopics ?? [];
      if (likely.length > 0) {
        question = t('flow.topic.likely');
        choices = [
          ...likely.map((topic) => answer(topic, topicTitle(topic))),
          { title: t('flow.topic.all'), style: 'default', action: { verb: 'flow.showAllTopics', flow } },
        ];
      } else {
        question = t('flow.topic.question');
        choices = TOPICS.map((topic) => answer(topic, topicTitle(topic)));
      }
      break;
    }
    case 'danger':
      question = t('flow.danger.question');
      choices = [answer('yes', t('flow.danger.yes'), 'destructive'), answer('no', t('flow.danger.no'))];
      break;
    case 'role':
      question = t('flow.role.question');
      choices = ROLES.map((role) => answer(role, t(`role.${role}`)));
      break;
  }

  const navigation: CardButton[] =
    step === 'perspective' || dangerFirst
      ? [{ title: t('common.startOver'), action: { verb: 'flow.restart' } }]
      : [
          { title: t('common.back'), action: { verb: 'flow.back', step, flow } },
          { title: t('common.startOver'), action: { verb: 'flow.restart' } },
        ];

  return {
    template: 'question',
    data: {
      // Asked first, the danger question is not a step of the flow's usual order.
      stepLabel: dangerFirst ? null : t('flow.step', { current: FLOW_STEPS.indexOf(step) + 1, total: FLOW_STEPS.length - 1 }),
      dangerFirst: dangerFirst ? { intro: t('flow.danger.callFirst'), numbers: phoneNumberRows(context, EMERGENCY_NUMBERS) } : null,
      // What was understood would come before the safety question; it waits for the next card.
      understood: input.understood && !dangerFirst ? t('flow.understood', { summary: input.understood }) : null,
      question,
      choices,
      navigation,
      // The danger question is itself about safety, so the numbers stand right under it (or above it, asked first).
      emergencyLine: step === 'danger' && !dangerFirst ? emergencyLine(context) : null,
    },
  };
}
