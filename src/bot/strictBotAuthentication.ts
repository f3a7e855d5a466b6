import { ConfigurationBotFrameworkAuthentication, StatusCodes, type Activity } from 'botbuilder';
import {
  AuthenticationConstants,
  AuthenticationError,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorClient,
} from 'botframework-connector';

const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/** A bot talks to a handful of service URLs (one per Teams region); more means something is off. */
const MAX_CACHED_CONNECTORS = 64;

/**
 * The Bot Framework authentication with two changes:
 *
 * - botframework-connector rethrows jsonwebtoken's own errors (a bad signature, a token not
 *   valid yet) instead of its AuthenticationError, which CloudAdapter answers with 500 and the
 *   error text. Every refused token gets the same plain 401 here.
 * - CloudAdapter builds a new ConnectorClient, with a new HTTP pipeline and credentials, for
 *   every turn and every proactive message; that was a quarter of a turn's CPU. Clients are
 *   kept per bot app id, service URL and audience instead. They hold no per-turn state, and
 *   their credentials still fetch and renew tokens through the SDK.
 */
export class StrictBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    let result: AuthenticateRequestResult;
    try {
      result = await super.authenticateRequest(activity, authHeader);
    } catch (error) {
      if (error instanceof Error && TOKEN_ERRORS.has(error.name)) {
        throw new AuthenticationError('Unauthorized', StatusCodes.UNAUTHORIZED);
      }
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
    return new ReusingConnectorFactory(factory, appId, this.connectors);
  }
}

class ReusingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly appId: string,
    private readonly connectors: Map<string, Promise<ConnectorClient>>,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const key = JSON.stringify([this.appId, serviceUrl, audience ?? null]);
    const cached = this.connectors.get(key);
    if (cached) return cached;
    if (this.connectors.size >= MAX_CACHED_CONNECTORS) this.connectors.delete(this.connectors.keys().next().value!);
    const created = this.inner.create(serviceUrl, audience);
    this.connectors.set(key, created);
    // A failed creation is not kept: the next turn tries again.
    created.catch(() => {
      if (this.connectors.get(key) === created) this.connectors.delete(key);
    });
    return created;
  }
}
