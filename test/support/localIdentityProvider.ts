import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';

/**
 * A stand-in for the two identity services a Teams bot talks to, on loopback:
 *
 * - the Bot Framework's OpenID metadata and signing keys, which the SDK uses to validate the
 *   token on every activity Teams posts to /api/messages (keys carry `endorsements`, the
 *   channels a key may sign for, exactly like https://login.botframework.com/v1/.well-known/keys);
 * - the token services the bot gets its own outbound token from: the App Service managed-identity
 *   endpoint, and an Entra ID authority (OpenID configuration and client-credentials token endpoint,
 *   at the paths MSAL derives from a login URL). Every request is recorded with the access token it
 *   got, so a test can prove that what the connector received came from here. botbuilder's MSAL
 *   cannot use the Entra ID one offline (see test/security/authentication.test.ts); it is here for
 *   a credentials factory that names this authority in MSAL's knownAuthorities and trusts it over https.
 */

const TEAMS_CHANNEL_ID = 'msteams';

/** Keys the channel publishes (one endorsed for Teams, one only for Web Chat), and an attacker's. */
export type SigningKeyName = 'channel' | 'webchatOnly' | 'attacker';

export interface ChannelTokenOptions {
  /** The bot's app id; the SDK compares it with MicrosoftAppId. */
  readonly audience: string;
  /** The activity's serviceUrl; the SDK compares it with the `serviceurl` claim. */
  readonly serviceUrl: string;
  /** Claims to add or change, e.g. `{ iss: 'https://elsewhere' }` or `{ exp: secondsFromNow(-600) }`. */
  readonly claims?: Readonly<Record<string, unknown>>;
  /** Claims to leave out of the token altogether. */
  readonly without?: readonly string[];
  /** Which private key signs; the header names that key's kid unless `kid` says otherwise. */
  readonly signedWith?: SigningKeyName;
  readonly kid?: string;
  /** `none` produces an unsigned token that names the channel key, the classic algorithm-confusion probe. */
  readonly algorithm?: 'RS256' | 'none';
}

export interface TokenRequest {
  readonly kind: 'clientCredentials' | 'managedIdentity';
  /** The app (or managed identity) the token was asked for. */
  readonly clientId?: string;
  /** Client credentials ask for `scope` (…/.default); managed identity for `resource`. */
  readonly scope?: string;
  readonly tenant?: string;
  readonly grantType?: string;
  /** Whether the request proved it may ask: a client secret, or App Service's identity header. */
  readonly authenticated: boolean;
  readonly accessToken: string;
}

interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyLike;
  readonly publicJwk: JWK;
  readonly endorsements: readonly string[];
}

const MANAGED_IDENTITY_PATH = '/msi/token';

export function secondsFromNow(seconds: number): number {
  return Math.floor(Date.now() / 1000) + seconds;
}

export class LocalIdentityProvider {
  readonly tokenRequests: TokenRequest[] = [];
  /** Requests for the OpenID metadata document, to see the SDK's key caching at work. */
  metadataRequests = 0;
  /** The secret App Service puts in IDENTITY_HEADER; the endpoint refuses requests without it. */
  readonly managedIdentityHeader = randomBytes(16).toString('hex');
  url = '';

  private server?: http.Server;
  private readonly keys = new Map<SigningKeyName, SigningKey>();

  /** Where ToBotFromChannelOpenIdMetadataUrl (BOT_OPENID_METADATA_URL) points. */
  get openIdMetadataUrl(): string {
    return `${this.url}/v1/.well-known/openidconfiguration`;
  }

  /** The issuer of channel tokens (BOT_TOKEN_ISSUER); the real one is https://api.botframework.com. */
  get issuer(): string {
    return `${this.url}/botframework`;
  }

  /** An Entra ID authority URL for a tenant, the shape ToChannelFromBotLoginUrl takes. */
  loginUrl(tenant: string): string {
    return `${this.url}/${encodeURIComponent(tenant)}`;
  }

  /** IDENTITY_ENDPOINT of an App Service managed identity. */
  get managedIdentityEndpoint(): string {
    return `${this.url}${MANAGED_IDENTITY_PATH}`;
  }

  kidOf(name: SigningKeyName): string {
    return this.key(name).kid;
  }

  async start(): Promise<this> {
    // Teams signs with keys endorsed for msteams; a key endorsed only for another channel must not do.
    await this.addKey('channel', [TEAMS_CHANNEL_ID]);
    await this.addKey('webchatOnly', ['webchat']);
    await this.addKey('attacker', [TEAMS_CHANNEL_ID]);
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => this.handle(req, body, res));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** A token shaped like the one Teams sends with every activity, valid unless the options say otherwise. */
  async channelToken(options: ChannelTokenOptions): Promise<string> {
    const issuedAt = secondsFromNow(0);
    const claims: Record<string, unknown> = {
      iss: this.issuer,
      aud: options.audience,
      serviceurl: options.serviceUrl,
      iat: issuedAt,
      nbf: issuedAt,
      exp: issuedAt + 3600,
      ...options.claims,
    };
    for (const claim of options.without ?? []) delete claims[claim];

    const key = this.key(options.signedWith ?? 'channel');
    // Forgeries name the published channel key, so the SDK finds a key and must check the signature.
    const kid = options.kid ?? (options.signedWith === 'attacker' || options.algorithm === 'none' ? this.kidOf('channel') : key.kid);
    if (options.algorithm === 'none') return unsignedToken({ alg: 'none', typ: 'JWT', kid }, claims);
    return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid }).sign(key.privateKey);
  }

  /** The Authorization header Teams would send. */
  async authorizationFor(options: ChannelTokenOptions): Promise<string> {
    return `Bearer ${await this.channelToken(options)}`;
  }

  private async addKey(name: SigningKeyName, endorsements: readonly string[]): Promise<void> {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const kid = randomUUID();
    const publicJwk = { ...(await exportJWK(publicKey)), kid, use: 'sig' };
    this.keys.set(name, { kid, privateKey, publicJwk, endorsements });
  }

  private key(name: SigningKeyName): SigningKey {
    const key = this.keys.get(name);
    if (!key) throw new Error('LocalIdentityProvider: call start() first');
    return key;
  }

  private handle(req: http.IncomingMessage, body: string, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', this.url);
    const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);

    if (req.method === 'GET' && url.pathname === '/v1/.well-known/openidconfiguration') {
      this.metadataRequests++;
      return respond(res, 200, {
        issuer: this.issuer,
        authorization_endpoint: `${this.url}/v1/.well-known/authorize`,
        jwks_uri: `${this.url}/v1/.well-known/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      });
    }
    if (req.method === 'GET' && url.pathname === '/v1/.well-known/keys') {
      const published = (['channel', 'webchatOnly'] as const).map((name) => this.key(name));
      return respond(res, 200, {
        keys: published.map((key) => ({ ...key.publicJwk, endorsements: [...key.endorsements] })),
      });
    }
    if (req.method === 'GET' && url.pathname === MANAGED_IDENTITY_PATH) {
      return this.issueManagedIdentityToken(req, url, res);
    }
    // Entra ID's shape: /{tenant}/v2.0/.well-known/openid-configuration and /{tenant}/oauth2/v2.0/token.
    if (req.method === 'GET' && segments.length === 4 && segments.slice(1).join('/') === 'v2.0/.well-known/openid-configuration') {
      return respond(res, 200, this.authorityMetadata(segments[0]));
    }
    if (req.method === 'POST' && segments.length === 4 && segments.slice(1).join('/') === 'oauth2/v2.0/token') {
      return this.issueClientCredentialsToken(segments[0], body, res);
    }
    respond(res, 404, { error: 'not_found' });
  }

  private authorityMetadata(tenant: string): Record<string, unknown> {
    const authority = this.loginUrl(tenant);
    return {
      issuer: `${authority}/v2.0`,
      authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
      token_endpoint: `${authority}/oauth2/v2.0/token`,
      end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
      jwks_uri: `${authority}/discovery/v2.0/keys`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt'],
      response_types_supported: ['code', 'id_token', 'token'],
      id_token_signing_alg_values_supported: ['RS256'],
    };
  }

  private issueClientCredentialsToken(tenant: string, body: string, res: http.ServerResponse): void {
    const form = new URLSearchParams(body);
    const accessToken = newAccessToken();
    const request: TokenRequest = {
      kind: 'clientCredentials',
      tenant,
      clientId: form.get('client_id') ?? undefined,
      scope: form.get('scope') ?? undefined,
      grantType: form.get('grant_type') ?? undefined,
      authenticated: Boolean(form.get('client_secret') || form.get('client_assertion')),
      accessToken,
    };
    this.tokenRequests.push(request);
    if (request.grantType !== 'client_credentials' || !request.clientId || !request.authenticated) {
      return respond(res, 400, { error: 'invalid_request', error_description: 'client credentials expected' });
    }
    respond(res, 200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: accessToken });
  }

  private issueManagedIdentityToken(req: http.IncomingMessage, url: URL, res: http.ServerResponse): void {
    const accessToken = newAccessToken();
    const request: TokenRequest = {
      kind: 'managedIdentity',
      clientId: url.searchParams.get('client_id') ?? undefined,
      scope: url.searchParams.get('resource') ?? undefined,
      authenticated: req.headers['x-identity-header'] === this.managedIdentityHeader,
      accessToken,
    };
    this.tokenRequests.push(request);
    if (!request.authenticated) return respond(res, 401, { error: 'unauthorized' });
    respond(res, 200, {
      access_token: accessToken,
      expires_on: String(secondsFromNow(3600)),
      resource: request.scope,
      token_type: 'Bearer',
      client_id: request.clientId,
    });
  }
}

function unsignedToken(header: Record<string, unknown>, claims: Record<string, unknown>): string {
  const encode = (part: Record<string, unknown>) => Buffer.from(JSON.stringify(part)).toString('base64url');
  return `${encode(header)}.${encode(claims)}.`;
}

/** Opaque to the bot, like a real access token is; unique, so a test can trace where it went. */
function newAccessToken(): string {
  return `local-access-token-${randomBytes(18).toString('base64url')}`;
}

// restify patches http.ServerResponse in the same process, so writeHead() is not chainable here.
function respond(res: http.ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}

export async function startLocalIdentityProvider(): Promise<LocalIdentityProvider> {
  return new LocalIdentityProvider().start();
}

/**
 * The provider as the bot's managed identity too (IDENTITY_ENDPOINT and IDENTITY_HEADER point at it,
 * so a reply could really go out), for a suite that posts refused requests: botframework
 * console.error()s each of them, so the console is quiet until `stop`, which puts both back.
 */
export async function startManagedIdentity(): Promise<{ identity: LocalIdentityProvider; stop(): Promise<void> }> {
  const saved = { IDENTITY_ENDPOINT: process.env.IDENTITY_ENDPOINT, IDENTITY_HEADER: process.env.IDENTITY_HEADER };
  const identity = await startLocalIdentityProvider();
  process.env.IDENTITY_ENDPOINT = identity.managedIdentityEndpoint;
  process.env.IDENTITY_HEADER = identity.managedIdentityHeader;
  const quietConsole = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  return {
    identity,
    async stop() {
      quietConsole.mockRestore();
      await identity.stop();
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    },
  };
}
