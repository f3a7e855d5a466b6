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

/**
 * SDK wrappers rewrite `error.message` after the error was made (`err.message = 'x: ' + err.message`): the stack still holds
 * the old message, which is then not found to be cut off. Until review 2 of stop 28 every line of it shaped like a frame
 * ("at the ward, 10:30:15") was kept; now only V8's indented frames after the message are.
 */
it('logs no line of a message the error was given again after it was made, even one shaped like a stack frame', () => {
  const error = new Error('Femke de Groot wrote:\nat the ward, 10:30:15\nplease call (room 4:12:30)');
  // V8 writes the stack's first line when the stack is first read: here, as a retry policy's log would, before the rewrite.
  expect(error.stack).toContain('Femke de Groot');
  error.message = `Relay failed: ${error.message}`;
  const logged = JSON.stringify(serializeErrorWithoutDetails(error));
  expect(logged).not.toContain('the ward');
  expect(logged).not.toContain('room 4');
  expect(logged).toContain('exceptionStackRedaction.test.ts');

  const span = { attributes: {}, status: { code: 2, message: error.message }, events: [{ name: 'exception', attributes: { 'exception.type': 'Error', 'exception.message': error.message, 'exception.stacktrace': error.stack } }] };
  new PersonalDataRedaction().onEnd(span as never);
  expect(JSON.stringify(span)).not.toContain('the ward');
  expect(JSON.stringify(span)).not.toContain('room 4');
});
