import { poolOfCase } from '../handoff/adviserPools';
import { wasMovedAwayFrom } from '../handoff/caseVisibility';
import type { HandoffCase } from '../handoff/handoffCase';
import { formatMoment } from '../i18n/formatMoment';
import type { CardButton } from './cardActions';
import type { CardContext } from './cardContext';
import type { CardSpec } from './cardRenderer';

/** More rows than a phone screen shows usefully; the oldest come first, the count says how many more there are. */
export const MAX_TAKEN_CASE_ROWS = 50;

export interface TakenCaseRow {
  readonly code: string;
  /** Pool, when it was requested and its status: nothing of the request, the requester or the claimer. */
  readonly details: string;
}

export interface TakenCasesCardData {
  readonly title: string;
  readonly explanation: string;
  readonly rows: readonly TakenCaseRow[];
  readonly more: string | null;
  readonly filters: string;
  readonly buttons: readonly CardButton[];
}

export interface TakenCasesInput {
  /** The cases as the viewer may see them (caseAsSeenBy): code and status only. */
  readonly cases: readonly HandoffCase[];
  readonly viewerUserId: string;
  /** The viewer's own time zone (from Teams); without it, each pool's office-hours zone. */
  readonly timeZone?: string;
  readonly buttons: readonly CardButton[];
}

/**
 * `zaken bij collega's` / `taken cases`: one card listing the open requests of the adviser's
 * pools that a colleague has, by code, so the pool's whole load is in view and an adviser asked
 * about a code can tell it is in hand, without learning more than any colleague's card shows.
 */
export function buildTakenCasesCard(context: CardContext, input: TakenCasesInput): CardSpec<TakenCasesCardData> {
  const { t, locale, content } = context;
  const shown = input.cases.slice(0, MAX_TAKEN_CASE_ROWS);
  const rows = shown.map((handoffCase): TakenCaseRow => {
    const pool = poolOfCase(content.adviserPools, handoffCase);
    const timeZone = input.timeZone ?? pool.officeHours?.timeZone ?? content.organisation.officeHours.timeZone;
    return {
      code: handoffCase.code,
      details: t('advisor.takenCases.row', {
        pool: pool.title[locale],
        requested: formatMoment(new Date(handoffCase.createdAt), { locale, timeZone }, 'caseCard'),
        status: t(wasMovedAwayFrom(handoffCase, input.viewerUserId) ? 'advisor.takenCases.movedAway' : 'advisor.takenCases.taken'),
      }),
    };
  });
  return {
    template: 'taken-cases',
    data: {
      title: t('advisor.openCases.title.taken', { count: input.cases.length }),
      explanation: t('advisor.takenCases.explanation'),
      rows,
      more: input.cases.length > shown.length ? t('advisor.takenCases.more', { count: input.cases.length - shown.length }) : null,
      filters: t('advisor.openCases.filters'),
      buttons: input.buttons,
    },
  };
}
