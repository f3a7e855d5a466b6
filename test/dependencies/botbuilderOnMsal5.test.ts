import { ConfidentialClientApplication, type INetworkModule, type NetworkRequestOptions, type NetworkResponse } from '@azure/msal-node';
import { MsalAppCredentials } from 'botframework-connector';
import { startLocalIdentityProvider, type LocalIdentityProvider } from '../support/localIdentityProvider';

/**
 * The override moves botbuilder's MSAL from 2.x to the 5.x @azure/identity ships. The bot's own
 * deployments authenticate as a managed identity (test/security/authentication.test.ts), but a
 * bot with a client secret (m365agents.local.yml) gets its token through botframework-connector's
 * MsalAppCredentials and MSAL's client-credentials flow. MSAL insists on https and Microsoft's
 * authority host, so its network module, MSAL's documented extension point, carries the same
 * requests to the local identity provider over loopback; everything else is the real code.
 */
const APP_ID = '0c8f3a5e-2b1d-4e6f-9a7b-8c9d0e1f2a3b';
const TENANT = 'b7a1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d';
const AUTHORITY_HOST = 'https://login.microsoftonline.com';

let identity: LocalIdentityProvider;

beforeAll(async () => {
  identity = await startLocalIdentityProvider();
});
afterAll(async () => {
  await identity.stop();
});

/** Sends MSAL's requests for login.microsoftonline.com to the local identity provider. */
function toLocalIdentityProvider(): INetworkModule {
  const send = async (method: 'GET' | 'POST', url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<unknown>> => {
    const local = url.replace(AUTHORITY_HOST, identity.loginUrl('').replace(/\/$/, ''));
    const response = await fetch(local, { method, headers: options?.headers, body: options?.body });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    return { status: response.status, headers, body: (await response.json()) as unknown };
  };
  return {
    sendGetRequestAsync: <T>(url: string, options?: NetworkRequestOptions) => send('GET', url, options) as Promise<NetworkResponse<T>>,
    sendPostRequestAsync: <T>(url: string, options?: NetworkRequestOptions) => send('POST', url, options) as Promise<NetworkResponse<T>>,
  };
}

describe("botframework-connector's MSAL credentials on MSAL 5", () => {
  it('gets the bot its Bot Framework token with the client secret, from the authority it names', async () => {
    const clientApplication = new ConfidentialClientApplication({
      auth: {
        clientId: APP_ID,
        clientSecret: 'local-client-secret',
        authority: `${AUTHORITY_HOST}/${TENANT}`,
        // Microsoft's public-cloud discovery answer, given instead of fetched.
        cloudDiscoveryMetadata: JSON.stringify({
          tenant_discovery_endpoint: `${AUTHORITY_HOST}/${TENANT}/v2.0/.well-known/openid-configuration`,
          'api-version': '1.1',
          metadata: [{ preferred_network: 'login.microsoftonline.com', preferred_cache: 'login.windows.net', aliases: ['login.microsoftonline.com', 'login.windows.net'] }],
        }),
      },
      system: { networkClient: toLocalIdentityProvider() },
    });
    const credentials = new MsalAppCredentials(clientApplication, APP_ID, `${AUTHORITY_HOST}/${TENANT}`, 'https://api.botframework.com');

    const token = await credentials.getToken(true);

    expect(identity.tokenRequests).toEqual([
      expect.objectContaining({
        kind: 'clientCredentials',
        tenant: TENANT,
        clientId: APP_ID,
        scope: 'https://api.botframework.com/.default',
        grantType: 'client_credentials',
        authenticated: true,
        accessToken: token,
      }),
    ]);
  });
});
