import type { Organisation } from '../content/contentSchema';
import type { Content } from '../content/loadContent';
import type { HelpRoute, Locale, Perspective, Role, Topic } from './vocabulary';

export interface GuidanceRequest {
  readonly topic: Topic;
  readonly perspective: Perspective;
  readonly role: Role;
  readonly locale: Locale;
}

export interface GuidanceLink {
  readonly kind: 'codeOfConduct' | 'reporting' | 'toolkit' | 'elearning' | 'helpRoute';
  readonly url: string;
}

/** Everything a guidance card shows, resolved for one topic, perspective, role and locale. */
export interface Guidance {
  readonly topic: Topic;
  readonly perspective: Perspective;
  readonly role: Role;
  readonly topicTitle: string;
  readonly headline: string;
  readonly steps: readonly { readonly title: string; readonly text: string }[];
  readonly sayThis: readonly string[];
  readonly afterwards: string;
  readonly roleNote: string;
  readonly helpRoute: HelpRoute;
  readonly helpRouteName: string;
  readonly links: readonly GuidanceLink[];
}

/** Integrity topics are not reported through the social-safety procedure but through their own. */
function reportingUrl(organisation: Organisation, helpRoute: HelpRoute, locale: Locale): string {
  switch (helpRoute) {
    case 'research-integrity-counsellor':
      return organisation.links.researchIntegrity[locale];
    case 'integrity-officer':
      return organisation.links.integrityProcedure[locale];
    case 'confidential-adviser':
      return organisation.links.reportingProcedure[locale];
  }
}

export function resolveGuidance(content: Content, request: GuidanceRequest): Guidance {
  const { topic, perspective, role, locale } = request;
  const topicContent = content.guidance[topic];
  const text = topicContent.perspectives[perspective][locale];
  const { organisation } = content;
  const helpRoute = organisation.helpRoutes[topicContent.helpRoute];
  return {
    topic,
    perspective,
    role,
    topicTitle: topicContent.title[locale],
    headline: text.headline,
    steps: text.steps,
    sayThis: text.sayThis,
    afterwards: text.afterwards,
    roleNote: topicContent.roleNotes[role][locale],
    helpRoute: topicContent.helpRoute,
    helpRouteName: helpRoute.name[locale],
    links: [
      { kind: 'codeOfConduct', url: organisation.links.codeOfConductSections[topic][locale] },
      { kind: 'reporting', url: reportingUrl(organisation, topicContent.helpRoute, locale) },
      { kind: 'toolkit', url: organisation.links.toolkits[role][locale] },
      { kind: 'elearning', url: organisation.links.elearning[locale] },
      { kind: 'helpRoute', url: helpRoute.link[locale] },
    ],
  };
}
