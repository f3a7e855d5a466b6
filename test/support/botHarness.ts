import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { Server } from 'restify';
import { createApp, type App, type AppOptions } from '../../src/app';
import type { AppConfig } from '../../src/config/config';
import { loadConfigAndContent } from '../../src/configAndContent';
import { productionReadyContentDir } from './productionContent';
import type { TeamsUser } from './teamsActivities';
import { createServer, listen } from '../../src/http/server';
import { createLogger } from '../../src/logging/logger';
import { Conversation } from './conversation';
import { LocalConnector } from './localConnector';
import { personalDataIn } from './personalData';

/** Every log line written by any bot started in this test process, for the privacy scan. */
export const capturedLogLines: string[] = [];

export interface RunningBot {
  readonly app: App;
  readonly config: AppConfig;
  readonly server: Server;
  readonly messagesUrl: string;
  readonly baseUrl: string;
  readonly connector: LocalConnector;
  readonly logs: string[];
  stop(): Promise<void>;
}

/** Starts the real bot (CloudAdapter, restify, SQLite) on loopback, replying to a local connector. */
export async function startBot(environment: Record<string, string> = {}, options: AppOptions = {}): Promise<RunningBot> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bystander-test-'));
  // With an app id the bot is production and refuses placeholder links and numbers.
  const productionContent = environment.MicrosoftAppId && !environment.CONTENT_DIR ? productionReadyContentDir() : undefined;
  const { config, content } = loadConfigAndContent({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'debug',
    SQLITE_PATH: path.join(dataDir, 'bot.sqlite'),
    // The local connector (and the Agents Playground) run on loopback; the bot sends nowhere else,
    // also when a test gives it an app id, where the default would be Microsoft's hosts.
    ALLOWED_SERVICE_URLS: 'http://127.0.0.1:*/,http://localhost:*/',
    ...(productionContent ? { CONTENT_DIR: productionContent } : {}),
    ...environment,
  });
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      const line = chunk.toString();
      logs.push(line);
      capturedLogLines.push(line);
      callback();
    },
  });
  const logger = createLogger(config.logLevel, destination);
  const app = await createApp(config, content, logger, options);
  const server = createServer(app, config, logger);
  const port = await listen(server, 0, '127.0.0.1');
  const connector = await new LocalConnector().start();
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    app,
    config,
    server,
    baseUrl,
    messagesUrl: `${baseUrl}/api/messages`,
    connector,
    logs,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
      await connector.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (productionContent) fs.rmSync(productionContent, { recursive: true, force: true });
      // Every suite that starts a bot also proves its logs hold no personal data.
      const leaked = personalDataIn(logs);
      if (leaked.length > 0) throw new Error(`log lines contain personal data (${leaked.length} values)`);
    },
  };
}

/** The start of most relay tests: a bot whose one local adviser is `adviser`, who has opened its chat; no background work. */
export async function startBotWithLocalAdviser(adviser: TeamsUser, options: AppOptions = {}): Promise<RunningBot> {
  return startBotWithLocalAdvisers([adviser], options);
}

/** A bot whose local advisers are `advisers`, each of whom has opened its chat; no background work. */
export async function startBotWithLocalAdvisers(advisers: readonly TeamsUser[], options: AppOptions = {}): Promise<RunningBot> {
  const localAdvisors = advisers.map((adviser) => `${adviser.aadObjectId}:${adviser.name}`).join(';');
  const bot = await startBot({ LOCAL_ADVISORS: localAdvisors }, { runBackgroundWork: false, ...options });
  for (const adviser of advisers) await new Conversation(bot, adviser).installs();
  return bot;
}
