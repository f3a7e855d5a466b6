import type { CardButton } from './cardActions';
import type { CardContext } from './cardContext';
import type { CardSpec } from './cardRenderer';

export const TEAM_SIZES = ['small', 'medium', 'large'] as const;

export interface DialogueRequestCardData {
  readonly title: string;
  readonly intro: string;
  readonly teamLabel: string;
  readonly sizeLabel: string;
  readonly sizes: readonly { readonly title: string; readonly value: string }[];
  readonly periodLabel: string;
  readonly periodPlaceholder: string;
  readonly reasonLabel: string;
  readonly contactLabel: string;
  readonly contactPlaceholder: string;
  readonly requiredError: string;
  readonly privacyNote: string;
  readonly sendTitle: string;
  readonly sendAction: CardButton['action'];
  readonly cancelTitle: string;
  readonly cancelAction: CardButton['action'];
}

export function buildDialogueRequestCard({ t }: CardContext): CardSpec<DialogueRequestCardData> {
  return {
    template: 'dialogue-request',
    data: {
      title: t('dialogue.title'),
      intro: t('dialogue.intro'),
      teamLabel: t('dialogue.teamLabel'),
      sizeLabel: t('dialogue.sizeLabel'),
      sizes: TEAM_SIZES.map((size) => ({ title: t(`dialogue.size.${size}`), value: size })),
      periodLabel: t('dialogue.periodLabel'),
      periodPlaceholder: t('dialogue.periodPlaceholder'),
      reasonLabel: t('dialogue.reasonLabel'),
      contactLabel: t('dialogue.contactLabel'),
      contactPlaceholder: t('dialogue.contactPlaceholder'),
      requiredError: t('dialogue.requiredError'),
      privacyNote: t('dialogue.privacyNote'),
      sendTitle: t('dialogue.send'),
      sendAction: { verb: 'dialogue.confirm' },
      cancelTitle: t('handoff.consent.cancel'),
      cancelAction: { verb: 'welcome.show' },
    },
  };
}
