const MAX_FRAMES = 5;
/** A V8 frame: `at name (file:line:column)`, `at file:line:column`, `at name (native)` or `(<anonymous>)`. */
const FRAME = /^at \S.*(?::\d+:\d+\)?|\((?:native|<anonymous>|index \d+)\))$/;

/**
 * The first stack frames of an error, without its message. A stack starts with `<name>: <message>`
 * (the name as it was when the error was made), and a message may hold line breaks (a quoted body,
 * Azure Storage's `RequestId:` lines, typed text), so everything up to the end of the message is cut
 * off where it is found, and of the rest only lines shaped like frames are kept.
 */
export function stackFramesOf(stack: string | undefined, message?: string): string[] {
  if (!stack) return [];
  const messageAt = message ? stack.indexOf(message) : -1;
  const body = messageAt >= 0 ? stack.slice(messageAt + message!.length) : stack;
  return body
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => FRAME.test(line))
    .slice(0, MAX_FRAMES);
}
