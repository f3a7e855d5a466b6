import path from 'node:path';
import { contentSettings } from '../src/config/config';
import { checkContent, formatContentCheck, isReadyForProduction } from '../src/content/contentCheck';

/**
 * `npm run content:check [-- <content dir>]`: each file's version and review date, validity,
 * glossary and the placeholders production refuses. Exits 1 until the content is ready to go live.
 */
const contentDir = process.argv[2] ? path.resolve(process.argv[2]) : contentSettings().contentDir;
const report = checkContent(contentDir);
process.stdout.write(formatContentCheck(report));
process.exitCode = isReadyForProduction(report) ? 0 : 1;
