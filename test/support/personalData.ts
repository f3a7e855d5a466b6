/**
 * Every name, e-mail address, object id and message text the tests use, so that each bot's
 * captured log lines can be scanned for them: the product promises none ever reaches a log.
 */
const personalData = new Set<string>();

export function rememberPersonalData(...values: (string | undefined)[]): void {
  for (const value of values) {
    // Short texts ("help", "status") are commands, not confidences; they may be logged.
    if (value && value.trim().length >= 8) personalData.add(value.trim());
  }
}

export function personalDataIn(lines: readonly string[]): string[] {
  const text = lines.join('\n');
  const found: string[] = [];
  for (const value of personalData) {
    if (text.includes(value) || text.includes(JSON.stringify(value).slice(1, -1))) found.push(value);
  }
  return found;
}

export function rememberedCount(): number {
  return personalData.size;
}
