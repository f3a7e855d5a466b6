import path from 'node:path';
import { z } from 'zod';
import type { Locale } from '../guidance/vocabulary';
import { deepFreeze } from '../shared/deepFreeze';

/**
 * Every setting the bot reads, parsed and validated once at start. Nothing else in the code
 * reads process.env, so this file is the complete list of what an operator can set.
 */

const commaSeparatedList = z
  .string()
  .optional()
  .transform((value) => (value ?? '').split(',').map((item) => item.trim()).filter(Boolean));

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value && value.trim() !== '' ? value.trim() : undefined));

const optionalUrl = optionalString.pipe(z.url().optional());

const positiveInt = (defaultValue: number) => z.coerce.number().int().positive().default(defaultValue);

const environmentSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    HOST: z.string().default('0.0.0.0'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    CONTENT_DIR: z.string().default('content'),
    DEFAULT_LOCALE: z.enum(['nl', 'en']).default('en'),
    MAX_BODY_BYTES: positiveInt(256 * 1024),
    MAX_MESSAGE_CHARS: positiveInt(2000),

    MicrosoftAppId: optionalString,
    MicrosoftAppPassword: optionalString,
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    MicrosoftAppTenantId: optionalString,
    /** Tests point token validation at a local OpenID endpoint; production leaves these unset. */
    BOT_OPENID_METADATA_URL: optionalUrl,
    BOT_TOKEN_ISSUER: optionalString,
    BOT_OAUTH_TOKEN_ENDPOINT: optionalUrl,
    ALLOWED_TENANT_IDS: commaSeparatedList,

    STORAGE: z.enum(['sqlite', 'azure-tables']).default('sqlite'),
    SQLITE_PATH: z.string().default(path.join('data', 'bot.sqlite')),
    AZURE_TABLES_CONNECTION_STRING: optionalString,
    AZURE_TABLES_ENDPOINT: optionalUrl,
    AZURE_TABLES_PREFIX: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9]{0,20}$/, 'letters and digits only, starting with a letter')
      .default('bystander'),
    AZURE_CLIENT_ID: optionalString,

  })
  .superRefine((env, context) => {
    if (env.STORAGE === 'azure-tables' && !env.AZURE_TABLES_CONNECTION_STRING && !env.AZURE_TABLES_ENDPOINT) {
      context.addIssue({
        code: 'custom',
        path: ['AZURE_TABLES_CONNECTION_STRING'],
        message: 'STORAGE=azure-tables needs AZURE_TABLES_CONNECTION_STRING or AZURE_TABLES_ENDPOINT',
      });
    }
    if (env.MicrosoftAppType !== 'MultiTenant' && env.MicrosoftAppId && !env.MicrosoftAppTenantId) {
      context.addIssue({
        code: 'custom',
        path: ['MicrosoftAppTenantId'],
        message: `MicrosoftAppType=${env.MicrosoftAppType} needs MicrosoftAppTenantId`,
      });
    }
    if (env.MicrosoftAppType === 'MultiTenant' && env.MicrosoftAppId && !env.MicrosoftAppPassword) {
      context.addIssue({
        code: 'custom',
        path: ['MicrosoftAppPassword'],
        message: 'MicrosoftAppType=MultiTenant with MicrosoftAppId needs MicrosoftAppPassword',
      });
    }
  });


export interface AppConfig {
  readonly server: { readonly port: number; readonly host: string; readonly maxBodyBytes: number };
  readonly logLevel: string;
  readonly contentDir: string;
  readonly defaultLocale: Locale;
  readonly maxMessageChars: number;
  readonly bot: {
    readonly appId?: string;
    readonly appPassword?: string;
    readonly appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    readonly tenantId?: string;
    readonly openIdMetadataUrl?: string;
    readonly tokenIssuer?: string;
    readonly oauthTokenEndpoint?: string;
    readonly allowedTenantIds: readonly string[];
  };
  readonly storage:
    | { readonly kind: 'sqlite'; readonly sqlitePath: string }
    | {
        readonly kind: 'azure-tables';
        readonly connectionString?: string;
        readonly endpoint?: string;
        readonly tablePrefix: string;
        readonly managedIdentityClientId?: string;
      };
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The bot cannot start; fix these settings:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment into a frozen config, or throws one ConfigError listing every problem. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    // Values are never echoed: a setting may be a secret.
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`);
    throw new ConfigError(problems);
  }
  const env = parsed.data;
  const config: AppConfig = {
    server: { port: env.PORT, host: env.HOST, maxBodyBytes: env.MAX_BODY_BYTES },
    logLevel: env.LOG_LEVEL,
    contentDir: path.resolve(env.CONTENT_DIR),
    defaultLocale: env.DEFAULT_LOCALE,
    maxMessageChars: env.MAX_MESSAGE_CHARS,
    bot: {
      appId: env.MicrosoftAppId,
      appPassword: env.MicrosoftAppPassword,
      appType: env.MicrosoftAppType,
      tenantId: env.MicrosoftAppTenantId,
      openIdMetadataUrl: env.BOT_OPENID_METADATA_URL,
      tokenIssuer: env.BOT_TOKEN_ISSUER,
      oauthTokenEndpoint: env.BOT_OAUTH_TOKEN_ENDPOINT,
      allowedTenantIds: Object.freeze([...env.ALLOWED_TENANT_IDS]),
    },
    storage:
      env.STORAGE === 'sqlite'
        ? { kind: 'sqlite', sqlitePath: path.resolve(env.SQLITE_PATH) }
        : {
            kind: 'azure-tables',
            connectionString: env.AZURE_TABLES_CONNECTION_STRING,
            endpoint: env.AZURE_TABLES_ENDPOINT,
            tablePrefix: env.AZURE_TABLES_PREFIX,
            managedIdentityClientId: env.AZURE_CLIENT_ID,
          },
  };
  return deepFreeze(config);
}
