import type { LabelledQuestion } from '../src/guidance/classifierEvaluation';
import { PERSPECTIVES, TOPICS, type Perspective, type Topic } from '../src/guidance/vocabulary';
import { cardSubmitActivity, installActivity, messageActivity, teamsUser, type TeamsUser } from '../test/support/teamsActivities';
import { readQuestions, setNamed } from '../scripts/evaluationSets';

/**
 * The stream of Teams activities both bots answer: people typing situations from the labelled
 * set, clicking through the guided flow, asking for help and rating the guidance. Each turn is
 * labelled with its kind only; the texts never leave this file's callers.
 */

export type TurnKind = 'install' | 'question' | 'flowSubmit' | 'help' | 'feedback' | 'handoffStart' | 'handoffConfirm';

export interface ScriptedTurn {
  readonly kind: TurnKind;
  readonly activity: { readonly id: string } & Record<string, unknown>;
}

export type { LabelledQuestion };

/** The older labelled set, read through the one list of sets and their roles. */
export function loadLabelledQuestions(): LabelledQuestion[] {
  return readQuestions(setNamed('labelled').file);
}

let activitySequence = 0;

/** Unique ids, so the bot's deduplication never mistakes two turns for a re-sent one. */
function withId<T extends object>(activity: T): T & { id: string } {
  activitySequence += 1;
  return { ...activity, id: `bench-${process.pid}-${activitySequence}` };
}

/**
 * One person's chat with the bot, as a repeating script of seven turns: a typed situation, the
 * four guided-flow answers (the role only the first time, as the bot remembers it), "help",
 * and feedback on the guidance. Both bots get the same script for the same conversation number.
 */
export class ScriptedConversation {
  readonly user: TeamsUser;
  private step = 0;
  private cycle = 0;
  private installed = false;

  constructor(
    readonly index: number,
    private readonly serviceUrl: string,
    private readonly questions: readonly LabelledQuestion[],
  ) {
    const question = questions[index % questions.length]!;
    this.user = teamsUser(`Bench Person ${index}`, question.locale === 'nl' ? 'nl-NL' : 'en-GB');
  }

  next(): ScriptedTurn {
    if (!this.installed) {
      this.installed = true;
      return { kind: 'install', activity: withId(installActivity(this.user, this.serviceUrl)) };
    }
    const perspective: Perspective = PERSPECTIVES[(this.index + this.cycle) % PERSPECTIVES.length]!;
    const topic: Topic = TOPICS[(this.index + this.cycle) % TOPICS.length]!;
    const submit = (value: Record<string, unknown>): ScriptedTurn => ({
      kind: 'flowSubmit',
      activity: withId(cardSubmitActivity(this.user, this.serviceUrl, value)),
    });
    const turns: (() => ScriptedTurn)[] = [
      () => ({ kind: 'question', activity: withId(messageActivity(this.user, this.serviceUrl, this.question().text)) }),
      () => submit({ verb: 'flow.answer', step: 'perspective', answer: perspective, flow: {} }),
      () => submit({ verb: 'flow.answer', step: 'topic', answer: topic, flow: { perspective } }),
      () => submit({ verb: 'flow.answer', step: 'danger', answer: 'no', flow: { perspective, topic } }),
      () =>
        this.cycle === 0
          ? submit({ verb: 'flow.answer', step: 'role', answer: 'employee', flow: { perspective, topic, urgent: false } })
          : { kind: 'help', activity: withId(messageActivity(this.user, this.serviceUrl, 'menu')) },
      () => ({ kind: 'help', activity: withId(messageActivity(this.user, this.serviceUrl, 'help')) }),
      () => ({
        kind: 'feedback',
        activity: withId(cardSubmitActivity(this.user, this.serviceUrl, { verb: 'guidance.feedback', helpful: true, topic, perspective })),
      }),
    ];
    const turn = turns[this.step]!();
    this.step += 1;
    if (this.step === turns.length) {
      this.step = 0;
      this.cycle += 1;
    }
    return turn;
  }

  private question(): LabelledQuestion {
    return this.questions[(this.index * 7 + this.cycle * 13) % this.questions.length]!;
  }
}

/** A request for a confidential adviser, as a fresh person: "talk", then the consent card's "Send request". */
export function handoffTurns(
  user: TeamsUser,
  serviceUrl: string,
  flow: { topic: Topic; perspective: Perspective },
  message: string,
): ScriptedTurn[] {
  return [
    { kind: 'handoffStart', activity: withId(messageActivity(user, serviceUrl, 'talk')) },
    {
      kind: 'handoffConfirm',
      activity: withId(
        cardSubmitActivity(user, serviceUrl, { verb: 'handoff.confirm', flow, mode: 'anonymous', message, contact: 'teams-chat', urgent: 'false' }),
      ),
    },
  ];
}

export { installActivity, teamsUser };
