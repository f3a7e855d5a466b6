import { PERSPECTIVES } from '../guidance/vocabulary';
import type { CardButton, CardLink } from './cardActions';
import { emergencyLine, type CardContext } from './cardContext';
import type { CardSpec } from './cardRenderer';

export interface WelcomeCardData {
  readonly title: string;
  readonly intro: string;
  readonly isNot: string;
  readonly waysInTitle: string;
  readonly waysIn: readonly CardButton[];
  readonly typeHint: string;
  readonly moreTitle: string;
  readonly more: readonly CardButton[];
  /** The programme's own site, from organisation.json. */
  readonly programmeLink: CardLink;
  readonly emergencyLine: string;
}

export function buildWelcomeCard(context: CardContext): CardSpec<WelcomeCardData> {
  const { t, locale, content } = context;
  const { organisationName, programme } = content.organisation;
  return {
    template: 'welcome',
    data: {
      title: t('welcome.title'),
      intro: t('welcome.intro', { programme: programme.name[locale], organisation: organisationName[locale] }),
      isNot: t('welcome.isNot'),
      waysInTitle: t('welcome.waysIn'),
      // The four ways in are the first answer of the guided flow.
      waysIn: PERSPECTIVES.map((perspective) => ({
        title: t(`perspective.${perspective}`),
        action: { verb: 'flow.answer', step: 'perspective', answer: perspective, flow: {} },
      })),
      typeHint: t('welcome.typeHint'),
      moreTitle: t('welcome.more'),
      more: [
        { title: t('welcome.talk'), action: { verb: 'handoff.start', flow: {} } },
        { title: t('welcome.writeItDown'), action: { verb: 'note.start' } },
        { title: t('welcome.reporting'), action: { verb: 'info.reporting' } },
        { title: t('welcome.codeOfConduct'), action: { verb: 'info.codeOfConduct' } },
        { title: t('welcome.training'), action: { verb: 'info.training' } },
        { title: t('welcome.privacy'), action: { verb: 'info.privacy' } },
        { title: t('welcome.language'), action: { verb: 'locale.set', locale: locale === 'nl' ? 'en' : 'nl' } },
      ],
      programmeLink: { title: t('welcome.programme'), url: programme.link[locale] },
      emergencyLine: emergencyLine(context),
    },
  };
}
