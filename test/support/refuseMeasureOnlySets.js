// Preloaded (node -r) by a test that runs a script which must not open the sets only the lead measures:
// opening one throws before a byte of it is read, so the test can prove a script asked for it without measuring it.
const fs = require('node:fs');
const path = require('node:path');

const MEASURE_ONLY = /^(heldout-questions|fresh2-check|fresh3-check|fresh4-check|dev14-check-en|dev14-check-nl)\.jsonl$/;
const readFileSync = fs.readFileSync;
fs.readFileSync = function guardedReadFileSync(file, ...rest) {
  if (typeof file === 'string' && MEASURE_ONLY.test(path.basename(file))) {
    throw new Error(`refused: a measure-only set was opened (${path.basename(file)})`);
  }
  return readFileSync.call(this, file, ...rest);
};
