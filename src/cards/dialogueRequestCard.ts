import type { DialogueFormat } from '../handoff/handoffCase';
import type { CardButton } from './cardActions';
import type { CardContext } from './cardContext';
import type { CardSpec } from './cardRenderer';

export const TEAM_SIZES = ['small', 'medium', 'large'] as const;

export interface DialogueRequestCardData {
  readonly title: string;
  readonly intro: string;
  readonly teamLabel: string;
  /** Only a team dialogue asks for the size of the team. */
  readonly askTeamSize: boolean;
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
  /** The other kind of dialogue, one click away. */
  readonly otherFormat: CardButton;
}

/** The request for a dialogue the programme team facilitates: with a whole team, or one-to-one. */
export function buildDialogueRequestCard({ t }: CardContext, format: DialogueFormat = 'team'): CardSpec<DialogueRequestCardData> {
  const team = format === 'team';
  return {
    template: 'dialogue-request',
    data: {
      title: t(team ? 'dialogue.title' : 'dialogue.oneToOne.title'),
      intro: t(team ? 'dialogue.intro' : 'dialogue.oneToOne.intro'),
      teamLabel: t('dialogue.teamLabel'),
      askTeamSize: team,
      sizeLabel: t('dialogue.sizeLabel'),
      sizes: TEAM_SIZES.map((size) => ({ title: t(`dialogue.size.${size}`), value: size })),
      periodLabel: t('dialogue.periodLabel'),
      periodPlaceholder: t('dialogue.periodPlaceholder'),
      reasonLabel: t('dialogue.reasonLabel'),
      contactLabel: t('dialogue.contactLabel'),
      contactPlaceholder: t('dialogue.contactPlaceholder'),
      requiredError: t('dialogue.requiredError'),
      privacyNote: t(team ? 'dialogue.privacyNote' : 'dialogue.oneToOne.privacyNote'),
      sendTitle: t('dialogue.send'),
      sendAction: { verb: 'dialogue.confirm', format },
      cancelTitle: t('handoff.consent.cancel'),
      cancelAction: { verb: 'welcome.show' },
      otherFormat: {
        title: t(team ? 'guidance.requestOneToOne' : 'guidance.requestDialogue'),
        action: { verb: 'dialogue.start', format: team ? 'one-to-one' : 'team' },
      },
    },
  };
}
