import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory } from 'botbuilder';
import restify from 'restify';

/**
 * The yardstick: Microsoft's minimal echo bot on the same CloudAdapter and restify setup as
 * the real bot (same body parser limits, same loopback connector), with nothing else. What
 * the full bot costs beyond this is what the product adds.
 */
class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      // Card submits carry no text; they get a fixed answer, so both bots answer every activity.
      const text = typeof context.activity.text === 'string' && context.activity.text !== '' ? context.activity.text : 'card action';
      await context.sendActivity(MessageFactory.text(`Echo: ${text}`));
      await next();
    });
    // The full bot welcomes whoever installs it; the echo bot answers installs too, so both answer every activity.
    this.onMembersAdded(async (context, next) => {
      await context.sendActivity(MessageFactory.text('Welcome'));
      await next();
    });
  }
}

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const bot = new EchoBot();
const server = restify.createServer({ name: 'echo-bot', handleUncaughtExceptions: false });
server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false, rejectUnknown: true }));
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.get('/readyz', async (_req, res) => {
  res.send(200, { status: 'ready' });
});

const port = Number(process.env.PORT ?? 3978);
server.listen(port, process.env.HOST ?? '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ event: 'ready', port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
