import { isPlaceholderUrl } from '../../src/content/contentPlaceholders';

/**
 * The manifest's links that Teams shows on the app's page. The repository ships them on an example
 * domain (umc.example); a production package must carry the organisation's real pages. Same rule as
 * content/organisation.json's links (src/content/contentPlaceholders.ts): an example domain is a
 * placeholder, so no flag can be forgotten.
 */
const DEVELOPER_LINKS = ['websiteUrl', 'privacyUrl', 'termsOfUseUrl'] as const;

/** Environment names whose packages go to real users; `local` and `dev` may keep the examples. */
export const PRODUCTION_ENVIRONMENTS: readonly string[] = ['prod', 'production'];

export function isProductionEnvironment(envName: string): boolean {
  return PRODUCTION_ENVIRONMENTS.includes(envName.toLowerCase());
}

/** Each developer link still on an example domain, as "manifest.json: developer.<field>: <url> ...". */
export function manifestPlaceholders(manifest: Readonly<Record<string, unknown>>): string[] {
  const developer = (manifest.developer ?? {}) as Record<string, unknown>;
  return DEVELOPER_LINKS.flatMap((field) => {
    const url = developer[field];
    return typeof url === 'string' && isPlaceholderUrl(url)
      ? [`manifest.json: developer.${field}: ${url} is on an example domain; a production package needs the organisation's real page`]
      : [];
  });
}
