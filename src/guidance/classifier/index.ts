import { containerBootstrap } from '@nlpjs/core';
import { LangEn } from '@nlpjs/lang-en-min';
import { LangNl } from '@nlpjs/lang-nl';
import type { NluTraining, UrgentPatterns } from '../../content/contentSchema';
import { detectLocale } from '../languageDetection';
import { LOCALES, type Locale } from '../vocabulary';
import type { Classifier } from './classification';
import { compileUrgency } from './danger';
import { decide } from './decision';
import { LocaleClassifier, type LocaleEvidence } from './localeEvidence';
import type { NlpjsContainer } from './textAnalysis';

export type { Classification, Classifier, ClassifyOptions } from './classification';
export type { LocaleEvidence } from './localeEvidence';

/*
 * How a message is classified, and why this combination. The parts, one file each:
 * textAnalysis (words and stems as nlp.js sees them) -> lexicon (topic, perspective and intent
 * terms) and perceptron (small trained networks) -> localeEvidence (both, per locale) ->
 * decision (intent, topic, perspective); danger (the urgent rules) runs beside them on the text.
 *
 * - Topic: a bag-of-words model alone cannot know the words it never saw in ~100 examples per
 *   topic, and Dutch compounds ("groepsapp", "datafraude") make that worse. So each locale has a
 *   topic lexicon (content/nlu/<locale>.json, `lexicon.topics`), matched on the same stems the
 *   nlp.js model uses, plus prefix/suffix wildcards for compounds. The lexicon carries the
 *   domain knowledge; the model (trained with an extra "no topic" class) breaks ties and covers
 *   words the lexicon lacks. Score = model probability + TOPIC_TERM_WEIGHT x matched terms.
 * - Intent: a message that describes a situation asks for guidance unless it carries a cue
 *   for another intent ("melden", "vertrouwenspersoon", "code of conduct", ...). Cues are data
 *   with `unless` phrases ("a complaint about me" is no request to report). The intent model
 *   decides only short messages without cues ("advies nodig").
 * - Perspective: pronoun and role cues ("I saw", "told me", "ik word", "my comment", "as a
 *   manager") weigh more than the model, which has little signal in such short texts. Quoted
 *   speech is left out ("he said 'I will kill you'": that "I" is not the writer).
 * - Urgent: regular expressions over both languages on purpose. Recall beats precision, and
 *   a trained model could miss a phrasing it never saw. Rules combine kinds of wording
 *   (violence + "now", a weapon unless "last week"); see content/nlu/urgent.json.
 *
 * Text is analysed once per locale with nlp.js's own normalizer, tokenizer and stemmer and fed
 * straight to the trained networks, so no nlp.js cache ever sees a user's message.
 */

export interface ClassifierInternals {
  /** The scores behind a classification, for tuning. */
  explain(text: string, locale: Locale): LocaleEvidence & { readonly matchedTerms: readonly string[] };
  /** Which urgent rule ("violence now", ...) or "phrase" flags the text, or null. */
  urgencyReason(text: string): string | null;
}

/**
 * Three small neural models per locale (intent, topic, perspective) trained at start from
 * content/nlu with nlp.js's language tools, combined with the lexicons there, plus the urgent
 * rules and phrases.
 */
export async function createClassifier(
  training: Readonly<Record<Locale, NluTraining>>,
  urgentPatterns: UrgentPatterns,
): Promise<Classifier & ClassifierInternals> {
  const container = (await containerBootstrap()) as unknown as NlpjsContainer;
  container.use(LangEn);
  container.use(LangNl);

  const urgencyReason = compileUrgency(urgentPatterns);
  const locales = {} as Record<Locale, LocaleClassifier>;
  for (const locale of LOCALES) locales[locale] = LocaleClassifier.create(container, locale, training[locale]);

  return {
    isUrgent: (text) => urgencyReason(text) !== null,
    async classify(text, options = {}) {
      const normalized = text.normalize('NFKC').trim();
      const detected = options.locale ?? detectLocale(normalized);
      let evidence: LocaleEvidence;
      if (detected) {
        evidence = locales[detected].evidence(normalized);
      } else {
        // Without language evidence ("gedragscode"), the locale whose vocabulary recognises the text decides.
        const [nl, en] = [locales.nl.evidence(normalized), locales.en.evidence(normalized)];
        const fallback = options.fallbackLocale ?? 'nl';
        evidence = nl.recognition === en.recognition ? (fallback === 'nl' ? nl : en) : nl.recognition > en.recognition ? nl : en;
      }
      const urgency = urgencyReason(normalized);
      return {
        locale: detected ?? options.fallbackLocale ?? evidence.locale,
        urgent: urgency !== null,
        danger: urgency !== null ? 'now' : 'none',
        ...decide(evidence, urgency),
      };
    },
    explain(text, locale) {
      const normalized = text.normalize('NFKC').trim();
      return { ...locales[locale].evidence(normalized), matchedTerms: locales[locale].matchedTerms(normalized) };
    },
    urgencyReason: (text) => urgencyReason(text.normalize('NFKC').trim())?.kind ?? null,
  };
}
