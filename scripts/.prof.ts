import path from 'node:path';
import { loadContent } from '../src/content/loadContent';
import { createClassifier } from '../src/guidance/classifier';
async function main() {
  const content = loadContent(path.join(__dirname, '..', 'content'));
  const c = await createClassifier(content.nlu, content.dangerCues);
  const fill = (u: string) => u.repeat(Math.floor(262144 / u.length));
  const inputs: Record<string, string> = { alt: fill('dataнож数据!'), anchor: fill('knife '), phrases: fill('he will kill me now '), nospace: 'a'.repeat(262144), quotes: fill('"he said \''), hyph: fill('a-'), nl: fill('hij gaat me nu vermoorden met een mes ') };
  for (const [k, t] of Object.entries(inputs)) {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) { const b = performance.now(); await c.classify(t); times.push(performance.now() - b); }
    const d: number[] = [];
    for (let i = 0; i < 5; i++) { const b = performance.now(); c.assessDanger(t); d.push(performance.now() - b); }
    console.log(k, 'classify min', Math.min(...times).toFixed(1), 'danger min', Math.min(...d).toFixed(1));
  }
}
void main();
