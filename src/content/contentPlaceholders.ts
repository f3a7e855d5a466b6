import type { Organisation } from './contentSchema';

/**
 * Placeholders: values that stand in for the organisation's real ones during development.
 * A link is one when its host is a domain reserved for examples (RFC 2606 / RFC 6761), so no
 * flag can be forgotten; a number cannot show that by itself, so content marks it
 * `"placeholder": true`. Production refuses to start while any is left (see loadContent).
 */

const RESERVED_HOST = /(^|\.)(example|test|invalid|localhost)$|^example\.(com|net|org)$/i;

export function isPlaceholderUrl(url: string): boolean {
  return URL.canParse(url) && RESERVED_HOST.test(new URL(url).hostname);
}

/** Each placeholder in organisation.json, as "organisation.json: <field>: <value> (<why>)". */
export function findPlaceholders(organisation: Organisation): string[] {
  const found: string[] = [];
  for (const [name, entry] of Object.entries(organisation.phoneNumbers)) {
    if (entry.placeholder) found.push(`organisation.json: phoneNumbers.${name}: ${entry.number} (marked "placeholder": true)`);
  }
  const visit = (node: unknown, where: string) => {
    if (typeof node === 'string') {
      if (isPlaceholderUrl(node)) found.push(`organisation.json: ${where}: ${node} (an example domain)`);
    } else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) visit(value, where ? `${where}.${key}` : key);
    }
  };
  const { links, helpRoutes, programme, supportRoutes } = organisation;
  visit({ programme, links, helpRoutes, supportRoutes }, '');
  return found;
}
