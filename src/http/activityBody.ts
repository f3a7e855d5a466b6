import getRawBody from 'raw-body';
import type { Next, Request, Response } from 'restify';
import type { Logger } from '../logging/logger';

export interface BodyLimits {
  readonly maxBodyBytes: number;
  /** From the moment the headers are in; Teams posts a whole activity at once. */
  readonly bodyTimeoutMs: number;
}

type Refusal = 'notJson' | 'encoded' | 'tooLarge' | 'tooSlow' | 'malformedJson';

const REFUSALS: Record<Refusal, { readonly statusCode: number; readonly error: string }> = {
  notJson: { statusCode: 415, error: 'The body must be JSON (application/json).' },
  encoded: { statusCode: 415, error: 'The body must not be compressed or otherwise encoded.' },
  tooLarge: { statusCode: 413, error: 'The body is too large.' },
  tooSlow: { statusCode: 408, error: 'The body did not arrive in time.' },
  malformedJson: { statusCode: 400, error: 'The body is not valid JSON.' },
};

/**
 * Reads the body of /api/messages: one JSON document, not encoded, at most `maxBodyBytes`, arriving
 * within `bodyTimeoutMs`. Anyone on the network can make the bot read a body before its token is
 * checked, so nothing else is decoded or waited for. (restify's bodyParser, used before, unpacked
 * gzip with no limit on the unpacked size, wrote multipart uploads of any size to the temp folder,
 * parsed forms and CSV, and waited five minutes for a body that never came.) raw-body, the reader
 * under Express's body-parser, counts the bytes against the limit and the announced length.
 */
export function readActivityBody(limits: BodyLimits, logger: Logger) {
  return (req: Request, res: Response, next: Next): void => {
    let settled = false;
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      clearTimeout(deadline);
      return true;
    };
    const refuse = (refusal: Refusal): void => {
      if (!settle()) return;
      const { statusCode, error } = REFUSALS[refusal];
      logger.warn({ event: 'bodyRefused', statusCode, refusal }, 'request body refused');
      // What is left of the body is not read: the connection closes once the answer is written.
      res.header('connection', 'close');
      res.send(statusCode, { error });
      next(false);
    };
    const deadline = setTimeout(() => refuse('tooSlow'), limits.bodyTimeoutMs);

    if (mediaType(req.headers['content-type']) !== 'application/json') return refuse('notJson');
    const encoding = req.headers['content-encoding'];
    if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') return refuse('encoded');

    getRawBody(req, { length: req.headers['content-length'], limit: limits.maxBodyBytes, encoding: 'utf-8' }).then(
      (text) => {
        try {
          req.body = JSON.parse(text);
        } catch {
          return refuse('malformedJson');
        }
        if (settle()) next();
      },
      (problem: { type?: string }) => {
        // A client that went away mid-body: nothing to answer, nothing runs.
        if (problem.type === 'request.aborted') return void (settle() && next(false));
        refuse(problem.type === 'entity.too.large' ? 'tooLarge' : 'malformedJson');
      },
    );
  };
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}
