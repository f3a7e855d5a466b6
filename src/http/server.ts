import type http from 'node:http';
import restify, { type Request, type Response, type Server } from 'restify';
import type { App } from '../app';
import { readActivityBody } from './activityBody';
import { activityShape } from './activityShape';
import { answeringActivity } from './redeliveryRequest';
import { ChannelFilter } from '../bot/channelFilter';
import { ServiceUrlAllowList, serviceUrlOrigin } from '../bot/serviceUrlAllowList';
import type { AppConfig } from '../config/config';
import { activityTypeLabel } from '../logging/activityTypeLabel';
import type { Logger } from '../logging/logger';
import { runInRequestScope } from '../logging/requestScope';

/**
 * The HTTP edge: /api/messages for the Bot Framework channel, and health probes for the
 * platform. Body size, encoding and JSON shape are checked here, before any bot code runs.
 */
export function createServer(app: App, config: AppConfig, logger: Logger): Server {
  const server = restify.createServer({ name: 'bystander-bot', handleUncaughtExceptions: false });
  limitConnectionTime(server.server as http.Server, config.server);
  const serviceUrls = new ServiceUrlAllowList(config.bot.allowedServiceUrls);
  const channels = new ChannelFilter(config.bot.allowedChannels, logger);

  server.post('/api/messages', readActivityBody(config.server, logger), async (req: Request, res: Response) =>
    runInRequestScope(async (requestId) => {
      res.header('x-request-id', requestId);
      const shaped = activityShape.safeParse(req.body);
      if (!shaped.success) {
        // Field paths only, never values: if Teams ever sends a field in another shape, the log says which.
        const fields = [...new Set(shaped.error.issues.map((issue) => issue.path.join('.') || '(body)'))];
        logger.warn({ event: 'activityRefused', fields }, 'activity not in the shape Teams sends');
        res.send(400, { error: 'The body must be a Bot Framework activity (a type, an id, from, recipient and conversation with ids).' });
        return;
      }
      const body = shaped.data;
      // Before the token is even read: another channel, or replies bound for an unknown host, go no further.
      if (!channels.allows(body.channelId)) {
        logger.warn({ event: 'channelRefused', activityType: activityTypeLabel(body.type) }, 'activity from a channel that is not allowed');
        res.send(403, { error: 'This bot serves Microsoft Teams only.' });
        return;
      }
      if (!serviceUrls.allows(body.serviceUrl)) {
        logger.warn({ event: 'serviceUrlRefused', serviceUrl: serviceUrlOrigin(body.serviceUrl) }, 'activity names a service URL that is not allowed');
        res.send(403, { error: 'The serviceUrl is not one this bot sends to.' });
        return;
      }
      await answeringActivity(res, (response) => app.adapter.process(req, response, (context) => app.bot.run(context)));
      logger.debug({ event: 'request', statusCode: res.statusCode, activityType: activityTypeLabel(body.type) }, 'activity processed');
    }),
  );

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.send(200, { status: 'alive' });
  });

  server.get('/readyz', async (_req: Request, res: Response) => {
    try {
      await app.store.ping();
      res.send(200, { status: 'ready', storage: 'reachable', content: 'loaded' });
    } catch (error) {
      logger.warn({ event: 'notReady', err: error }, 'storage unreachable');
      res.send(503, { status: 'not ready', storage: 'unreachable' });
    }
  });

  server.on('restifyError', (req: Request, _res: Response, error: Error & { statusCode?: number }, callback: () => void) => {
    // A method or path the bot does not serve is a probe (Agents Playground GETs /api/messages on
    // every page load; platform and scanner checks): expected, so not a warning. A refused body or
    // an error in a route still is.
    const probe = error.statusCode === 404 || error.statusCode === 405;
    logger[probe ? 'debug' : 'warn']({ event: 'httpError', statusCode: error.statusCode, route: req.getRoute()?.path }, 'request refused');
    callback();
  });
  return server;
}

/**
 * A client that trickles its headers, or opens a connection and sends nothing, holds a socket; Node
 * answers it with 408 and closes it after headersTimeout, but looks only every
 * connectionsCheckingInterval (30 s by default), so the check runs at least as often as the timeout.
 * A turn that is slow after its request has arrived is not cut off: these count receiving only.
 */
function limitConnectionTime(server: http.Server, limits: AppConfig['server']): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  // Read by Node when the server starts listening; createServer has no way to pass it through restify.
  (server as http.Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.min(limits.headersTimeoutMs, 5_000);
}

export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.removeListener('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
