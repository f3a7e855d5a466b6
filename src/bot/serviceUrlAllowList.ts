/**
 * The hosts the bot may send to. An activity names its own serviceUrl, and the bot posts its
 * replies there with its Bot Framework token; without this list a client could make the bot
 * call any URL (server-side request forgery) or hand its token to a stranger.
 */
export class ServiceUrlAllowList {
  private readonly patterns: readonly CompiledPattern[];

  constructor(patterns: readonly string[]) {
    this.patterns = patterns.map(compile);
  }

  allows(serviceUrl: unknown): boolean {
    if (typeof serviceUrl !== 'string' || !URL.canParse(serviceUrl)) return false;
    const url = new URL(serviceUrl);
    if (url.username || url.password) return false;
    return this.patterns.some((pattern) => matches(pattern, url));
  }
}

/** What a log line may say about a refused service URL: scheme and host, never its path or query (they can carry ids). */
export function serviceUrlOrigin(serviceUrl: unknown): string {
  if (typeof serviceUrl !== 'string' || !URL.canParse(serviceUrl)) return '(not a URL)';
  const { protocol, host } = new URL(serviceUrl);
  return `${protocol}//${host}`;
}

export class ServiceUrlRefusedError extends Error {
  /** As a refused HTTP call: the outbox gives up at once instead of retrying what can never succeed. */
  readonly statusCode = 403;

  constructor(serviceUrl: unknown) {
    super(`The service URL ${serviceUrlOrigin(serviceUrl)} is not on the allow-list (ALLOWED_SERVICE_URLS)`);
    this.name = 'ServiceUrlRefusedError';
  }
}

interface CompiledPattern {
  readonly protocol: string;
  /** A host, or `.suffix` when the pattern began with `*.`. */
  readonly host: string;
  readonly anySubdomain: boolean;
  /** '*' for any port, '' for the scheme's default. */
  readonly port: string;
  readonly pathPrefix: string;
}

function compile(pattern: string): CompiledPattern {
  const anySubdomain = pattern.includes('://*.');
  const anyPort = /:\*(?=\/|$)/.test(pattern);
  const url = new URL(pattern.replace('://*.', '://wildcard.').replace(/:\*(?=\/|$)/, ''));
  const pathPrefix = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return {
    protocol: url.protocol,
    host: anySubdomain ? url.hostname.slice('wildcard'.length) : url.hostname,
    anySubdomain,
    port: anyPort ? '*' : url.port,
    pathPrefix,
  };
}

function matches(pattern: CompiledPattern, url: URL): boolean {
  if (url.protocol !== pattern.protocol) return false;
  const hostMatches = pattern.anySubdomain
    ? url.hostname.endsWith(pattern.host) && url.hostname.length > pattern.host.length
    : url.hostname === pattern.host;
  if (!hostMatches) return false;
  if (pattern.port !== '*' && url.port !== pattern.port) return false;
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return path.startsWith(pattern.pathPrefix);
}
