import type { Translate } from '../i18n/translator';
import type { CardButton, CardLink } from './cardActions';
import type { CardSpec } from './cardRenderer';

export interface NoticeCardData {
  readonly title: string | null;
  readonly text: string;
  readonly links: readonly CardLink[];
  readonly buttons: readonly CardButton[];
}

export interface NoticeInput {
  readonly title?: string;
  readonly text: string;
  readonly links?: readonly CardLink[];
  readonly buttons?: readonly CardButton[];
}

/** A short message with optional links and buttons: confirmations, refusals, errors. */
export function buildNoticeCard(input: NoticeInput): CardSpec<NoticeCardData> {
  return {
    template: 'notice',
    data: { title: input.title ?? null, text: input.text, links: input.links ?? [], buttons: input.buttons ?? [] },
  };
}

/** An adviser's card action or list refused: the same words for a non-member and an unknown case id, so nothing about a case leaks. */
export function buildRefusedCard(t: Translate): CardSpec<NoticeCardData> {
  return buildNoticeCard({ title: t('advisor.refused.title'), text: t('advisor.refused.text') });
}

/** The directory (Graph) is throttled or down, so nobody's membership can be checked: an answer, not an error. */
export function buildDirectoryBusyCard(t: Translate): CardSpec<NoticeCardData> {
  return buildNoticeCard({ title: t('advisor.busy.title'), text: t('advisor.busy.text') });
}
