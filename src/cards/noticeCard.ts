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
