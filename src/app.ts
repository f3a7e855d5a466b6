import path from 'node:path';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import { buildApologyActivity, BystanderBot } from './bot/bystanderBot';
import type { BotServices } from './bot/botTurn';
import { CardRenderer } from './cards/cardRenderer';
import type { AppConfig } from './config/config';
import { loadContent } from './content/loadContent';
import { createClassifier } from './guidance/classifier';
import type { Logger } from './logging/logger';
import { PreferencesRepository } from './preferences/preferences';
import { createEntityStore } from './storage/createEntityStore';
import type { EntityStore } from './storage/entityStore';

/** Where the card templates live; they ship with the code, not with the editable content. */
export const CARDS_DIR = path.resolve(__dirname, '..', 'cards');

export interface App {
  readonly adapter: CloudAdapter;
  readonly bot: BystanderBot;
  readonly services: BotServices;
  readonly store: EntityStore;
  close(): Promise<void>;
}

/** The composition root: loads content, trains the classifier, opens storage and wires the bot. */
export async function createApp(config: AppConfig, logger: Logger): Promise<App> {
  const content = loadContent(config.contentDir);
  const cards = CardRenderer.load(CARDS_DIR);
  const classifier = await createClassifier(content.nlu, content.urgentPatterns);
  const store = await createEntityStore(config.storage);

  const services: BotServices = {
    content,
    classifier,
    cards,
    preferences: new PreferencesRepository(store),
    logger,
    defaultLocale: config.defaultLocale,
    maxMessageChars: config.maxMessageChars,
    allowedTenantIds: config.bot.allowedTenantIds,
  };
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(botAuthenticationOptions(config)));
  adapter.onTurnError = async (context, error) => {
    logger.error({ event: 'turnError', err: error, activityType: context.activity.type }, 'turn failed');
    try {
      await context.sendActivity(buildApologyActivity(services, context.activity));
    } catch (sendError) {
      logger.error({ event: 'apologyFailed', err: sendError }, 'could not send the apology');
    }
  };
  const bot = new BystanderBot(services);
  return {
    adapter,
    bot,
    services,
    store,
    close: () => store.close(),
  };
}

function botAuthenticationOptions(config: AppConfig): ConfigurationBotFrameworkAuthenticationOptions {
  const { bot } = config;
  return {
    MicrosoftAppId: bot.appId,
    MicrosoftAppPassword: bot.appPassword,
    MicrosoftAppType: bot.appType,
    MicrosoftAppTenantId: bot.tenantId,
    // Set only in tests, which serve OpenID metadata and tokens on loopback.
    ToBotFromChannelOpenIdMetadataUrl: bot.openIdMetadataUrl,
    ToBotFromChannelTokenIssuer: bot.tokenIssuer,
    ToChannelFromBotLoginUrl: bot.oauthTokenEndpoint,
  } as ConfigurationBotFrameworkAuthenticationOptions;
}
