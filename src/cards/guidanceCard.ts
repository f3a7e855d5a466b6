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
  /** Each step as one paragraph on a phone: its number and title in bold ("1. Stay calm."), then its text. */
  readonly steps: readonly { readonly lead: string; readonly text: string }[];
  /** Helplines for this topic and perspective (content/guidance/<topic>.json, phoneNumbers), beside the steps. */
  readonly numbersTitle: string;
  readonly numbers: readonly PhoneNumberRow[];
  /** Short names for the four folded sections, two to a row on a phone. */
  readonly toggles: { readonly sayThis: string; readonly afterwards: string; readonly role: string; readonly links: string };
  readonly sayThisTitle: string;
  /** For someone accused: the sentences are for the moment someone tells them directly, never after a complaint. */
  readonly sayThisNote: string | null;
  readonly sayThis: readonly { readonly text: string }[];
  readonly afterwardsTitle: string;
  readonly afterwards: string;
  readonly roleTitle: string;
  readonly roleNote: string;
  readonly helpRouteLine: string;
  readonly linksTitle: string;
  readonly links: readonly CardLink[];
  readonly feedback: readonly CardButton[];
  /** Inside the role section: the role is what this card was tailored to, so that is where to change it. */
  readonly changeRole: CardButton;
  /**
   * The tools that go with "afterwards": a bystander or the person it happened to can write a
   * private note; a manager can ask the programme for a facilitated dialogue right where the
   * card suggests one.
   */
  readonly afterwardsActions: readonly CardButton[];
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
      // The short label keeps the line above the headline to one line on a phone.
      perspectiveLabel: t(`perspective.short.${guidance.perspective}`),
      headline: guidance.headline,
      steps: guidance.steps.map((step, index) => ({ lead: `${index + 1}. ${step.title}${/[.!?:…]$/.test(step.title) ? '' : '.'}`, text: step.text })),
      numbersTitle: t('guidance.numbersTitle'),
      numbers: phoneNumberRows(context, context.content.guidance[guidance.topic].phoneNumbers?.[guidance.perspective] ?? []),
      toggles: {
        sayThis: t('guidance.toggle.sayThis'),
        afterwards: t('guidance.toggle.afterwards'),
        role: t('guidance.toggle.role'),
        links: t('guidance.toggle.links'),
      },
      sayThisTitle: t('guidance.sayThisTitle'),
      // Someone accused says these only in the moment they are told directly; after a complaint they contact nobody.
      sayThisNote: guidance.perspective === 'accused' ? t('guidance.sayThisNote.accused') : null,
      sayThis: guidance.sayThis.map((text) => ({ text })),
      afterwardsTitle: t('guidance.afterwardsTitle'),
      afterwards: guidance.afterwards,
      roleTitle: t(`guidance.forRole.${guidance.role}`),
      roleNote: guidance.roleNote,
      helpRouteLine: t('guidance.helpRouteLine', { helpRoute: guidance.helpRouteName }),
      linksTitle: t('guidance.linksTitle'),
      links: [
        ...guidance.links.map((link) => ({ title: linkTitle(link), url: link.url })),
        // The organisation's other help for this role: a study adviser, occupational health, peer support.
        ...context.content.organisation.supportRoutes
          .filter((route) => route.roles.includes(guidance.role))
          .map((route) => ({ title: t('guidance.link.supportRoute', { name: route.name[context.locale] }), url: route.link[context.locale] })),
      ],
      // The two buttons say what they ask ("This helped"), so they need no question above them on a phone.
      feedback: [feedback(true), feedback(false)],
      changeRole: { title: t(`guidance.changeRole.${guidance.role}`), action: { verb: 'role.change', flow } },
      afterwardsActions: afterwardsActions(context, guidance),
      // Talk to an adviser on a row of its own; Back and Start over are short enough to share one, on a phone too.
      // The people this topic's requests go to, named on the button that sends one.
      primaryActions: [
        {
          title: t('guidance.talkTo', { member: poolForTopic(context.content.adviserPools, guidance.topic).member[context.locale] }),
          style: 'positive',
          action: { verb: 'handoff.start', flow },
        },
      ],
      actions: [
        // Back leads to the situation question, the answer most worth correcting; the danger question follows again.
        { title: t('common.back'), style: 'default', action: { verb: 'flow.back', step: 'danger', flow } },
        { title: t('common.startOver'), style: 'default', action: { verb: 'flow.restart' } },
      ],
      emergencyLine: emergencyLine(context),
    },
  };
}

function afterwardsActions({ t }: CardContext, guidance: Guidance): CardButton[] {
  switch (guidance.perspective) {
    case 'witness':
      // Delay, the fourth D: check in with the person later; Document, the third: write it down now.
      return [
        { title: t('guidance.remindMe'), action: { verb: 'reminder.start', topic: guidance.topic } },
        { title: t('guidance.writeItDown'), action: { verb: 'note.start' } },
      ];
    case 'target':
      return [{ title: t('guidance.writeItDown'), action: { verb: 'note.start' } }];
    case 'manager':
      return [
        { title: t('guidance.requestDialogue'), action: { verb: 'dialogue.start', format: 'team' } },
        { title: t('guidance.requestOneToOne'), action: { verb: 'dialogue.start', format: 'one-to-one' } },
      ];
    default:
      return [];
  }
}
