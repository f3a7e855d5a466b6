import {
  ClientCertificateCredential,
  ClientSecretCredential,
  ManagedIdentityCredential,
  type TokenCredential,
} from '@azure/identity';
import { ConfigError } from '../config/config';

/**
 * How the bot proves who it is to Microsoft Graph. In Azure that is a managed identity
 * (nothing secret to rotate); elsewhere an app registration with a certificate or a secret.
 */
export interface GraphCredentialSettings {
  /** Client id of a user-assigned managed identity; without it the system-assigned identity is used. */
  readonly managedIdentityClientId?: string;
  readonly tenantId?: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** PEM file holding the app registration's certificate and private key. */
  readonly certificatePath?: string;
}

export type GraphCredentialKind = 'clientCertificate' | 'clientSecret' | 'managedIdentity';

export type GraphCredentialChoice =
  | { readonly kind: GraphCredentialKind; readonly problems: readonly [] }
  | { readonly kind: undefined; readonly problems: readonly string[] };

/**
 * Decides which credential the settings describe, or lists every problem with them so the
 * config layer can report them together. An app registration (certificate or secret) wins
 * over a managed identity client id, because that id may be set for storage alone.
 */
export function chooseGraphCredential(settings: GraphCredentialSettings): GraphCredentialChoice {
  const problems: string[] = [];
  const usesAppRegistration = Boolean(settings.certificatePath || settings.clientSecret || settings.clientId || settings.tenantId);
  if (!usesAppRegistration) return { kind: 'managedIdentity', problems: [] };

  if (settings.certificatePath && settings.clientSecret) {
    // Both present usually means a half-finished rotation; picking one silently hides which is live.
    problems.push('graph credential: set either certificatePath or clientSecret, not both');
  }
  if (!settings.certificatePath && !settings.clientSecret) {
    problems.push('graph credential: an app registration (tenantId, clientId) needs certificatePath or clientSecret');
  }
  if (!settings.tenantId) problems.push('graph credential: tenantId is required with an app registration');
  if (!settings.clientId) problems.push('graph credential: clientId is required with an app registration');
  if (problems.length > 0) return { kind: undefined, problems };
  return { kind: settings.certificatePath ? 'clientCertificate' : 'clientSecret', problems: [] };
}

/** Builds the TokenCredential the settings describe; throws one ConfigError listing every problem. */
export function createGraphCredential(settings: GraphCredentialSettings): TokenCredential {
  const choice = chooseGraphCredential(settings);
  switch (choice.kind) {
    case 'managedIdentity':
      return settings.managedIdentityClientId
        ? new ManagedIdentityCredential({ clientId: settings.managedIdentityClientId })
        : new ManagedIdentityCredential();
    case 'clientCertificate':
      return new ClientCertificateCredential(settings.tenantId!, settings.clientId!, {
        certificatePath: settings.certificatePath!,
      });
    case 'clientSecret':
      return new ClientSecretCredential(settings.tenantId!, settings.clientId!, settings.clientSecret!);
    default:
      throw new ConfigError(choice.problems);
  }
}
