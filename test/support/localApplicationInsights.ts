import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import selfsigned from 'selfsigned';

/** One Application Insights envelope as the Azure Monitor exporter posts it to `/v2.1/track`. */
export interface TelemetryEnvelope {
  readonly name: string;
  readonly data?: { readonly baseType?: string; readonly baseData?: Record<string, unknown> };
  readonly [key: string]: unknown;
}

/**
 * A stand-in for the Application Insights ingestion endpoint: accepts the exporter's batches
 * (gzip or plain JSON) on the real path and keeps them, so a test reads exactly what would
 * have left the process. The exporter only speaks https, so this serves a certificate of its
 * own; a bot process trusts it through `NODE_EXTRA_CA_CERTS` (see `trustEnvironment`).
 */
export class LocalApplicationInsights {
  readonly envelopes: TelemetryEnvelope[] = [];
  /** Every request body as received, for scans that must not depend on parsing. */
  readonly rawBodies: string[] = [];
  /** The Authorization header of each telemetry upload ('' when there was none). */
  readonly authorizations: string[] = [];
  private server?: https.Server;
  private certificateDir?: string;

  async start(): Promise<this> {
    const certificate = await selfsigned.generate([{ name: 'commonName', value: '127.0.0.1' }], {
      keySize: 2048,
      algorithm: 'sha256',
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
    });
    this.certificateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-appinsights-'));
    fs.writeFileSync(path.join(this.certificateDir, 'ca.pem'), certificate.cert);
    this.server = https.createServer({ key: certificate.private, cert: certificate.cert }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const text = (req.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(body) : body).toString('utf8');
        this.rawBodies.push(text);
        const items = parseEnvelopes(text);
        if (req.url?.startsWith('/v2.1/track') || req.url?.startsWith('/v2/track')) {
          this.envelopes.push(...items);
          this.authorizations.push(req.headers.authorization ?? '');
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ itemsReceived: items.length, itemsAccepted: items.length, errors: [] }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get connectionString(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `InstrumentationKey=00000000-0000-4000-8000-000000000000;IngestionEndpoint=https://127.0.0.1:${port}/`;
  }

  /** Environment for a child process that should trust this endpoint's certificate. */
  get trustEnvironment(): Record<string, string> {
    return { NODE_EXTRA_CA_CERTS: path.join(this.certificateDir!, 'ca.pem') };
  }

  ofType(baseType: string): Record<string, unknown>[] {
    return this.envelopes.filter((envelope) => envelope.data?.baseType === baseType).map((envelope) => envelope.data!.baseData ?? {});
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
    if (this.certificateDir) fs.rmSync(this.certificateDir, { recursive: true, force: true });
  }
}

function parseEnvelopes(text: string): TelemetryEnvelope[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  try {
    const parsed: unknown = JSON.parse(trimmed);
    return (Array.isArray(parsed) ? parsed : [parsed]) as TelemetryEnvelope[];
  } catch {
    // The exporter may also send newline-delimited JSON.
    return trimmed.split('\n').map((line) => JSON.parse(line) as TelemetryEnvelope);
  }
}
