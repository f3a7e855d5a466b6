import type { AccessToken, TokenCredential } from '@azure/identity';

/**
 * The one mocked piece of Graph: Entra ID's token service cannot run on loopback, so the bot gets a
 * credential that hands out this fixed token, which the local Graph stand-in accepts
 * (`LocalGraph.start({ acceptedToken })`).
 */
export function staticGraphCredential(token: string): TokenCredential {
  return {
    getToken: async (): Promise<AccessToken> => ({ token, expiresOnTimestamp: Date.now() + 3_600_000 }),
  };
}
