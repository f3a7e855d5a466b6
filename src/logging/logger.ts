import pino, { type DestinationStream, type Logger } from 'pino';
import { requestScopeFields } from './requestScope';
import { stackFramesOf } from './stackFrames';

export type { Logger } from 'pino';

/**
 * Structured JSON logs. The rule is that callers never pass message text, names, e-mail
 * addresses or object ids; the redact list is a second line of defence for fields that
 * could carry them by accident (a whole activity or error object, for instance).
 */
const REDACTED_PATHS = [
  'text',
  '*.text',
  'name',
  '*.name',
  'email',
  '*.email',
  'mail',
  '*.mail',
  'userPrincipalName',
  '*.userPrincipalName',
  'aadObjectId',
  '*.aadObjectId',
  'from',
  '*.from',
  'recipient',
  '*.recipient',
  'value',
  '*.value',
  'message',
  '*.message',
  'activity',
  'req.headers.authorization',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'bystander-bot' },
      mixin: requestScopeFields,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: { err: serializeErrorWithoutDetails },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

/**
 * Error messages from SDKs can quote request bodies or user input (a Graph 400 echoes the
 * payload), so only the error's type, code and stack frames leave the process; a message with
 * line breaks must not pass for frames.
 */
export function serializeErrorWithoutDetails(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const withCode = error as Error & { code?: unknown; statusCode?: unknown };
  const frames = stackFramesOf(error.stack, error.message);
  return {
    type: error.name,
    code: typeof withCode.code === 'string' || typeof withCode.code === 'number' ? withCode.code : undefined,
    statusCode: typeof withCode.statusCode === 'number' ? withCode.statusCode : undefined,
    frames,
  };
}
