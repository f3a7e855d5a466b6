import { StopwordsEn } from '@nlpjs/lang-en-min';
import { StopwordsNl } from '@nlpjs/lang-nl';
import type { Locale } from './vocabulary';

/**
 * Tells Dutch from English by counting function words, which dominate even short chat
 * messages. Words that are common in both languages ("in", "is", "manager") count for
 * neither: the other words decide ("Mijn manager is boos" is Dutch by "mijn", "My manager is
 * angry" English by "my").
 * Returns undefined when the text gives no evidence, so the caller can fall back to the
 * user's Teams locale or compare both models.
 */
const dutchWords = new Set(Object.keys(new StopwordsNl().dictionary));
const englishWords = new Set(Object.keys(new StopwordsEn().dictionary));
for (const word of [...dutchWords]) {
  if (englishWords.has(word)) {
    dutchWords.delete(word);
    englishWords.delete(word);
  }
}
// Frequent words and chat spellings missing from the stopword lists ("mn" for "mijn", "rly"), none of them common in
// both: "is", "me", "pls" and "manager" (a loanword of everyday Dutch at work) stay out of both.
for (const word of ['ik', 'mijn', 'mn', 'mij', 'jij', 'je', 'jullie', 'onze', 'zn', 'hoe', 'wat', 'moet', 'kan', 'wil', 'niet', 'nie', 'iemand', 'collega', 'nu', 'hallo', 'hoi', 'ff', 'leidinggevende', 'word', 'wordt', 'doet', 'heb', 'hebben', 'echt', 'gwn']) {
  dutchWords.add(word);
}
for (const word of ['i', 'im', 'my', 'you', 'she', 'how', 'what', 'should', 'can', 'want', 'not', 'someone', 'colleague', 'now', 'hello', 'hi', 'the', 'told', 'keeps', 'really', 'rly', 'just', 'idk']) {
  englishWords.add(word);
}

export function detectLocale(text: string): Locale | undefined {
  let dutch = 0;
  let english = 0;
  for (const word of text.toLowerCase().match(/\p{L}+/gu) ?? []) {
    if (dutchWords.has(word)) dutch += 1;
    if (englishWords.has(word)) english += 1;
  }
  if (dutch === english) return undefined;
  return dutch > english ? 'nl' : 'en';
}
