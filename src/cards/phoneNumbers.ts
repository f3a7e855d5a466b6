import { PHONE_NUMBER_NAMES, type PhoneNumberName } from '../content/contentSchema';
import type { CardContext } from './cardContext';
import { keepOnOneLine } from './keepOnOneLine';

/**
 * The one place that turns the numbers in organisation.json into card text, so every card says
 * the same about a number: "(free)" only where the number is free, "hospital phones only" and no
 * call button where a mobile phone would dial the wrong line.
 */

/** One number as a card row: the label, the number with its notes, and a call button where dialling works. */
export interface PhoneNumberRow {
  readonly label: string;
  readonly number: string;
  /** Null for internal-only numbers: a tel: link on a mobile phone would dial an outside line. */
  readonly call: { readonly title: string; readonly url: string } | null;
}

/** The number as it stands in a sentence, with its notes: "0800-0113 (free)", "5555 (hospital phones only)". */
export function phoneNumberText({ t, content }: CardContext, name: PhoneNumberName): string {
  const entry = content.organisation.phoneNumbers[name];
  const notes = [entry.free ? t('phone.free') : null, entry.internalOnly ? t('phone.internalOnly') : null].filter(Boolean);
  const number = keepOnOneLine(entry.number);
  return notes.length > 0 ? `${number} (${notes.join(', ')})` : number;
}

/** Every number as sentence text, keyed by name, for strings such as `common.emergencyLine`. */
export function phoneNumberTexts(context: CardContext): Record<PhoneNumberName, string> {
  return Object.fromEntries(PHONE_NUMBER_NAMES.map((name) => [name, phoneNumberText(context, name)])) as Record<PhoneNumberName, string>;
}

export function phoneNumberRow(context: CardContext, name: PhoneNumberName): PhoneNumberRow {
  const { t, content } = context;
  const entry = content.organisation.phoneNumbers[name];
  return {
    label: t(`phone.${name}`),
    number: phoneNumberText(context, name),
    call: entry.internalOnly
      ? null
      : {
          // The number in the title too: a screen reader reads buttons on their own.
          title: t('phone.callButton', { number: keepOnOneLine(entry.number) }),
          url: `tel:${entry.number.replace(/[^0-9+]/g, '')}`,
        },
  };
}

export function phoneNumberRows(context: CardContext, names: readonly PhoneNumberName[]): PhoneNumberRow[] {
  return names.map((name) => phoneNumberRow(context, name));
}
