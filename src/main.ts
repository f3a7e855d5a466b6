import './compileCache';
import { ConfigError } from './config/config';
import { loadConfigAndContent } from './configAndContent';
import { ContentError } from './content/loadContent';
import { createLogger } from './logging/logger';
import { startTelemetry } from './observability/telemetry';
import { StorageError } from './storage/storageError';

async function main(): Promise<void> {
  const startedAt = process.hrtime.bigint();
  const { config, content } = loadConfigAndContent();
  const logger = createLogger(config.logLevel);
  const telemetry = await startTelemetry(config.telemetry, logger);
  // Loaded after telemetry has started, so its instrumentation sees restify's and the SDKs' http.
  const { createApp } = await import('./app');
  const { createServer, listen } = await import('./http/server');
  const app = await createApp(config, content, logger);
  const server = createServer(app, config, logger);
  const port = await listen(server, config.server.port, config.server.host);
  const readyMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
  logger.info(
    { event: 'ready', port, storage: config.storage.kind, telemetry: config.telemetry.applicationInsightsConnectionString ? 'on' : 'off', readyMs: Math.round(readyMs) },
    `bot listening on port ${port}`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ event: 'stopping', signal }, 'stopping');
    // Stop accepting; in-flight turns finish before the storage closes.
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await app.close();
    await telemetry.flush();
    logger.info({ event: 'stopped' }, 'stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof ContentError) {
    // These messages name settings and files only, never values.
    process.stderr.write(`${error.message}\n`);
  } else if (error instanceof StorageError) {
    // The store's own reason and the setting to check, never a path or a value (src/storage/storageError.ts).
    process.stderr.write(`The bot failed to start: ${error.message}\n`);
  } else {
    process.stderr.write(`The bot failed to start: ${error instanceof Error ? error.name : 'unknown error'}\n`);
    if (error instanceof Error && error.stack) process.stderr.write(`${error.stack.split('\n').slice(1, 6).join('\n')}\n`);
  }
  process.exit(1);
});
