import type { AppContent } from '../content/appContent';
import type { Locale } from '../guidance/vocabulary';
import { createTranslator, type Translate } from '../i18n/translator';
import type { CardButton } from './cardActions';
import { phoneNumberTexts } from './phoneNumbers';

/** What every card builder needs: the person's language and the loaded content. */
export interface CardContext {
  readonly locale: Locale;
  readonly t: Translate;
  readonly content: AppContent;
}

/** The context for cards in one language: its translator over the loaded content's strings. */
export function cardContextFor(content: AppContent, locale: Locale): CardContext {
  return { locale, t: createTranslator(content.strings, locale), content };
}

/** The one line with emergency numbers that the principles ask for on the main cards. */
export function emergencyLine(context: CardContext): string {
  return context.t('common.emergencyLine', phoneNumberTexts(context));
}

export function menuButton({ t }: CardContext): CardButton {
  return { title: t('common.menu'), action: { verb: 'welcome.show' } };
}
