import type { Lexicon } from './lexicon';
import { MAX_ANALYSED_CHARS } from '../../shared/messageLength';
import type { AnalysedText, LocaleAnalyser } from './textAnalysis';

/*
 * Where in a message the ask is. A message often tells a story and asks one thing about it ("... she
 * already reported it. What can I do to support her?"), or asks first and tells after ("I want this on
 * record: three months ago ..."). The story's words (a report someone else made, a drill, a colleague
 * who talked to HR) say little about what the writer asks for; the ask's words say it. So the intent
 * cues and the regression read the ask apart from the story. An ask is a sentence that ends with "?",
 * opens like a question without one ("moet dat gemeld", "should this be reported") or says what the
 * writer wants ("I'd like someone to hear me out", "ik wil dat het vastligt"): `lexicon.asks`.
 */

/** Where the ask was found: nowhere (the rules read the whole message), in every sentence, or in some. */
export type AskKind = 'none' | 'whole' | 'part';

export interface LocatedAsk {
  readonly kind: AskKind;
  /** The asking sentences' words; empty when kind is `none`. */
  readonly ask: AnalysedText;
  /** The other sentences' words: the story around the ask. */
  readonly story: AnalysedText;
  /** The message asks before it tells (its first sentence asks, its last does not). */
  readonly askFirst: boolean;
  /** An asking sentence asks what to do ("what should I do", "wat moet ik hiermee"): guidance. */
  readonly whatToDo: boolean;
}

interface RawSentence {
  readonly text: string;
  readonly question: boolean;
}

/**
 * Sentences of the analysed part of a message, each with whether it ends with "?". One pass over the
 * characters; a full stop with a letter right after it ("nu.nl", "e.g.") ends no sentence, a colon does
 * ("I want this on record: ...").
 */
export function splitSentences(text: string): RawSentence[] {
  // The classifier passes at most MAX_ANALYSED_CHARS already (analysedText); this bound is for a caller that does not.
  const plain = text.length > MAX_ANALYSED_CHARS ? text.slice(0, MAX_ANALYSED_CHARS) : text;
  const sentences: RawSentence[] = [];
  let start = 0;
  const end = (at: number, question: boolean) => {
    const sentence = plain.slice(start, at).trim();
    if (sentence !== '') sentences.push({ text: sentence, question });
    start = at + 1;
  };
  for (let i = 0; i < plain.length; i += 1) {
    const char = plain[i];
    if (char === '?') {
      const mark = i;
      // "??" or "?!" ends one question.
      while (i + 1 < plain.length && (plain[i + 1] === '?' || plain[i + 1] === '!')) i += 1;
      end(mark, true);
      start = i + 1;
    } else if (char === '!' || char === ';' || char === ':' || char === '\n') end(i, false);
    else if (char === '.' && !/\p{L}/u.test(plain[i + 1] ?? '')) end(i, false);
  }
  end(plain.length, false);
  return sentences;
}

export interface AskReaders {
  readonly analyser: LocaleAnalyser;
  /** Words that open a question without a question mark, as words: a sentence must start with one, after any `fillers`. */
  readonly openers: readonly (readonly string[])[];
  /** Words a question may start with before its opener ("sorry, how do I", "ok so where", "vraagje: hoe"). */
  readonly fillers: ReadonlySet<string>;
  /**
   * Words by which a writer says what they want (label `wish`) or asks what to do (label `whatToDo`),
   * anywhere in a sentence.
   */
  readonly wishes: Lexicon;
}

function joined(parts: readonly AnalysedText[]): AnalysedText {
  if (parts.length === 1) return parts[0];
  return { words: parts.flatMap((part) => part.words), stems: parts.flatMap((part) => part.stems) };
}

function opensLikeQuestion(words: readonly string[], readers: AskReaders): boolean {
  let start = 0;
  while (start < words.length && readers.fillers.has(words[start])) start += 1;
  return readers.openers.some((opener) => opener.length > 0 && opener.every((word, i) => words[start + i] === word));
}

export function locateAsk(text: string, readers: AskReaders): LocatedAsk {
  const asks: AnalysedText[] = [];
  const stories: AnalysedText[] = [];
  const sentences = splitSentences(text);
  let firstAsks = false;
  let whatToDo = false;
  let lastAsks = false;
  sentences.forEach((sentence, index) => {
    const analysed = readers.analyser.analyse(sentence.text);
    if (analysed.words.length === 0) return;
    const [wish, askingWhatToDo] = readers.wishes.score(analysed);
    const asking = sentence.question || opensLikeQuestion(analysed.words, readers) || wish > 0 || askingWhatToDo > 0;
    if (askingWhatToDo > 0) whatToDo = true;
    (asking ? asks : stories).push(analysed);
    if (index === 0) firstAsks = asking;
    if (index === sentences.length - 1) lastAsks = asking;
  });
  const kind: AskKind = asks.length === 0 ? 'none' : stories.length === 0 ? 'whole' : 'part';
  return { kind, ask: joined(asks.length === 0 ? [{ words: [], stems: [] }] : asks), story: joined(stories.length === 0 ? [{ words: [], stems: [] }] : stories), askFirst: kind === 'part' && firstAsks && !lastAsks, whatToDo };
}
