import path from 'node:path';
import { loadContent } from '../../src/content/loadContent';
import type { Locale } from '../../src/guidance/vocabulary';
import { createTranslator } from '../../src/i18n/translator';
import { reportTexts, type ReportTexts } from '../../src/insights/reportTexts';

const strings = loadContent(path.join(__dirname, '..', '..', 'content')).strings;

/** The report's texts as the bot and `npm run report` read them: from content/strings. */
export const REPORT_TEXTS: Readonly<Record<Locale, ReportTexts>> = {
  en: reportTexts(createTranslator(strings, 'en')),
  nl: reportTexts(createTranslator(strings, 'nl')),
};
