import path from 'node:path';
import { CARDS_DIR } from '../src/app';
import { CardRenderer, type CardSpec } from '../src/cards/cardRenderer';
import { withEveryPoolDeployed } from '../src/content/appContent';
import { loadContent } from '../src/content/loadContent';
import { createClassifier } from '../src/guidance/classifier';
import { LOCALES } from '../src/guidance/vocabulary';
import { sampleCards } from '../test/support/sampleCards';
import { loadLabelledQuestions } from './activityStream';
import { pathologicalInputs } from './pathologicalInputs';
import { ROOT } from './compiledBuild';
import { round, summarise, type LatencySummary } from './stats';

/** The pieces of a turn that need no network, measured in this process one call at a time. */

export interface ClassifierFigures {
  readonly questions: number;
  /** Creating the classifier from content/nlu/trained.json, as start-up does. */
  readonly loadingMs: number;
  /** Creating it by training from the nlu files, as start-up does when trained.json is stale. */
  readonly trainingMs: number;
  readonly classified: number;
  readonly questionsPerSecond: number;
  readonly latencyMs: LatencySummary;
  /** The slowest classification of crafted inputs up to the body limit (256 KiB), over a few rounds. */
  readonly worstCase: { readonly ms: number; readonly input: string; readonly inputs: number };
}

async function worstCase(classify: (text: string) => Promise<unknown>): Promise<ClassifierFigures['worstCase']> {
  const inputs = pathologicalInputs();
  let worst = { ms: 0, input: '' };
  for (let round = 0; round < 3; round += 1) {
    for (const { kind, text } of inputs) {
      const before = performance.now();
      await classify(text);
      const took = performance.now() - before;
      if (took > worst.ms) worst = { ms: took, input: kind };
    }
  }
  return { ms: round(worst.ms, 1), input: worst.input, inputs: inputs.length };
}

export async function benchClassifier(durationMs: number): Promise<ClassifierFigures> {
  const content = loadContent(path.join(ROOT, 'content'));
  if (!content.trainedModels) throw new Error('content/nlu/trained.json is missing: npm run nlu:build');
  const trainingStarted = performance.now();
  await createClassifier(content.nlu, content.dangerCues, content.nluExamples, undefined, undefined);
  const trainingMs = performance.now() - trainingStarted;
  const loadingStarted = performance.now();
  const classifier = await createClassifier(content.nlu, content.dangerCues, content.nluExamples, content.trainedModels, content.realWords);
  const loadingMs = performance.now() - loadingStarted;
  if (classifier.trainedInsteadOfLoaded) throw new Error('content/nlu/trained.json is stale: npm run nlu:build');
  const questions = loadLabelledQuestions();

  // One pass to let V8 optimise, as a running bot would have done long before.
  for (const question of questions) await classifier.classify(question.text, { fallbackLocale: question.locale });
  const latencies: number[] = [];
  const started = performance.now();
  let busyMs = 0;
  while (performance.now() - started < durationMs) {
    for (const question of questions) {
      const before = performance.now();
      await classifier.classify(question.text, { fallbackLocale: question.locale });
      const took = performance.now() - before;
      latencies.push(took);
      busyMs += took;
    }
  }
  return {
    worstCase: await worstCase((text) => classifier.classify(text)),
    questions: questions.length,
    loadingMs: round(loadingMs, 0),
    trainingMs: round(trainingMs, 0),
    classified: latencies.length,
    questionsPerSecond: round((latencies.length * 1000) / busyMs, 0),
    latencyMs: summarise(latencies),
  };
}

export interface CardFigures {
  readonly distinctCards: number;
  readonly rendered: number;
  /** Template expansions per second over the mix of every card, both languages. */
  readonly templatesPerSecond: number;
  readonly latencyMs: LatencySummary;
  /** The templates that take longest, mean per expansion. */
  readonly slowestTemplates: readonly { readonly template: string; readonly meanMs: number }[];
  /** Typed builder plus render as a turn does it, reusable cards reused: what a turn pays per card. */
  readonly buildAndRenderPerSecond: number;
  /** The same without reuse: every card expanded from its template. */
  readonly buildAndExpandPerSecond: number;
}

export function benchCardRendering(durationMs: number): CardFigures {
  const content = withEveryPoolDeployed(loadContent(path.join(ROOT, 'content')));
  // Expansion itself is measured with reuse off; reuse is measured below, as turns see it.
  const renderer = CardRenderer.load(CARDS_DIR, { reuseCards: false });
  const specs: CardSpec[] = LOCALES.flatMap((locale) => sampleCards(content, locale).map((card) => card.spec));
  for (const spec of specs) renderer.render(spec);

  const latencies: number[] = [];
  const byTemplate = new Map<string, number[]>();
  let busyMs = 0;
  const started = performance.now();
  while (performance.now() - started < durationMs) {
    for (const spec of specs) {
      const before = performance.now();
      renderer.render(spec);
      const took = performance.now() - before;
      latencies.push(took);
      busyMs += took;
      let list = byTemplate.get(spec.template);
      if (!list) byTemplate.set(spec.template, (list = []));
      list.push(took);
    }
  }

  // Builders included: sampleCards builds every spec afresh, as each turn does.
  const buildAndRender = (cards: CardRenderer) => {
    let built = 0;
    const buildStarted = performance.now();
    while (performance.now() - buildStarted < durationMs / 2) {
      for (const locale of LOCALES) {
        for (const card of sampleCards(content, locale)) {
          cards.render(card.spec);
          built += 1;
        }
      }
    }
    return round((built * 1000) / (performance.now() - buildStarted), 0);
  };
  const buildAndExpandPerSecond = buildAndRender(renderer);
  // Templates are parsed when first expanded; that happens once per process, before the timing, as in a running bot.
  const reusing = CardRenderer.load(CARDS_DIR);
  for (const spec of specs) reusing.render(spec);
  const buildAndRenderPerSecond = buildAndRender(reusing);

  return {
    distinctCards: specs.length,
    rendered: latencies.length,
    templatesPerSecond: round((latencies.length * 1000) / busyMs, 0),
    latencyMs: summarise(latencies),
    slowestTemplates: [...byTemplate]
      .map(([template, values]) => ({ template, meanMs: round(summarise(values).mean, 3) }))
      .sort((a, b) => b.meanMs - a.meanMs)
      .slice(0, 5),
    buildAndRenderPerSecond,
    buildAndExpandPerSecond,
  };
}
