import { containerBootstrap } from '@nlpjs/core';
import { LangEn } from '@nlpjs/lang-en-min';
import { LangNl } from '@nlpjs/lang-nl';
async function main() {
  const c: any = await containerBootstrap(); c.use(LangEn); c.use(LangNl);
  const t = 'dataнож数据!'.repeat(400).slice(0, 4000);
  const k = 'knife '.repeat(700).slice(0, 4000);
  for (const loc of ['en', 'nl']) {
    const n = c.get(`normalizer-${loc}`), tok = c.get(`tokenizer-${loc}`), st = c.get(`stemmer-${loc}`);
    for (const [name, text] of [['alt', t], ['anchor', k]]) {
      let b = performance.now(); const norm = n.normalize(text); const t1 = performance.now() - b;
      b = performance.now(); const words = tok.innerTokenize(norm); const t2 = performance.now() - b;
      b = performance.now(); for (const w of words) st.stemWord(w); const t3 = performance.now() - b;
      console.log(loc, name, 'norm', t1.toFixed(1), 'tok', t2.toFixed(1), words.length, 'stem', t3.toFixed(1));
    }
  }
}
void main();
