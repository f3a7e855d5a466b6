import type { NluLexicon } from '../../content/contentSchema';
import type { AskKind } from './askLocation';
import type { HarmKind } from './dangerKinds';
import type { AnalysedText } from './textAnalysis';

/*
 * The named features the intent, topic and perspective models read (softmaxModel.ts). Words alone
 * miss what the error kinds turn on, so the features also carry:
 * - pairs of neighbouring stems: "my arm" (the writer is the target), "I copied" (the accused),
 *   "moet ik melden" (asks whether to report: guidance, not a request to report);
 * - word beginnings and endings, for Dutch compounds ("groepsapp", "wurggreep") and spellings the
 *   examples lack;
 * - which lexicon labels matched (content/nlu/<locale>.json) and the kinds of harm the danger rules
 *   found, so the model weighs the domain knowledge of the rules against the words around it.
 * Every feature is a short string ("s:copi", "b:i_copi", "t:research-integrity", "h:violence"),
 * so `ask --explain` can show the ones that decided.
 */

const AFFIX_LETTERS = 5;
/** Shorter words are whole stems already; their beginnings add nothing. */
const MIN_AFFIX_WORD = 7;

export interface CueHits {
  readonly topicTerms: ArrayLike<number>;
  readonly topicLabels: readonly string[];
  readonly perspectiveCues: ArrayLike<number>;
  readonly perspectiveLabels: readonly string[];
  readonly intentCues: ArrayLike<number>;
  readonly intentUnless: ArrayLike<number>;
  readonly intentLabels: readonly string[];
  readonly selfReferences: number;
  readonly harmNamed: ReadonlySet<HarmKind>;
}

/** Stems, pairs of stems and word beginnings and endings of one text, each once. */
export function wordFeatures(text: AnalysedText, into: Set<string> = new Set()): Set<string> {
  const { words, stems } = text;
  for (let i = 0; i < stems.length; i += 1) {
    const stem = stems[i];
    if (!stem) continue;
    into.add(`s:${stem}`);
    into.add(`b:${i === 0 ? '^' : stems[i - 1]}_${stem}`);
    const word = words[i];
    if (word.length >= MIN_AFFIX_WORD) {
      into.add(`p:${word.slice(0, AFFIX_LETTERS)}`);
      into.add(`e:${word.slice(word.length - AFFIX_LETTERS)}`);
    }
  }
  if (stems.length > 0 && stems.length <= 6) into.add('n:short');
  return into;
}

/** Which lexicon labels and kinds of harm a text names; a label named twice or more is its own feature. */
export function cueFeatures(hits: CueHits, into: Set<string> = new Set()): Set<string> {
  const add = (prefix: string, scores: ArrayLike<number>, labels: readonly string[]) => {
    for (let i = 0; i < labels.length; i += 1) {
      if (scores[i] > 0) into.add(`${prefix}:${labels[i]}`);
      if (scores[i] >= 2) into.add(`${prefix}2:${labels[i]}`);
    }
  };
  add('t', hits.topicTerms, hits.topicLabels);
  add('c', hits.perspectiveCues, hits.perspectiveLabels);
  add('i', hits.intentCues, hits.intentLabels);
  add('u', hits.intentUnless, hits.intentLabels);
  into.add(hits.selfReferences === 0 ? 'm:none' : hits.selfReferences === 1 ? 'm:one' : 'm:many');
  for (const harm of hits.harmNamed) into.add(`h:${harm}`);
  return into;
}

export interface AskHits {
  readonly kind: AskKind;
  readonly askFirst: boolean;
  readonly whatToDo: boolean;
  readonly ask: AnalysedText;
  readonly askCues: ArrayLike<number>;
  readonly storyCues: ArrayLike<number>;
  readonly frames: ArrayLike<number>;
  readonly intentLabels: readonly string[];
}

/**
 * What the intent regression reads beside the whole text (askLocation.ts): where the ask is (`q:part`,
 * `q:first`: it asks before it tells), the intent cues in the asking sentences (`ia:report`) and in the
 * story (`is:report`: "she already reported it" asks for nothing), the frames (`f:training`), and the
 * stems and pairs of stems of the asking sentences (`a:regist`, `ab:be_regist`), so the words of the ask
 * weigh apart from the story's.
 */
export function askFeatures(hits: AskHits, into: Set<string> = new Set()): Set<string> {
  into.add(`q:${hits.kind}`);
  if (hits.askFirst) into.add('q:first');
  if (hits.whatToDo) into.add('q:what-to-do');
  for (let i = 0; i < hits.intentLabels.length; i += 1) {
    if (hits.askCues[i] > 0) into.add(`ia:${hits.intentLabels[i]}`);
    if (hits.storyCues[i] > 0) into.add(`is:${hits.intentLabels[i]}`);
    if (hits.frames[i] > 0) into.add(`f:${hits.intentLabels[i]}`);
  }
  const { stems } = hits.ask;
  for (let i = 0; i < stems.length; i += 1) {
    if (!stems[i]) continue;
    into.add(`a:${stems[i]}`);
    into.add(`ab:${i === 0 ? '^' : stems[i - 1]}_${stems[i]}`);
  }
  return into;
}

export interface WhoWordLists {
  readonly possessive: readonly string[];
  readonly object: readonly string[];
  readonly group: readonly string[];
  readonly others: readonly string[];
  readonly thirdPersons: readonly string[];
  /** The writer as a subject ("I", "ik") and others as subjects ("he", "she", "ze"). */
  readonly subjects: { readonly writer: readonly string[]; readonly others: readonly string[] };
  readonly people: readonly string[];
  readonly writerActs: NluLexicon['writerActs'];
  readonly writerRole: NluLexicon['writerRole'];
  readonly aimedAtWriter: NluLexicon['aimedAtWriter'];
}

/** Whether the writer's own words aim what is said or done at the writer (`lexicon.aimedAtWriter`). */
export interface AimAtWriter {
  /** A threat told to the writer: "told me he'd", "to my face", "zei tegen mij". */
  readonly said: boolean;
  /** Harm reported of the writer, nobody named as told: "says he'll wring my neck", "brult dat hij me een klap verkoopt". */
  readonly reported: boolean;
  /** Harm pointed at the writer: "waving it at us", "richting mij". */
  readonly at: boolean;
}

/** How far after "my" a noun for a person still counts ("my new colleague", "mijn oud-collega"). */
const POSSESSED_REACH = 2;
/** How many words around a noun for a person may name it as the writer's role ("as her line manager", "head of porters here"). */
const ROLE_REACH = 3;
/** How many words may stand between "I am" or "as" and a managing role ("I am the program director", "as her line manager"). */
const MANAGING_ROLE_GAP = 2;
/** How far after a role near the start "here" may come ("head of the cleaning crew here"). */
const INTRODUCTION_REACH = 5;
/** How far after "ik heb" its participle may come ("ik heb een stuk tekst uit een ander paper gezet"). */
const PARTICIPLE_REACH = 9;
/** How far after "told me" the writer may come as what the threat is aimed at ("told me she'd ... if I ever", "zei tegen mij dat hij me"). */
const SAID_REACH = 8;
/** How far after "says he" the writer may come as the object of what he says he will do ("says he'll wring my neck", "zegt zij slaat mij"). */
const REPORTED_REACH = 4;
/** How many fillers may stand between the writer and the verb ("I kinda just left ..."). */
const FILLER_REACH = 3;

/**
 * Who a message is about, from single words (content/nlu/<locale>.json, `lexicon.pronouns` and
 * `lexicon.people`): whether the writer owns what was hurt ("my arm", "mn telefoon": `y:my-thing`)
 * or speaks of someone of theirs ("my colleague", "mijn collega": `y:my-person`), is the object
 * ("hit me", "tegen ons": `y:me`), writes as one of a group ("we are hiding": `y:we`), or names
 * others as the object ("grabbed her", "sloeg hem": `y:others`). A possessive written as two
 * tokens ("m'n" becomes "m", "n") counts as one. Two more tell the accused and the manager apart
 * from the witness: the writer did something ("I copied", "ik heb ... overgenomen": `y:i-did`), and
 * the writer names their own role ("head of porters here", "als teamleider": `y:role` and
 * `y:role:<stem>`, so the model learns which roles manage).
 */
export class WhoWords {
  private readonly possessive: ReadonlySet<string>;
  private readonly object: ReadonlySet<string>;
  private readonly group: ReadonlySet<string>;
  private readonly others: ReadonlySet<string>;
  private readonly thirdPersons: ReadonlySet<string>;
  private readonly writerSubjects: ReadonlySet<string>;
  private readonly othersSubjects: ReadonlySet<string>;
  private readonly personStems: ReadonlySet<string>;
  private readonly personEndings: readonly string[];
  private readonly writerActs: WriterActs;
  private readonly roleBefore: readonly (readonly string[])[];
  private readonly roleAfter: ReadonlySet<string>;
  private readonly managingRoles: ReadonlySet<string>;
  private readonly managingEndings: readonly string[];
  private readonly toldBy: readonly (readonly string[])[];
  private readonly addressed: ReadonlySet<string>;
  private readonly saidToWriter: readonly (readonly string[])[];
  private readonly aimedAtWriter: readonly (readonly string[])[];
  private readonly clauseJoins: ReadonlySet<string>;
  private readonly reportingVerbs: ReadonlySet<string>;
  private readonly reportingThat: ReadonlySet<string>;
  private readonly writerInAGroup: ReadonlySet<string>;

  constructor(lists: WhoWordLists, stem: (word: string) => string) {
    this.possessive = new Set(lists.possessive);
    this.object = new Set(lists.object);
    this.group = new Set(lists.group);
    this.others = new Set(lists.others);
    this.thirdPersons = new Set(lists.thirdPersons);
    this.writerSubjects = new Set(lists.subjects.writer);
    this.othersSubjects = new Set(lists.subjects.others);
    this.personStems = new Set(lists.people.filter((word) => !word.startsWith('*')).map(stem));
    this.personEndings = lists.people.filter((word) => word.startsWith('*')).map((word) => word.slice(1));
    this.writerActs = new WriterActs(lists.writerActs);
    this.roleBefore = lists.writerRole.before.map((words) => words.split(' '));
    this.roleAfter = new Set(lists.writerRole.after);
    this.managingRoles = new Set(lists.writerRole.manages.filter((word) => !word.startsWith('*')));
    this.managingEndings = lists.writerRole.manages.filter((word) => word.startsWith('*')).map((word) => word.slice(1));
    this.toldBy = lists.writerRole.toldBy.map((phrase) => phrase.split(' '));
    this.addressed = new Set(lists.writerRole.addressed);
    this.saidToWriter = lists.aimedAtWriter.said.map((phrase) => phrase.split(' '));
    this.aimedAtWriter = lists.aimedAtWriter.at.map((phrase) => phrase.split(' '));
    this.clauseJoins = new Set(lists.aimedAtWriter.joins);
    this.reportingVerbs = new Set(lists.aimedAtWriter.reports.verbs);
    this.reportingThat = new Set(lists.aimedAtWriter.reports.that);
    this.writerInAGroup = new Set(lists.aimedAtWriter.reports.group);
  }

  features(text: AnalysedText, into: Set<string>): Set<string> {
    const { words, stems } = text;
    for (let i = 0; i < words.length; i += 1) {
      const word = words[i];
      const splitPossessive = word === 'm' && words[i + 1] === 'n';
      if (this.possessive.has(word) || splitPossessive) {
        const from = i + (splitPossessive ? 2 : 1);
        let person = false;
        for (let j = from; j < Math.min(words.length, from + POSSESSED_REACH); j += 1) {
          if (this.isPerson(words[j], stems[j])) person = true;
        }
        if (from < words.length) into.add(person ? 'y:my-person' : 'y:my-thing');
      } else if (this.object.has(word)) into.add('y:me');
      else if (this.group.has(word)) into.add('y:we');
      else if (this.others.has(word)) into.add('y:others');
    }
    if (this.writerActs.found(words)) into.add('y:i-did');
    const role = this.writerRole(words, stems);
    if (role !== undefined) into.add('y:role').add(`y:role:${role}`);
    // Together they say more than apart: only the writer, only others, or both.
    const self = into.has('y:me') || into.has('y:my-thing');
    const others = into.has('y:others') || into.has('y:my-person');
    if (self || others) into.add(self && others ? 'y:self+others' : self ? 'y:self-only' : 'y:others-only');
    return into;
  }

  /**
   * Whether the text names anyone but the writer: a pronoun for someone else ("she", "they", "iemand"; not
   * "them", as often the pills) or a noun for a person ("my colleague", "een stagiair"). Not a feature of
   * the regressions.
   */
  namesOthers(text: AnalysedText): boolean {
    const { words, stems } = text;
    for (let i = 0; i < words.length; i += 1) {
      if (this.thirdPersons.has(words[i]) || this.isPerson(words[i], stems[i])) return true;
    }
    return false;
  }

  /**
   * Whether the writer's own words tell mostly of someone else: "he" or "she" as a subject more often than "I" ("my flatmate
   * says he's ending it tonight, he's got a rope"; not "they humiliate me and I want to end it"). Not a feature of the regressions.
   */
  tellsMostlyOfOthers(text: AnalysedText): boolean {
    let writer = 0;
    let others = 0;
    for (const word of text.words) {
      if (this.writerSubjects.has(word)) writer += 1;
      else if (this.othersSubjects.has(word)) others += 1;
    }
    return others > writer;
  }

  /**
   * Whether the writer's own words aim a threat or harm at the writer. Told to the writer ("he told me he'll make me bleed", "zei
   * tegen mij dat hij me ..."): a phrase of `said` with the writer as what follows within a few words ("me", "my arm", not
   * "my colleague"), before anyone else ("told me he'd hurt her" is told of her); the writer as a subject ("I", "ik") only in the
   * clause the phrase opens ("said to my face that I would regret it"), since after a comma, a full stop or a join ("told me
   * she was threatened, I don't know what to do", "... en ik wil helpen") it is the bystander's own question. Pointed at the
   * writer ("waving a knife at us", "richting mij"): a phrase of `at`, in words that name nobody else as an object. Not a
   * feature of the regressions. `clauseStarts`: where a clause opens after punctuation (LocaleAnalyser.clauseStarts).
   */
  aimAtWriter(text: AnalysedText, clauseStarts: ReadonlySet<number>): AimAtWriter {
    const { words, stems } = text;
    const writerFollows = (from: number, alone = false): boolean => {
      let sameClause = true;
      for (let i = from; i < Math.min(words.length, from + (alone ? REPORTED_REACH : SAID_REACH)); i += 1) {
        if (clauseStarts.has(i) || this.clauseJoins.has(words[i])) sameClause = false;
        if (this.others.has(words[i]) || (alone && this.writerInAGroup.has(words[i]))) return false;
        if (this.object.has(words[i]) || (sameClause && this.writerSubjects.has(words[i]))) return true;
        if (this.possessive.has(words[i]) && i + 1 < words.length && !this.isPerson(words[i + 1], stems[i + 1])) return true;
      }
      return false;
    };
    return {
      said: phraseEnds(words, this.saidToWriter).some((end) => writerFollows(end)),
      reported: this.reportedThreatEnds(words, clauseStarts).some((end) => writerFollows(end, true)),
      at: !words.some((word) => this.others.has(word)) && phraseEnds(words, this.aimedAtWriter).length > 0,
    };
  }

  /**
   * Where a threat reported in the third person opens, nobody named as told: a verb of saying (`aimedAtWriter.reports.verbs`), maybe
   * "that" or "dat", then "he" or "she" in the same clause ("says he'll", "said she'd", "brult dat hij", "zegt zij"). The index after
   * the subject: the writer must come after it, alone ("he'll slap me", not "with us in it").
   */
  private reportedThreatEnds(words: readonly string[], clauseStarts: ReadonlySet<number>): number[] {
    const ends: number[] = [];
    for (let i = 0; i < words.length; i += 1) {
      if (!this.reportingVerbs.has(words[i])) continue;
      let next = i + 1;
      if (this.reportingThat.has(words[next]) && !clauseStarts.has(next)) next += 1;
      if (next < words.length && this.othersSubjects.has(words[next]) && !clauseStarts.has(next)) ends.push(next + 1);
    }
    return ends;
  }

  /**
   * Whether the writer names a role that receives signals as their own ("as head of department", "ik ben teamleider", "afdelingshoofd
   * hier", `lexicon.writerRole.manages`) and someone else tells them of something (`toldBy`: "a midwife told me", "kwamen bij me
   * klagen", "I received a complaint"). Not a feature of the regressions.
   */
  managerToldOf(text: AnalysedText): boolean {
    const { words, stems } = text;
    if (phraseEnds(words, this.toldBy).length === 0) return false;
    for (let i = 0; i < words.length; i += 1) {
      if (this.managingRoleAt(words, stems, i)) return true;
    }
    return false;
  }

  /**
   * A managing role at `i` named as the writer's own: a marker ("as", "I am", "ik ben") ending at most MANAGING_ROLE_GAP words
   * before it with no other person (but the role's own modifier: "team lead"), no "my" and no "your" between ("I am the program
   * director", "als haar stagebegeleider", "I'm her team lead"; not
   * "ik ben coassistent. De supervisor", "kortaf ben. Mijn leidinggevende", "als je eigen baas"), or near the start with "here"
   * after it and no "my" before ("afdelingshoofd hier"; not "Mijn diensthoofd staat hier").
   */
  private managingRoleAt(words: readonly string[], stems: readonly string[], i: number): boolean {
    const word = words[i];
    if (!this.managingRoles.has(word) && !this.managingEndings.some((ending) => word.length > ending.length && word.endsWith(ending))) return false;
    // A person right before the role is its modifier ("team lead", "ward manager", "nurse manager").
    const someoneElses = (j: number) => this.possessive.has(words[j]) || this.addressed.has(words[j]) || (j < i - 1 && this.isPerson(words[j], stems[j]));
    for (const marker of this.roleBefore) {
      for (let end = i - 1; end >= Math.max(0, i - 1 - MANAGING_ROLE_GAP); end -= 1) {
        if (end < i - 1 && someoneElses(end + 1)) break;
        const start = end - marker.length + 1;
        if (start >= 0 && marker.every((markerWord, offset) => words[start + offset] === markerWord)) return true;
      }
    }
    const introduced = i <= ROLE_REACH && words.slice(i + 1, i + 1 + INTRODUCTION_REACH).some((after) => this.roleAfter.has(after));
    return introduced && !words.slice(0, i).some((before) => this.possessive.has(before));
  }

  /** The stem of the first noun for a person the writer names as their own role, if any. */
  private writerRole(words: readonly string[], stems: readonly string[]): string | undefined {
    for (let i = 0; i < words.length; i += 1) {
      if (!this.isPerson(words[i], stems[i])) continue;
      const before = words.slice(Math.max(0, i - ROLE_REACH), i);
      const after = words.slice(i + 1, i + 1 + INTRODUCTION_REACH);
      const named = this.roleBefore.some((marker) => marker.every((word) => before.includes(word)));
      const introduced = i <= ROLE_REACH && after.some((word) => this.roleAfter.has(word));
      if (named || introduced) return stems[i];
    }
    return undefined;
  }

  private isPerson(word: string, stem: string): boolean {
    return this.personStems.has(stem) || this.personEndings.some((ending) => word.length > ending.length && word.endsWith(ending));
  }
}

/** Where each occurrence of one of the phrases ends in the words (the index after its last word). */
function phraseEnds(words: readonly string[], phrases: readonly (readonly string[])[]): number[] {
  const ends: number[] = [];
  for (let i = 0; i < words.length; i += 1) {
    for (const phrase of phrases) {
      if (phrase[0] === words[i] && phrase.every((word, offset) => words[i + offset] === word)) ends.push(i + phrase.length);
    }
  }
  return ends;
}

/** A shape of a word: a beginning and an ending around a * ("*ed", "ge*t"). */
class WordShapes {
  private readonly shapes: readonly (readonly [string, string])[];

  constructor(shapes: readonly string[]) {
    this.shapes = shapes.map((shape) => {
      const star = shape.indexOf('*');
      return [shape.slice(0, star), shape.slice(star + 1)] as const;
    });
  }

  /** The word must be longer than the shape's letters: "ed" is no past form, "grabbed" is. */
  matches(word: string): boolean {
    return this.shapes.some(([start, end]) => word.length > start.length + end.length + 1 && word.startsWith(start) && word.endsWith(end));
  }
}

/** Whether the writer says they did something (content/nlu/<locale>.json, `lexicon.writerActs`). */
class WriterActs {
  private readonly subjects: ReadonlySet<string>;
  private readonly openers: ReadonlySet<string>;
  private readonly auxiliaries: ReadonlySet<string>;
  private readonly fillers: ReadonlySet<string>;
  private readonly stops: ReadonlySet<string>;
  private readonly actions: ReadonlySet<string>;
  private readonly notActions: ReadonlySet<string>;
  private readonly pastForms: WordShapes;
  private readonly participles: WordShapes;

  constructor(lists: NluLexicon['writerActs']) {
    this.subjects = new Set(lists.subjects);
    this.openers = new Set(lists.openers);
    this.auxiliaries = new Set(lists.auxiliaries);
    this.fillers = new Set(lists.fillers);
    this.stops = new Set(lists.stops);
    this.actions = new Set(lists.actions);
    this.notActions = new Set(lists.notActions);
    this.pastForms = new WordShapes(lists.pastForms);
    this.participles = new WordShapes(lists.participles);
  }

  found(words: readonly string[]): boolean {
    for (let i = 0; i < words.length; i += 1) {
      const opens = i === 0 && this.openers.has(words[i]);
      if (!opens && !this.subjects.has(words[i])) continue;
      let next = opens ? i : i + 1;
      if (opens || this.auxiliaries.has(words[next])) {
        if (this.participleAfter(words, next + 1)) return true;
        continue;
      }
      while (next < words.length && next <= i + FILLER_REACH && this.fillers.has(words[next])) next += 1;
      const verb = words[next];
      if (verb !== undefined && this.isAction(verb, this.pastForms)) return true;
    }
    return false;
  }

  private participleAfter(words: readonly string[], from: number): boolean {
    for (let j = from; j < Math.min(words.length, from + PARTICIPLE_REACH); j += 1) {
      if (this.stops.has(words[j])) return false;
      if (this.isAction(words[j], this.participles)) return true;
    }
    return false;
  }

  private isAction(word: string, shapes: WordShapes): boolean {
    return this.actions.has(word) || (!this.notActions.has(word) && shapes.matches(word));
  }
}
