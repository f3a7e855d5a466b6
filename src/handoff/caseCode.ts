import { randomInt } from 'node:crypto';

// No 0/O, 1/I/L: the code is read aloud on the phone and typed on mobile keyboards.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A short, unguessable case code such as "VK-7K3P-9QX"; ~ 31^8 possibilities. */
export function newCaseCode(): string {
  const pick = (length: number) => Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `VK-${pick(4)}-${pick(4)}`;
}

export const CASE_CODE_PATTERN = /\bVK-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}\b/i;
