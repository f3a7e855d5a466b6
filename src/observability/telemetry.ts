import type { AzureMonitorOpenTelemetryOptions } from '@azure/monitor-opentelemetry';
import type { AppConfig } from '../config/config';
import type { Logger } from '../logging/logger';
import { stackFramesOf } from '../logging/stackFrames';

// The distro brings its own copy of the OpenTelemetry SDK; its types are the ones that fit.
type SpanProcessor = NonNullable<AzureMonitorOpenTelemetryOptions['spanProcessors']>[number];
type ReadableSpan = Parameters<SpanProcessor['onEnd']>[0];

/**
 * Application Insights through Microsoft's Azure Monitor OpenTelemetry distro: incoming
 * requests, outgoing calls (connector, Graph, Table Storage) and standard metrics. Off unless
 * a connection string is set; then started before the HTTP stack is loaded, because the
 * instrumentation patches `http` as modules require it.
 */
export interface Telemetry {
  /** Sends what is still buffered; call before the process exits. */
  flush(): Promise<void>;
}

const TELEMETRY_OFF: Telemetry = { flush: async () => undefined };

export async function startTelemetry(settings: AppConfig['telemetry'], logger: Logger): Promise<Telemetry> {
  const connectionString = settings.applicationInsightsConnectionString;
  if (!connectionString) return TELEMETRY_OFF;
  // Loaded only when wanted: the distro and its instrumentations cost start-up time.
  const { useAzureMonitor, shutdownAzureMonitor } = await import('@azure/monitor-opentelemetry');
  // The deployed Application Insights accepts Entra-authenticated telemetry only (DisableLocalAuth):
  // the connection string's key identifies the resource, the managed identity's token proves who sends.
  const credential = settings.managedIdentityClientId
    ? new (await import('@azure/identity')).ManagedIdentityCredential({ clientId: settings.managedIdentityClientId })
    : undefined;
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString, credential },
    // Live Metrics streams unsampled request details to the portal; the product has no need for it.
    enableLiveMetrics: false,
    spanProcessors: [new PersonalDataRedaction()],
  });
  return {
    flush: async () => {
      try {
        await shutdownAzureMonitor();
      } catch (error) {
        // Telemetry that cannot be sent must not stop a clean shutdown.
        logger.warn({ event: 'telemetryFlushFailed', err: error }, 'telemetry could not be sent');
      }
    },
  };
}

/**
 * URLs of outgoing calls carry identifiers of people: Graph paths name the user's object id,
 * connector paths the conversation id, Table Storage queries the partition key. Client
 * addresses and user agents are dropped too. Runs before the exporter's batch processor takes
 * the span, so nothing identifying is ever queued.
 */
export class PersonalDataRedaction implements SpanProcessor {
  onStart(): void {}

  onEnd(span: ReadableSpan): void {
    // The SDK hands the live attribute objects to every processor in turn; editing them here is
    // how a processor changes what the exporter after it sees.
    const attributes = span.attributes as Record<string, unknown>;
    for (const key of Object.keys(attributes)) {
      if (DROPPED_ATTRIBUTES.has(key)) delete attributes[key];
      else if (URL_ATTRIBUTES.has(key) && typeof attributes[key] === 'string') attributes[key] = redactUrl(attributes[key] as string);
    }
    for (const event of span.events) {
      const eventAttributes = event.attributes as Record<string, unknown> | undefined;
      if (eventAttributes) redactException(eventAttributes);
    }
    // Instrumentations set the status message to the error's message.
    const status = span.status as { message?: string } | undefined;
    if (status?.message) status.message = REDACTED;
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

const REDACTED = '[redacted]';

/**
 * Exception messages from SDKs can quote request bodies; the type and the stack's frames stay.
 * The stack trace starts with `<name>: <message>`, message lines included, so it is rebuilt from
 * the type and the frames alone.
 */
function redactException(attributes: Record<string, unknown>): void {
  const message = typeof attributes['exception.message'] === 'string' ? (attributes['exception.message'] as string) : undefined;
  if ('exception.message' in attributes) attributes['exception.message'] = REDACTED;
  if (typeof attributes['exception.stacktrace'] === 'string') {
    const type = typeof attributes['exception.type'] === 'string' ? (attributes['exception.type'] as string) : 'Error';
    const frames = stackFramesOf(attributes['exception.stacktrace'] as string, message);
    attributes['exception.stacktrace'] = [`${type}: ${REDACTED}`, ...frames.map((frame) => `    ${frame}`)].join('\n');
  }
}

const URL_ATTRIBUTES = new Set(['http.url', 'http.target', 'url.full', 'url.path', 'az.namespace.url']);
const DROPPED_ATTRIBUTES = new Set([
  'url.query',
  'http.client_ip',
  'client.address',
  'net.peer.ip',
  'network.peer.address',
  'http.user_agent',
  'user_agent.original',
  'enduser.id',
]);

/** Keeps the origin and the shape of the path; identifiers become `{id}`, the query goes. */
export function redactUrl(value: string): string {
  const isAbsolute = URL.canParse(value);
  const url = new URL(value, 'http://relative.invalid');
  const path = url.pathname
    .split('/')
    .map((segment) => (looksLikeIdentifier(segment) ? '{id}' : segment))
    .join('/');
  return isAbsolute ? `${url.origin}${path}` : path;
}

/** Version segments such as `v1.0` and `v3` stay; ids have digits and length, or id syntax. */
function looksLikeIdentifier(segment: string): boolean {
  const decoded = safeDecode(segment);
  return (/\d/.test(decoded) && decoded.length >= 8) || /[:@=%'(),]/.test(decoded) || decoded.length > 24;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
