import type { CardContext } from './cardContext';
import type { CardSpec } from './cardRenderer';

/** One row per number: the number as text, and a short call button beside it that fits on a phone. */
export interface EmergencyNumberRow {
  readonly label: string;
  readonly callTitle: string;
  readonly telUrl: string;
}

export interface EmergencyCardData {
  readonly title: string;
  readonly dontEndanger: string;
  readonly numbers: readonly EmergencyNumberRow[];
  readonly suicideLine: string;
  readonly afterwards: string;
}

/** Shown before anything else whenever a message or answer may mean immediate danger or self-harm. */
export function buildEmergencyCard(context: CardContext): CardSpec<EmergencyCardData> {
  const { t, content } = context;
  const numbers = content.organisation.phoneNumbers;
  return {
    template: 'emergency',
    data: {
      title: t('emergency.title'),
      dontEndanger: t('emergency.dontEndanger'),
      numbers: emergencyNumberRows(context),
      suicideLine: t('emergency.suicide', numbers),
      afterwards: t('emergency.afterwards'),
    },
  };
}

/** Every emergency number with its call button: on the emergency card and above the danger question. */
export function emergencyNumberRows({ t, content }: CardContext): EmergencyNumberRow[] {
  const numbers = content.organisation.phoneNumbers;
  const call = (labelKey: string, number: string): EmergencyNumberRow => ({
    label: t(labelKey, numbers),
    // The number in the title too: a screen reader reads buttons on their own.
    callTitle: t('emergency.callButton', { number }),
    // tel: links let a phone dial straight from the card.
    telUrl: `tel:${number.replace(/[^0-9+]/g, '')}`,
  });
  return [
    call('emergency.call112', numbers.emergency),
    call('emergency.callInternal', numbers.internalEmergency),
    call('emergency.callSecurity', numbers.security),
    call('emergency.callSuicidePrevention', numbers.suicidePrevention),
    call('emergency.callSuicidePreventionFreephone', numbers.suicidePreventionFreephone),
  ];
}
