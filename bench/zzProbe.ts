import path from 'node:path';
import { loadContent } from '/work/wt/classifier/src/content/loadContent';
import { createClassifier } from '/work/wt/classifier/src/guidance/classifier';
(async () => {
  const content = loadContent(path.join('/work/wt/classifier', 'content'));
  const c = await createClassifier(content.nlu, (content as any).dangerLexicon ?? (content as any).urgentPatterns);
  for (const [name, t] of [['a', 'a'.repeat(2000)], ['ab', 'aб'.repeat(1000)], ['now', 'now '.repeat(500)], ['a240k', 'a'.repeat(245760)]] as const) {
    for (let i = 0; i < 3; i++) {
      const s = performance.now();
      if (name === 'a240k') { const x = JSON.parse(JSON.stringify({ text: t })); void x; } else await c.classify(t, { fallbackLocale: 'en' });
      console.log(name, (performance.now() - s).toFixed(1));
    }
  }
})();
