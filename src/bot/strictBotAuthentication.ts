import {
  ConfigurationBotFrameworkAuthentication,
  StatusCodes,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import {
  AuthenticationConstants,
  AuthenticationError,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorClient,
} from 'botframework-connector';
import type { Logger } from '../logging/logger';
import { withRequestTimeout } from './connectorRequestTimeout';
import { ServiceUrlRefusedError, serviceUrlOrigin, type ServiceUrlAllowList } from './serviceUrlAllowList';

const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/** A bot talks to a handful of service URLs (one per Teams region); more means something is off. */
const MAX_CACHED_CONNECTORS = 64;

export interface StrictAuthenticationPolicy {
  /** The one issuer Teams' tokens carry (BOT_TOKEN_ISSUER); tokens from any other are refused unread. */
  readonly tokenIssuer: string;
  /** Where the bot may send: every connector it creates, for replies and proactive messages alike, is checked. */
  readonly serviceUrls: ServiceUrlAllowList;
  /** How long one call to the connector may go unanswered (CONNECTOR_TIMEOUT_MS). */
  readonly connectorTimeoutMs: number;
  readonly logger: Logger;
}

/**
 * The Bot Framework authentication with these changes:
 *
 * - Only Teams' own tokens: the issuer must be the channel's and `exp` must be present. The SDK
 *   would otherwise route tokens with an Entra ID or skill issuer to its emulator and skill
 *   validation, which fetches other OpenID metadata (login.microsoftonline.com), and
 *   jsonwebtoken accepts a token without `exp` forever. Both are refused before any key is fetched.
 * - Every refused token gets the same plain 401 ("Unauthorized"): botframework-connector rethrows
 *   jsonwebtoken's own errors, which CloudAdapter answers with 500 and the error text, and its
 *   own messages name app ids and claims.
 * - Connectors are created only for allowed service URLs (ServiceUrlAllowList), and every call they
 *   make has a timeout (withRequestTimeout).
 * - CloudAdapter builds a new ConnectorClient, with a new HTTP pipeline and credentials, for
 *   every turn and every proactive message; that was a quarter of a turn's CPU. Clients are
 *   kept per bot app id, service URL and audience instead. They hold no per-turn state, and
 *   their credentials still fetch and renew tokens through the SDK.
 */
export class StrictBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();

  constructor(
    options: ConfigurationBotFrameworkAuthenticationOptions,
    private readonly policy: StrictAuthenticationPolicy,
  ) {
    super(options);
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    if (authHeader.trim() !== '' && !isTeamsShapedToken(authHeader, this.policy.tokenIssuer)) throw unauthorized();
    let result: AuthenticateRequestResult;
    try {
      result = await super.authenticateRequest(activity, authHeader);
    } catch (error) {
      if (error instanceof AuthenticationError || (error instanceof Error && TOKEN_ERRORS.has(error.name))) throw unauthorized();
      throw error;
    }
    const { connectorFactory, claimsIdentity } = result;
    return connectorFactory ? { ...result, connectorFactory: this.reusing(connectorFactory, claimsIdentity) } : result;
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.reusing(super.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  private reusing(factory: ConnectorFactory, claimsIdentity: ClaimsIdentity): ConnectorFactory {
    // The app id the SDK's own factory gives its credentials: the audience from a channel, else the appid claim.
    const appId =
      claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) ??
      claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim) ??
      '';
    return new ReusingConnectorFactory(factory, appId, this.connectors, this.policy);
  }
}

function unauthorized(): AuthenticationError {
  return new AuthenticationError('Unauthorized', StatusCodes.UNAUTHORIZED);
}

/**
 * Read before the signature is checked, so it may only refuse: the SDK still verifies everything
 * (signature, audience, lifetime, endorsements) for what passes here.
 */
function isTeamsShapedToken(authHeader: string, tokenIssuer: string): boolean {
  const [scheme, token] = authHeader.trim().split(/\s+/);
  if (scheme?.toLowerCase() !== 'bearer' || !token) return false;
  const payload = token.split('.')[1];
  if (!payload) return false;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return false;
  }
  if (!claims || typeof claims !== 'object') return false;
  const { iss, exp } = claims as { iss?: unknown; exp?: unknown };
  return iss === tokenIssuer && typeof exp === 'number' && Number.isFinite(exp);
}

class ReusingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly appId: string,
    private readonly connectors: Map<string, Promise<ConnectorClient>>,
    private readonly policy: StrictAuthenticationPolicy,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    if (!this.policy.serviceUrls.allows(serviceUrl)) {
      // Scheme and host only: a path or query may carry ids.
      this.policy.logger.warn({ event: 'serviceUrlRefused', serviceUrl: serviceUrlOrigin(serviceUrl) }, 'no connector for a service URL that is not allowed');
      return Promise.reject(new ServiceUrlRefusedError(serviceUrl));
    }
    const key = JSON.stringify([this.appId, serviceUrl, audience ?? null]);
    const cached = this.connectors.get(key);
    if (cached) return cached;
    if (this.connectors.size >= MAX_CACHED_CONNECTORS) this.connectors.delete(this.connectors.keys().next().value!);
    const created = this.inner.create(serviceUrl, audience).then((client) => {
      if (!withRequestTimeout(client, this.policy.connectorTimeoutMs)) {
        this.policy.logger.warn({ event: 'connectorTimeoutUnavailable' }, 'connector calls have no timeout: the SDK client has no pipeline to set it on');
      }
      return client;
    });
    this.connectors.set(key, created);
    // A failed creation is not kept: the next turn tries again.
    created.catch(() => {
      if (this.connectors.get(key) === created) this.connectors.delete(key);
    });
    return created;
  }
}
