import { poolOfCase } from '../handoff/adviserPools';
import type { CaseWithColleague } from '../handoff/caseVisibility';
import { formatMoment } from '../i18n/formatMoment';
import type { CardButton } from './cardActions';
import type { CardContext } from './cardContext';
import type { CardSpec } from './cardRenderer';

/** More rows than a phone screen shows usefully; the oldest come first, and a line says how many more there are. */
export const MAX_CASES_WITH_COLLEAGUES_ROWS = 50;

export interface CaseWithColleagueRow {
  readonly code: string;
  /** The pool (or "team dialogue") and the day it was requested. */
  readonly details: string;
}

export interface CasesWithColleaguesCardData {
  readonly title: string;
  readonly explanation: string;
  readonly rows: readonly CaseWithColleagueRow[];
  readonly more: string | null;
  readonly filters: string;
  readonly buttons: readonly CardButton[];
}

export interface CasesWithColleaguesInput {
  readonly cases: readonly CaseWithColleague[];
  /** The adviser's own time zone (from Teams); without it, each pool's office-hours zone. */
  readonly timeZone?: string;
  /** The other lists, as buttons. */
  readonly buttons: readonly CardButton[];
}

/**
 * "bij collega's" / "with colleagues": one card with the open requests of the adviser's pools
 * that a colleague has, a row each, by code.
 */
export function buildCasesWithColleaguesCard(context: CardContext, input: CasesWithColleaguesInput): CardSpec<CasesWithColleaguesCardData> {
  const { t, locale, content } = context;
  const shown = input.cases.slice(0, MAX_CASES_WITH_COLLEAGUES_ROWS);
  const rows = shown.map((listed): CaseWithColleagueRow => {
    const pool = poolOfCase(content.adviserPools, listed);
    const timeZone = input.timeZone ?? pool.officeHours?.timeZone ?? content.organisation.officeHours.timeZone;
    return {
      code: listed.code,
      details: t('advisor.casesWithColleagues.row', {
        // A team dialogue belongs to no pool: the programme's people handle it.
        what: listed.kind === 'team-dialogue' ? t('advisor.dialogue.heading') : pool.title[locale],
        requested: formatMoment(new Date(listed.createdAt), { locale, timeZone }, 'date'),
      }),
    };
  });
  return {
    template: 'cases-with-colleagues',
    data: {
      title: t('advisor.openCases.title.withColleagues', { count: input.cases.length }),
      explanation: t('advisor.casesWithColleagues.explanation'),
      rows,
      more: input.cases.length > shown.length ? t('advisor.casesWithColleagues.more', { count: input.cases.length - shown.length }) : null,
      filters: t('advisor.openCases.filters'),
      buttons: input.buttons,
    },
  };
}
