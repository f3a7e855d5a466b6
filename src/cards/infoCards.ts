import { ROLES, TOPICS } from '../guidance/vocabulary';
import type { CardButton, CardLink } from './cardActions';
import { menuButton, type CardContext } from './cardContext';
import type { CardSpec } from './cardRenderer';

/** The four information cards: code of conduct, reporting, training and privacy. */

export interface CodeOfConductCardData {
  readonly title: string;
  readonly text: string;
  readonly openTitle: string;
  readonly url: string;
  readonly sectionsTitle: string;
  readonly sections: readonly CardLink[];
  readonly navigation: readonly CardButton[];
}

export function buildCodeOfConductCard(context: CardContext): CardSpec<CodeOfConductCardData> {
  const { t, locale, content } = context;
  const { links } = content.organisation;
  return {
    template: 'code-of-conduct',
    data: {
      title: t('codeOfConduct.title'),
      text: t('codeOfConduct.text'),
      openTitle: t('codeOfConduct.open'),
      url: links.codeOfConduct[locale],
      sectionsTitle: t('codeOfConduct.sections'),
      sections: TOPICS.map((topic) => ({
        title: content.guidance[topic].title[locale],
        url: links.codeOfConductSections[topic][locale],
      })),
      navigation: [menuButton(context)],
    },
  };
}

export interface ReportingCardData {
  readonly title: string;
  readonly text: string;
  readonly routes: string;
  readonly links: readonly CardLink[];
  readonly notHere: string;
  readonly navigation: readonly CardButton[];
}

export function buildReportingCard(context: CardContext): CardSpec<ReportingCardData> {
  const { t, locale, content } = context;
  const { links } = content.organisation;
  return {
    template: 'reporting',
    data: {
      title: t('reporting.title'),
      text: t('reporting.text'),
      routes: t('reporting.routes'),
      links: [
        { title: t('reporting.socialSafety'), url: links.reportingProcedure[locale] },
        { title: t('reporting.researchIntegrity'), url: links.researchIntegrity[locale] },
        { title: t('reporting.integrity'), url: links.integrityProcedure[locale] },
      ],
      notHere: t('reporting.notHere'),
      navigation: [
        { title: t('welcome.talk'), action: { verb: 'handoff.start', flow: {} } },
        menuButton(context),
      ],
    },
  };
}

export interface TrainingCardData {
  readonly title: string;
  readonly text: string;
  readonly elearningTitle: string;
  readonly elearningUrl: string;
  readonly toolkits: readonly CardLink[];
  readonly navigation: readonly CardButton[];
}

const TOOLKIT_TITLE_KEYS = { employee: 'training.toolkitEmployee', student: 'training.toolkitStudent', manager: 'training.toolkitManager' } as const;

export function buildTrainingCard(context: CardContext): CardSpec<TrainingCardData> {
  const { t, locale, content } = context;
  const { links } = content.organisation;
  return {
    template: 'training',
    data: {
      title: t('training.title'),
      text: t('training.text'),
      elearningTitle: t('training.elearning'),
      elearningUrl: links.elearning[locale],
      toolkits: ROLES.map((role) => ({ title: t(TOOLKIT_TITLE_KEYS[role]), url: links.toolkits[role][locale] })),
      navigation: [menuButton(context)],
    },
  };
}

export interface PrivacyCardData {
  readonly title: string;
  readonly facts: readonly { readonly text: string }[];
  readonly statementTitle: string;
  readonly statementUrl: string;
  readonly navigation: readonly CardButton[];
}

/** The bot's own records about a request, whose retention is a setting rather than content (AUDIT_RETENTION_DAYS). */
export interface PrivacySettings {
  readonly auditRetentionDays: number;
}

export function buildPrivacyCard(context: CardContext, settings: PrivacySettings): CardSpec<PrivacyCardData> {
  const { t, locale, content } = context;
  const { organisation } = content;
  return {
    template: 'privacy',
    data: {
      title: t('privacy.title'),
      facts: [
        t('privacy.notStored'),
        t('privacy.stored', { inactiveDays: organisation.retention.inactivePersonDays }),
        t('privacy.statistics'),
        t('privacy.handoff', {
          retentionDays: organisation.retention.caseContentDays,
          // The reminder, then the last stretch after it: how long a taken request may go quiet before it closes.
          inactiveCaseDays: organisation.retention.inactiveCaseReminderDays + organisation.retention.inactiveCaseCloseDays,
        }),
        t('privacy.whoCanSee'),
        t('privacy.auditTrail', { auditDays: settings.auditRetentionDays }),
      ].map((text) => ({ text })),
      statementTitle: t('privacy.statement'),
      statementUrl: organisation.links.privacyStatement[locale],
      navigation: [{ title: t('welcome.forget'), action: { verb: 'forget.start' } }, menuButton(context)],
    },
  };
}
