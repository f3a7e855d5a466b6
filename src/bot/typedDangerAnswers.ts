import type { Classification } from '../guidance/classifier';
import { withinOneEdit } from '../guidance/classifier/spelling';
import { digitsOf, isAlarmWord, isBesideAlarmWord, isHurriedWordOf, isMistypedAlarmWord, isNeedWord, isNegation, type DangerAnswerWords } from '../content/dangerAnswerWords';
import { analysedText } from '../shared/messageLength';
import { commandWordsOf, normalizeCommand, ROUTES, type AnyRoute } from './routes';

/*
 * What typed words say of danger before, or instead of, the classifier, with the words of content/danger-answers/: an answer
 * to the open danger question (dispatch's `answer` step) and a message that does nothing but call for help (`classify`).
 */

/**
 * What a typed answer to the danger question stands for, read only while it is open for this person
 * in this chat (dispatch's `answer` step, src/bot/openDangerQuestions.ts), with the words of
 * `content/danger-answers/`. Recall beats precision: a message that starts with a yes (also "JAAAA!!"), holds a
 * word that calls for help anywhere, or says only that it goes on ("nog steeds bezig", "het is nog niet voorbij"), is the
 * "Yes" button; only a bare no is the "No" button. Anything else is read as a new message, where danger still wins. A yes
 * marks the person's open request urgent, so an answer that starts with a no ("Nee, ik heb geen hulp nodig"), says no first
 * in other words and then asks help for what comes next ("Gelukkig niet, maar ik wil wel graag hulp"), asks help for a next
 * step ("I need help with reporting my supervisor") or negates the alarm word in its clause ("geen politie nodig", "I don't
 * need help", "hulp is niet nodig") is no yes: the person said otherwise, and as a new message its danger is still read.
 * Where the reading is torn, a yes that goes on to say it is over ("Ja, het is voorbij"), a no that ends in a call for help
 * ("nee, help!", "nobody is coming, help!!"), a cry that nobody helps ("niemand helpt ons") or help refused in words that go on
 * ("zonder hulp red ik het niet"), the question comes `again`, the numbers first, and nothing is marked urgent.
 */
export function findTypedDangerAnswer(
  text: string,
  words: DangerAnswerWords,
): { readonly route: AnyRoute; readonly answer: 'yes' | 'no' | 'again' } | undefined {
  const normalized = normalizeCommand(text);
  const route = ROUTES['flow.answer'] as AnyRoute;
  if (words.wholeNo.has(normalized)) return { route, answer: 'no' };
  const typed = wordsOfHurriedText(text, words);
  if (typed.length === 0) return undefined;
  const clauses = clausesOfHurriedText(text, words);
  if (words.noFirstWords.has(typed[0])) return tornAfterNoWord(typed, clauses, words) ? { route, answer: 'again' } : undefined;
  const afterNo = afterNoSaidFirst(clauses, words);
  if (afterNo !== undefined) return afterNo.some((clause) => callsForHelpNow(clause, words)) ? { route, answer: 'yes' } : undefined;
  if (isHurriedWordOf(typed[0], words.yesFirstWords)) return { route, answer: saysNoAfterYes(clauses, words) ? 'again' : 'yes' };
  const callsForHelp = clauses.some((clause) =>
    clause.some((word, index) => isAlarmWord(word, words) && !negatedInClause(clause, index, words) && !helpForNextStep(clause, index, words)),
  );
  if (callsForHelp || affirms(text, typed, words) || goesOnInOtherWords(text, clauses, words)) return { route, answer: 'yes' };
  if (clauses.some((clause) => refusesHelpInWordsThatGoOn(clause, words))) return { route, answer: 'again' };
  return undefined;
}

/**
 * A yes that goes on to say no in other words, that it is over or not now ("Ja, het is voorbij", "ja, nu niet meer", "Yes, but
 * he left", "yes earlier, not now"): in spoken Dutch "ja" opens an answer as often as it affirms. A negation with an over word
 * ("ja, het is nog niet voorbij") still says it goes on, and a part that calls for help keeps the yes ("ja, hij is weg, help!",
 * as "not now, help!" is a yes), as does one after the no that says it comes again ("yes, he left but he is coming back").
 */
function saysNoAfterYes(clauses: readonly string[][], words: DangerAnswerWords): boolean {
  const [first, ...rest] = clauses;
  const parts = [first.slice(1), ...rest].flatMap((clause) => partsBetweenOpeners(clause, words));
  const no = parts.findIndex((part) => saysNo(part, words) || words.wholeNo.has(part.join(' ')));
  if (no === -1) return false;
  return !parts.some((part, index) => callsForHelpNow(part, words) || (index > no && saysItComesAgain(part, words)));
}

/** After a no, a part that says it comes again or goes on ("but he is coming back with a knife", "maar hij komt terug"); "nu gaat het" says all is well. */
function saysItComesAgain(part: readonly string[], words: DangerAnswerWords): boolean {
  if (part.some((word) => isNegation(word, words) || words.overWords.has(word) || words.goingWords.has(word))) return false;
  return part.some((word) => isHurriedWordOf(word, words.affirmingWords));
}

/** A clause typed without commas, in the parts its clause openers ("but", "maar", "ik") begin; the opener belongs to neither. */
function partsBetweenOpeners(clause: readonly string[], words: DangerAnswerWords): string[][] {
  const parts: string[][] = [[]];
  for (const word of clause) {
    if (words.clauseOpeners.has(word)) parts.push([]);
    else parts[parts.length - 1].push(word);
  }
  return parts.filter((part) => part.length > 0);
}

/**
 * An answer that starts with a no word and is no plain no: it ends in a call for help ("nee, help!", "nobody here, help"), or
 * it starts with nobody and tells more than that nobody is in danger ("niemand helpt ons", "no one is helping us", "nobody is
 * coming"), or it refuses help in words that go on ("no help is coming").
 */
function tornAfterNoWord(typed: readonly string[], clauses: readonly string[][], words: DangerAnswerWords): boolean {
  // A no word that is no negation ("nee", "nobody") answers; the rest is read without it: "nee geen politie" refuses the police.
  const [first, ...rest] = clauses;
  const said = isNegation(typed[0], words) ? clauses : [first.slice(1), ...rest].filter((clause) => clause.length > 0);
  const read = said.filter((clause) => !saysHelpCame(clause, words));
  if (read.some((clause) => callsForHelpNow(clause, words))) return true;
  if (read.some((clause) => refusesHelpInWordsThatGoOn(clause, words))) return true;
  const nobody = [1, 2].find((length) => words.nobodyWords.has(typed.slice(0, length).join(' ')));
  if (nobody === undefined) return false;
  const tellsNoMore = (word: string) => isNegation(word, words) || words.overWords.has(word) || words.besideAnswerWords.has(word);
  const told = clauses.filter((clause) => !saysHelpCame(clause, words)).flat();
  const nobodyKept = told.slice(0, nobody).join(' ') === typed.slice(0, nobody).join(' ');
  return !(nobodyKept ? told.slice(nobody) : told).every(tellsNoMore);
}

/**
 * After a no said first, a clause that says help has come or been called ("I called 112", "the ambulance is here") is the no's
 * reason, not a cry. An alarm word that opens the clause with the word right after ("help here", "hulp hier") still cries.
 */
function saysHelpCame(clause: readonly string[], words: DangerAnswerWords): boolean {
  const alarm = clause.findIndex((word) => isAlarmWord(word, words));
  if (alarm === -1) return false;
  return clause.some((word, index) => words.helpCameWords.has(word) && !(alarm === 0 && index === 1));
}

/**
 * Help asked for a next step: right after the alarm word, or after the words beside it ("help me write it down"), a word that
 * says what it is for ("I need help with reporting my supervisor", "ik heb hulp nodig bij het melden"). Marking the person's
 * open request urgent would go against what they asked for.
 */
function helpForNextStep(clause: readonly string[], index: number, words: DangerAnswerWords): boolean {
  let next = index + 1;
  while (next < clause.length && words.besideAlarmWords.has(clause[next]) && !words.helpForWords.has(clause[next])) next += 1;
  return next < clause.length && words.helpForWords.has(clause[next]);
}

/**
 * Help refused by a negation that opens its clause, and then the clause goes on with no need word: not "no police" but
 * "zonder hulp red ik het niet", "without help I can't", "no help is coming". Torn between a no and a cry: the question again.
 */
function refusesHelpInWordsThatGoOn(clause: readonly string[], words: DangerAnswerWords): boolean {
  return clause.some((word, index) => isAlarmWord(word, words) && refusedInWordsThatGoOn(clause, index, words));
}

function refusedInWordsThatGoOn(clause: readonly string[], index: number, words: DangerAnswerWords): boolean {
  if (index !== 1 || !isNegation(clause[0], words)) return false;
  const after = clause.slice(index + 1);
  return after.length > 0 && !after.slice(0, NEGATION_WORDS_AFTER).some((word) => isNeedWord(word, words)) && !after.every((word) => words.besideAlarmWords.has(word));
}

/**
 * That it goes on, said by negating its end: "it's not over", "he has not left", "het is nog niet voorbij", "hij is nog niet
 * weg", "niet veilig". Each clause of nothing but negations, over words and the words beside an answer, one of them a negation
 * with an over word, and none a no said first ("it's not over, he's gone" is torn: a new message).
 */
function goesOnInOtherWords(text: string, clauses: readonly string[][], words: DangerAnswerWords): boolean {
  if (text.trim().endsWith('?')) return false;
  const answerWord = (word: string) =>
    isNegation(word, words) || words.overWords.has(word) || words.besideAnswerWords.has(word) || isHurriedWordOf(word, words.affirmingWords);
  const negatedEnd = (clause: readonly string[]) => clause.some((word) => isNegation(word, words)) && clause.some((word) => words.overWords.has(word));
  return clauses.every((clause) => clause.every(answerWord) && !saysNo(clause, words)) && clauses.some(negatedEnd);
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
 * voorbij", "he left"), with nothing else but the words beside them; both together ("niet voorbij") say it goes on. A cry to
 * stop ("yes, stop", "ja, stop", "yes stop it") says no such thing: whoever types it to "is anyone in danger right now?"
 * wants it to stop.
 */
function saysNo(clause: readonly string[], words: DangerAnswerWords): boolean {
  const negated = clause.some((word) => isNegation(word, words));
  const over = clause.some((word) => words.overWords.has(word) && (negated || !words.stopCries.has(word)));
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
  // "gelukkig niet, geen hulp" refuses it.
  return clause.some((word, index) => index >= callStarts && isAlarmWord(word, words) && !negatedInClause(clause, index, words));
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
  // "is er hulp?", "de politie is er": a question about help, or where it is, calls for none. A message that opens with its
  // cry still calls ("help, is er iemand?").
  if (typed.length > 0 && !callsForHelp(typed[0])) {
    if (text.trim().endsWith('?') && words.questionOpeners.has(typed[0])) return false;
    if (typed.some((word, index) => words.announcingWords.has(word) && !typed.slice(index).some(callsForHelp))) return false;
  }
  return (
    typed.some(callsForHelp) &&
    typed.every((word, index) => callsForHelp(word) || isBesideAlarmWord(word, words) || (index === 0 && words.noFirstWords.has(word)))
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
const menuWordsNotAlarms = () => commandWordsOf(ROUTES['welcome.show']).filter((command) => command !== 'help' && command !== 'hulp');

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
    // The emergency emoji a phone offers beside 🆘: the police light 🚨, the ambulance 🚑, the fire engine 🚒, the police cars 🚓 🚔.
    .replace(/[\u{1F198}\u{1F6A8}\u{1F691}\u{1F692}\u{1F693}\u{1F694}]/gu, ' sos ')
    .replace(/(?<![\p{L}\p{N}])(?:\p{L}\.){2,}\p{L}?(?![\p{L}\p{N}])/gu, (abbreviation) => abbreviation.replace(/\./g, ''))
    .replace(/\d+(?:[ .-]\d+)+/g, (digits) => (words.emergencyNumbers.has(digitsOf(digits)) ? digitsOf(digits) : digits));
}

function wordsOf(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}
