import type { CardButton } from './cardActions';
import type { CardContext } from './cardContext';
import type { CardSpec } from './cardRenderer';
import type { Locale } from '../guidance/vocabulary';
import { formatMoment } from '../i18n/formatMoment';
import type { StringKey } from '../i18n/stringKeys';

/** What the person wrote, as they submitted it; held only while this one message is built. */
export interface WrittenNote {
  readonly what: string;
  readonly whenDate?: string;
  readonly whenTime?: string;
  readonly where?: string;
  readonly who?: string;
  readonly said?: string;
  readonly did?: string;
}

export interface WrittenNoteCardData {
  readonly title: string;
  /** When the note was written, in the person's own time zone. */
  readonly writtenAt: string;
  /** Only the parts the person filled in; every value is a TextRun, never Markdown. */
  readonly parts: readonly { readonly label: string; readonly text: string }[];
  readonly keepIt: string;
  readonly forwardIt: string;
  readonly menu: CardButton;
}

/**
 * The note sent back as a message the person keeps in their own chat. Never a reusable card
 * (src/cards/cardRenderer.ts): it holds someone's words, and the bot keeps no copy of it.
 */
export function buildWrittenNoteCard(
  context: CardContext,
  note: WrittenNote,
  written: { readonly at: Date; readonly timeZone?: string },
): CardSpec<WrittenNoteCardData> {
  const { t, locale } = context;
  // The person's own clock; the organisation's when Teams did not say.
  const timeZone = written.timeZone ?? context.content.organisation.officeHours.timeZone;
  const writtenAt = formatMoment(written.at, { locale, timeZone }, 'dateAndTime');
  const when = [note.whenDate ? formatDate(note.whenDate, locale) : undefined, note.whenTime ? note.whenTime.slice(0, 5) : undefined]
    .filter((part): part is string => part !== undefined)
    .join(', ');
  const filledIn = (label: StringKey, text: string | undefined) => (text?.trim() ? [{ label: t(label), text: text.trim() }] : []);
  return {
    template: 'written-note',
    data: {
      title: t('note.kept.title'),
      writtenAt: t('note.kept.writtenAt', { date: writtenAt }),
      parts: [
        ...filledIn('note.what', note.what),
        ...filledIn('note.when', when),
        ...filledIn('note.where', note.where),
        ...filledIn('note.who', note.who),
        ...filledIn('note.said', note.said),
        ...filledIn('note.did', note.did),
      ],
      keepIt: t('note.kept.notStored'),
      forwardIt: t('note.kept.forward'),
      menu: { title: t('common.menu'), action: { verb: 'welcome.show' } },
    },
  };
}

/** "2026-12-05" as "5 December 2026"; the date is a calendar day, so no time zone may move it. */
function formatDate(isoDate: string, locale: Locale): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return formatMoment(date, { locale, timeZone: 'UTC' }, 'date');
}
