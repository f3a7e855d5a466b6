import path from 'node:path';
import { loadContent } from '../src/content/loadContent';
import { createClassifier } from '../src/guidance/classifier';
async function main() {
  const content = loadContent(path.join(__dirname, '..', 'content'));
  const c = await createClassifier(content.nlu, content.dangerCues);
  const t = 'dataнож数据!'.repeat(30000);
  for (let i = 0; i < 200; i++) await c.classify(t);
}
void main();
