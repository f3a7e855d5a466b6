import type { Guidance, GuidanceLink } from '../guidance/guidance';
import type { FlowState } from '../guidance/guidedFlow';
import type { CardButton, CardLink, StyledCardButton } from './cardActions';
import { emergencyLine, type CardContext } from './cardContext';
import type { CardSpec } from './cardRenderer';
import { poolForTopic } from '../handoff/adviserPools';
import { phoneNumberRows, type PhoneNumberRow } from './phoneNumbers';

export interface GuidanceCardData {
  readonly topicTitle: string;
  readonly perspectiveLabel: string;
  readonly headline: string;
  readonly stepsTitle: string;
  readonly steps: readonly { readonly number: number; readonly title: string; readonly text: string }[];
  /** Helplines for this topic and perspective (content/guidance/<topic>.json, phoneNumbers), beside the steps. */
  readonly numbersTitle: string;
  readonly numbers: readonly PhoneNumberRow[];
  readonly sayThisTitle: string;
  readonly sayThis: readonly { readonly text: string }[];
  readonly afterwardsTitle: string;
  readonly afterwards: string;
  readonly roleTitle: string;
  readonly roleNote: string;
  readonly helpRouteLine: string;
  readonly linksTitle: string;
  readonly links: readonly CardLink[];
  readonly feedbackQuestion: string;
  readonly feedback: readonly CardButton[];
  readonly primaryActions: readonly StyledCardButton[];
  readonly actions: readonly StyledCardButton[];
  readonly emergencyLine: string;
}

export function buildGuidanceCard(context: CardContext, guidance: Guidance, flow: FlowState): CardSpec<GuidanceCardData> {
  const { t } = context;
  const linkTitle = (link: GuidanceLink): string => {
    switch (link.kind) {
      case 'codeOfConduct':
        return t('guidance.link.codeOfConduct', { topic: guidance.topicTitle });
      case 'helpRoute':
        return t('guidance.link.helpRoute', { helpRoute: guidance.helpRouteName });
      default:
        return t(`guidance.link.${link.kind}`);
    }
  };
  const feedback = (helpful: boolean): CardButton => ({
    title: t(helpful ? 'guidance.helped' : 'guidance.notHelped'),
    action: { verb: 'guidance.feedback', helpful, topic: guidance.topic, perspective: guidance.perspective },
  });
  return {
    template: 'guidance',
    data: {
      topicTitle: guidance.topicTitle,
      perspectiveLabel: t(`perspective.${guidance.perspective}`),
      headline: guidance.headline,
      stepsTitle: t('guidance.stepsTitle'),
      steps: guidance.steps.map((step, index) => ({ number: index + 1, title: step.title, text: step.text })),
      numbersTitle: t('guidance.numbersTitle'),
      numbers: phoneNumberRows(context, context.content.guidance[guidance.topic].phoneNumbers?.[guidance.perspective] ?? []),
      // Someone accused hears these only in the moment they are told directly; after a complaint they contact nobody.
      sayThisTitle: t(guidance.perspective === 'accused' ? 'guidance.sayThisTitle.accused' : 'guidance.sayThisTitle'),
      sayThis: guidance.sayThis.map((text) => ({ text })),
      afterwardsTitle: t('guidance.afterwardsTitle'),
      afterwards: guidance.afterwards,
      roleTitle: t(`guidance.forRole.${guidance.role}`),
      roleNote: guidance.roleNote,
      helpRouteLine: t('guidance.helpRouteLine', { helpRoute: guidance.helpRouteName }),
      linksTitle: t('guidance.linksTitle'),
      links: guidance.links.map((link) => ({ title: linkTitle(link), url: link.url })),
      feedbackQuestion: t('guidance.feedbackQuestion'),
      feedback: [feedback(true), feedback(false)],
      // Rows of their own, so every title fits a Teams card, on a phone too.
      // The people this topic's requests go to, named on the button that sends one.
      primaryActions: [
        {
          title: t('guidance.talkTo', { member: poolForTopic(context.content.adviserPools, guidance.topic).member[context.locale] }),
          style: 'positive',
          action: { verb: 'handoff.start', flow },
        },
      ],
      actions: [
        { title: t(`guidance.changeRole.${guidance.role}`), style: 'default', action: { verb: 'role.change', flow } },
        // Back leads to the situation question, the answer most worth correcting; the danger question follows again.
        { title: t('common.back'), style: 'default', action: { verb: 'flow.back', step: 'danger', flow } },
        { title: t('common.startOver'), style: 'default', action: { verb: 'flow.restart' } },
      ],
      emergencyLine: emergencyLine(context),
    },
  };
}
