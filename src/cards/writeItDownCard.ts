import type { CardButton } from './cardActions';
import type { CardContext } from './cardContext';
import type { CardSpec } from './cardRenderer';

/** The most each field of the note may hold; the card's inputs and the bot's check use the same figures. */
export const NOTE_LIMITS = { what: 2000, where: 200, who: 500, said: 2000, did: 2000 } as const;

export interface WriteItDownCardData {
  readonly title: string;
  readonly intro: string;
  /** Said on the card itself: the note comes straight back, and the bot keeps no copy. */
  readonly privacyNote: string;
  readonly inputs: {
    readonly what: { readonly label: string; readonly placeholder: string; readonly maxLength: number };
    readonly whenDate: { readonly label: string };
    readonly whenTime: { readonly label: string };
    readonly where: { readonly label: string; readonly maxLength: number };
    readonly who: { readonly label: string; readonly placeholder: string; readonly maxLength: number };
    readonly said: { readonly label: string; readonly placeholder: string; readonly maxLength: number };
    readonly did: { readonly label: string; readonly maxLength: number };
  };
  readonly requiredError: string;
  readonly send: CardButton;
  readonly cancel: CardButton;
}

/** "Write it down" (Document, the third D): a form for a private, dated note while it is fresh. */
export function buildWriteItDownCard({ t }: CardContext): CardSpec<WriteItDownCardData> {
  return {
    template: 'write-it-down',
    data: {
      title: t('note.title'),
      intro: t('note.intro'),
      privacyNote: t('note.privacy'),
      inputs: {
        what: { label: t('note.what'), placeholder: t('note.whatPlaceholder'), maxLength: NOTE_LIMITS.what },
        whenDate: { label: t('note.whenDate') },
        whenTime: { label: t('note.whenTime') },
        where: { label: t('note.where'), maxLength: NOTE_LIMITS.where },
        who: { label: t('note.who'), placeholder: t('note.whoPlaceholder'), maxLength: NOTE_LIMITS.who },
        said: { label: t('note.said'), placeholder: t('note.saidPlaceholder'), maxLength: NOTE_LIMITS.said },
        did: { label: t('note.did'), maxLength: NOTE_LIMITS.did },
      },
      requiredError: t('note.requiredError'),
      send: { title: t('note.send'), action: { verb: 'note.write' } },
      cancel: { title: t('handoff.consent.cancel'), action: { verb: 'welcome.show' } },
    },
  };
}
