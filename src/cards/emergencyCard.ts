import type { PhoneNumberName } from '../content/contentSchema';
import type { Topic } from '../guidance/vocabulary';
import type { CardContext } from './cardContext';
import type { CardSpec } from './cardRenderer';
import { phoneNumberRows, phoneNumberTexts, type PhoneNumberRow } from './phoneNumbers';

export interface EmergencyCardData {
  readonly title: string;
  readonly dontEndanger: string;
  /** One row per number: the label, the number, and a short call button beside it where dialling works. */
  readonly numbers: readonly PhoneNumberRow[];
  readonly suicideLine: string;
  readonly afterwards: string;
}

/** The numbers every emergency route shows, in the order a person in danger needs them. */
export const EMERGENCY_NUMBERS: readonly PhoneNumberName[] = [
  'emergency',
  'internalEmergency',
  'security',
  'suicidePreventionFreephone',
  'suicidePrevention',
];

/**
 * Shown before anything else whenever a message or answer may mean immediate danger or self-harm.
 * A topic adds its own numbers (content/guidance/<topic>.json, phoneNumbers.emergency), such as
 * Centrum Seksueel Geweld after recent sexual violence.
 */
export function buildEmergencyCard(context: CardContext, situation: { readonly topic?: Topic | null } = {}): CardSpec<EmergencyCardData> {
  const { t, content } = context;
  const topicNumbers = situation.topic ? (content.guidance[situation.topic].phoneNumbers?.emergency ?? []) : [];
  return {
    template: 'emergency',
    data: {
      title: t('emergency.title'),
      dontEndanger: t('emergency.dontEndanger'),
      numbers: phoneNumberRows(context, [...EMERGENCY_NUMBERS, ...topicNumbers.filter((name) => !EMERGENCY_NUMBERS.includes(name))]),
      suicideLine: t('emergency.suicide', phoneNumberTexts(context)),
      afterwards: t('emergency.afterwards'),
    },
  };
}
