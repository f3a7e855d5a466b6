import type { Classification } from '../guidance/classifier';
import { withinOneEdit } from '../guidance/classifier/spelling';
import { digitsOf, isAlarmWord, isHurriedWordOf, isMistypedAlarmWord, isNeedWord, isNegation, type DangerAnswerWords } from '../content/dangerAnswerWords';
import { analysedText } from '../shared/messageLength';
import { normalizeCommand, ROUTES, type AnyRoute } from './routes';

/*
 * What typed words say of danger before, or instead of, the classifier, with the words of content/danger-answers/: an answer
 * to the open danger question (dispatch's `answer` step) and a message that does nothing but call for help (`classify`).
 */

/**
 * What a typed answer to the danger question stands for, read only while it is open for this person
 * in this chat (dispatch's `answer` step, src/bot/openDangerQuestions.ts), with the words of
 * `content/danger-answers/`. Recall beats precision: a message that starts with a yes (also "JAAAA!!"), holds a
 * word that calls for help anywhere, or says only that it goes on ("nog steeds bezig"), is the "Yes" button; only a bare no is the "No" button. Anything
 * else is read as a new message, where danger still wins. A yes marks the person's open request urgent, so
 * an answer that starts with a no ("Nee, ik heb geen hulp nodig"), says no first in other words and then asks help for what
 * comes next ("Gelukkig niet, maar ik wil wel graag hulp") or negates the alarm word in its clause ("geen politie
 * nodig", "I don't need help", "hulp is niet nodig") is no yes: the person said otherwise, and as a new message its danger is still read.
 */
export function findTypedDangerAnswer(
  text: string,
  words: DangerAnswerWords,
): { readonly route: AnyRoute; readonly answer: 'yes' | 'no' } | undefined {
  const normalized = normalizeCommand(text);
  const route = ROUTES['flow.answer'] as AnyRoute;
  if (words.wholeNo.has(normalized)) return { route, answer: 'no' };
  const typed = wordsOfHurriedText(text, words);
  if (typed.length === 0 || words.noFirstWords.has(typed[0])) return undefined;
  const clauses = clausesOfHurriedText(text, words);
  const afterNo = afterNoSaidFirst(clauses, words);
  if (afterNo !== undefined) return afterNo.some((clause) => callsForHelpNow(clause, words)) ? { route, answer: 'yes' } : undefined;
  const callsForHelp = clauses.some((clause) =>
    clause.some((word, index) => isAlarmWord(word, words) && !negatedInClause(clause, index, words)),
  );
  if (isHurriedWordOf(typed[0], words.yesFirstWords) || callsForHelp || affirms(text, typed, words)) return { route, answer: 'yes' };
  return undefined;
}

/**
 * A yes said without a yes, that it goes on or that it is so, with nothing else told: "nog steeds bezig", "hij is er nog",
 * "still happening", "nu!!", "klopt". Not a question back ("is er nog iemand?"): that asks, it does not answer. A word of
 * going says it goes on only with a word that says so ("het gaat nog steeds door"): "nu gaat het", "het gaat nu" say all is
 * well again.
 */
function affirms(text: string, typed: readonly string[], words: DangerAnswerWords): boolean {
  if (text.trim().endsWith('?')) return false;
  const affirming = (word: string) => isHurriedWordOf(word, words.affirmingWords);
  const goesOn = typed.some((word) => words.goingOnWords.has(word));
  const beside = (word: string) => words.besideAnswerWords.has(word) || words.goingOnWords.has(word) || (goesOn && words.goingWords.has(word));
  return typed.some(affirming) && typed.every((word) => affirming(word) || beside(word));
}

/**
 * The clauses after a no said first in other words, or undefined without one. The no ends its clause, or, typed in a hurry
 * without a comma, stops before a clause opener ("Not anymore but I need help", "Het is voorbij ik zoek hulp"), which
 * belongs to neither part.
 */
function afterNoSaidFirst(clauses: readonly string[][], words: DangerAnswerWords): string[][] | undefined {
  const [first, ...rest] = clauses;
  if (rest.length > 0 && saysNo(first, words)) return rest;
  const opener = first.findIndex((word) => words.clauseOpeners.has(word));
  if (opener <= 0 || !saysNo(first.slice(0, opener), words)) return undefined;
  const afterOpener = first.slice(opener + 1);
  return afterOpener.length > 0 ? [afterOpener, ...rest] : rest.length > 0 ? rest : undefined;
}

/**
 * A first clause that says no in other words: a negation ("gelukkig niet", "not anymore") or that it is over ("het is
 * voorbij", "he left"), with nothing else but the words beside them; both together ("niet voorbij") say it goes on.
 */
function saysNo(clause: readonly string[], words: DangerAnswerWords): boolean {
  const negated = clause.some((word) => isNegation(word, words));
  const over = clause.some((word) => words.overWords.has(word));
  const beside = (word: string) => words.besideAnswerWords.has(word) || words.goingWords.has(word);
  return negated !== over && clause.every((word) => isNegation(word, words) || words.overWords.has(word) || beside(word));
}

/**
 * After a no said first, a clause that ends in a call for help is still a yes ("not now, help!", typed without commas "he
 * left but I am scared help"); a need told there ("but I need help with what to say", "ik wil wel graag hulp") is for what
 * comes next, and marking the person's open request urgent would go against their answer.
 */
function callsForHelpNow(clause: readonly string[], words: DangerAnswerWords): boolean {
  if (clause.some((word) => isNeedWord(word, words))) return false;
  let callStarts = clause.length;
  while (callStarts > 0 && (isAlarmWord(clause[callStarts - 1], words) || words.besideAlarmWords.has(clause[callStarts - 1]))) callStarts -= 1;
  return clause.slice(callStarts).some((word) => isAlarmWord(word, words));
}

/** How far after an alarm word a negation still says help is not wanted: "hulp is niet nodig", "help is not needed". */
const NEGATION_WORDS_AFTER = 2;

/**
 * Whether the alarm word at `index` is negated in its clause, that is whether the person says they do not want it: a
 * negation before it with only need words between, when a need word says what is not wanted, between or just after ("I
 * dont need an ambulance", "geen hulp nodig", "no police needed"), or when the negation opens its clause or follows a need
 * word ("I'm fine, no police", "ik wil geen politie"), or a negation up to two words after it and then a need
 * word ("hulp is niet nodig", "politie niet nodig"). A negation of something else is not: "ik voel me niet veilig help",
 * "I dont feel safe help", "hij stopt niet help", "help niet ophangen" still call for help. After the alarm word, a word
 * that may open an answer's no ("no") does not count: "help no one is here" still calls for help.
 */
function negatedInClause(clause: readonly string[], index: number, words: DangerAnswerWords): boolean {
  let before = index - 1;
  while (before >= 0 && isNeedWord(clause[before], words)) before -= 1;
  const needBetween = before < index - 1;
  const needJustAfter = clause.slice(index + 1, index + 1 + NEGATION_WORDS_AFTER).some((word) => isNeedWord(word, words));
  const opensWhatIsWanted = before === 0 || (before > 0 && isNeedWord(clause[before - 1], words));
  if (before >= 0 && isNegation(clause[before], words) && (needBetween || needJustAfter || opensWhatIsWanted)) return true;
  for (let after = index + 1; after <= index + NEGATION_WORDS_AFTER && after < clause.length; after += 1) {
    const word = clause[after];
    if (isNegation(word, words) && !words.noFirstWords.has(word) && isNeedWord(clause[after + 1] ?? '', words)) return true;
  }
  return false;
}

/**
 * A message of nothing but words that call for help ("112", "SOS!!", "politie", "help help"): the classifier reads such bare
 * words as no danger, yet whoever types only that may be in danger. Returns how the bot reads it, danger `unclear` with
 * nothing else told (also where the classifier guessed a situation or `unclear` itself), or undefined for any other
 * message and for danger `now`, whose emergency card comes first anyway. Outside a relay the
 * danger question comes first with every number and call button, and nothing else: yes shows the emergency card, no the
 * menu (dispatch's `danger` step); to an adviser the emergency card comes first (the relay's rule for `unclear`). A single
 * bare menu word ("help", "Hulp?", "menu") is a command of `welcome.show` and gets the menu from dispatch's `command` step
 * before this is read, except during a relay, where command words go to the adviser and this rule shows the emergency card.
 */
export function readAsCallForHelp(text: string, classification: Classification, words: DangerAnswerWords): Classification | undefined {
  if (classification.danger === 'now' || !callsOnlyForHelp(text, words)) return undefined;
  return { ...classification, intent: 'help', topic: null, perspective: null, likelyTopics: [], danger: 'unclear' };
}

/**
 * At least one alarm word, and beside it only alarm words and the few words that go with them ("HELP ME!!", "bel 112!",
 * "hulp nu", "112 🙏"), read as typed in a hurry (wordsOfHurriedText), an alarm word also with one typing error ("HLEP ME!!",
 * "ambulanse!!", isMistypedAlarmWord). A longer sentence ("call 112 if you see it") is
 * the classifier's to read. A first no may stand before them: "nee, help!" typed to the danger question is no yes
 * (findTypedDangerAnswer), and gets the question again, the numbers first, rather than the menu.
 */
function callsOnlyForHelp(text: string, words: DangerAnswerWords): boolean {
  const typed = wordsOfHurriedText(text, words);
  const callsForHelp = (word: string) => isAlarmWord(word, words) || (isMistypedAlarmWord(word, words) && !(typed.length === 1 && isMistypedGreeting(word, words)));
  return (
    typed.some(callsForHelp) &&
    typed.every((word, index) => callsForHelp(word) || words.besideAlarmWords.has(word) || (index === 0 && words.noFirstWords.has(word)))
  );
}

/**
 * A bare "helo" is one typing error from "help" and from "hello": a greeting mistyped alone asks for the menu, as the greeting
 * does. The menu's own words that are no alarm words ("hello", "hallo", "menu", "start", "begin") decide; a word that holds
 * an alarm word whole ("helpo") and any word beside others ("helo me please!!") still call for help.
 */
function isMistypedGreeting(word: string, words: DangerAnswerWords): boolean {
  if ([...words.alarmWords].some((alarm) => alarm.length >= 4 && word.includes(alarm))) return false;
  return menuWordsNotAlarms().some((command) => command.length >= 4 && withinOneEdit(word, command));
}
// Read when a message is, not when this module loads: the routing table's handlers import this module (readTypedText.ts).
const menuWordsNotAlarms = () => (ROUTES['welcome.show'].commands ?? []).filter((command) => command !== 'help' && command !== 'hulp');

/**
 * The words of a message as a phone types them in a hurry: read as the classifier reads it (NFKC: "１１２" is "112", "…" is
 * "..."; characters nobody sees left out), in lower case, apostrophes left out ("don't" is "dont"), the SOS emoji and
 * "S.O.S." as "sos", an emergency number written in parts as its digits ("0800-0113"), every other symbol, emoji and
 * punctuation mark between words.
 */
function wordsOfHurriedText(text: string, words: DangerAnswerWords): string[] {
  return wordsOf(hurriedText(text, words));
}

/** The words of each clause (between `, . ! ? ;`) of a message typed in a hurry: a negation negates only in its own clause ("not now, help!"). */
function clausesOfHurriedText(text: string, words: DangerAnswerWords): string[][] {
  return hurriedText(text, words)
    .split(/[,.!?;]+/)
    .map(wordsOf)
    .filter((clause) => clause.length > 0);
}

function hurriedText(text: string, words: DangerAnswerWords): string {
  return analysedText(text)
    .toLowerCase()
    .replace(/['’‘]/g, '')
    .replace(/\u{1F198}/gu, ' sos ')
    .replace(/(?<![\p{L}\p{N}])(?:\p{L}\.){2,}\p{L}?(?![\p{L}\p{N}])/gu, (abbreviation) => abbreviation.replace(/\./g, ''))
    .replace(/\d+(?:[ .-]\d+)+/g, (digits) => (words.emergencyNumbers.has(digitsOf(digits)) ? digitsOf(digits) : digits));
}

function wordsOf(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}
