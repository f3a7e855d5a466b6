import { StopwordsEn } from '@nlpjs/lang-en-min';
import { StopwordsNl } from '@nlpjs/lang-nl';
import type { Locale } from './vocabulary';

/**
 * Tells Dutch from English by counting function words, which dominate even short chat
 * messages. Words that are function words in both languages ("in", "is") do not count.
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
// Frequent chat words missing from the stopword lists.
for (const word of ['ik', 'mijn', 'mij', 'jij', 'je', 'jullie', 'hoe', 'wat', 'moet', 'kan', 'wil', 'niet', 'iemand', 'collega', 'nu', 'hallo', 'hoi', 'ff', 'leidinggevende', 'word', 'wordt', 'heb', 'hebben']) {
  dutchWords.add(word);
}
for (const word of ['i', 'my', 'me', 'you', 'how', 'what', 'should', 'can', 'want', 'not', 'someone', 'colleague', 'now', 'hello', 'hi', 'the', 'is', 'manager', 'told', 'keeps']) {
  englishWords.add(word);
}
// "is" and "manager" are common in both; the ambiguity is resolved by the other words.
dutchWords.delete('is');
dutchWords.delete('manager');

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
