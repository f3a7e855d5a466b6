import { randomBytes } from 'node:crypto';

/** What the app derives from the person-key secret to seal the week tag keys; one per test run, shared by every recorder in it. */
export const TAG_KEY_SEALING = randomBytes(32);
