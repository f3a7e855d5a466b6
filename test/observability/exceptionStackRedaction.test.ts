import { serializeErrorWithoutDetails } from '../../src/logging/logger';
import { PersonalDataRedaction } from '../../src/observability/telemetry';

/**
 * "No message text, name, e-mail or object id is ever written to a log or to telemetry": span.recordException(error)
 * stores an error's type, message and stack (whose first line is `<name>: <message>`), and instrumentations set the span's
 * status message to the error's message. Telemetry sends the type and the frames only, and the log serializer keeps only
 * frame lines. Until the red team of stop 28 only `exception.message` was blanked.
 */
it('leaves no word of an exception message in the stack trace or the span status it sends', () => {
  const error = new Error("Request body echoed: {\"message\":\"Mijn opleider Femke de Groot intimideert mij\"}");
  error.name = 'RestError';
  const span = {
    attributes: { 'http.method': 'POST', 'http.status_code': 400 },
    status: { code: 2, message: error.message },
    events: [
      {
        name: 'exception',
        attributes: { 'exception.type': error.name, 'exception.message': error.message, 'exception.stacktrace': error.stack },
      },
    ],
  };
  new PersonalDataRedaction().onEnd(span as never);
  expect(JSON.stringify(span)).not.toContain('Femke de Groot');
});

/**
 * The same gap in the log serializer: it keeps `stack` lines 2 to 6 as "frames", assuming line 1
 * is the whole message. A message with line breaks (a quoted multi-line body, Azure Storage's
 * "...\nRequestId:...\nTime:..." messages, an error built from what someone typed) puts its
 * second and later lines among the frames, and so into the log.
 */
it('logs no line of a multi-line error message among the stack frames', () => {
  const error = new Error('The relay could not be sent:\nMijn opleider Femke de Groot intimideert mij\nna de dienst');
  const logged = JSON.stringify(serializeErrorWithoutDetails(error));
  expect(logged).not.toContain('Femke de Groot');
  expect(logged).not.toContain('na de dienst');
});
