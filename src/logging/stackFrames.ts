const MAX_FRAMES = 5;
/**
 * A V8 frame: four spaces, then `at name (file:line:column)`, `at file:line:column`, `at name (native)` or
 * `(<anonymous>)`. The indent matters: a message line such as "at the ward, 10:30:15" has the rest of the shape.
 */
const FRAME = /^ {4}at \S.*(?::\d+:\d+\)?|\((?:native|<anonymous>|index \d+)\))$/;

/**
 * The first stack frames of an error, without its message. A stack starts with `<name>: <message>`
 * (the name as it was when the error was made), and a message may hold line breaks (a quoted body,
 * Azure Storage's `RequestId:` lines, typed text), so everything up to the end of the message is cut
 * off where it is found. SDK wrappers rewrite `error.message` after the stack was made; then the message
 * is not found, and only the frames after the last line that is not one are kept.
 */
export function stackFramesOf(stack: string | undefined, message?: string): string[] {
  if (!stack) return [];
  const messageAt = message ? stack.indexOf(message) : -1;
  const lines = (messageAt >= 0 ? stack.slice(messageAt + message!.length) : stack).split('\n');
  const frames = messageAt >= 0 ? lines : lines.slice(lastIndexWhere(lines, (line) => !FRAME.test(line)) + 1);
  return frames
    .filter((line) => FRAME.test(line))
    .map((line) => line.trim())
    .slice(0, MAX_FRAMES);
}

function lastIndexWhere(lines: readonly string[], matches: (line: string) => boolean): number {
  for (let index = lines.length - 1; index >= 0; index--) if (matches(lines[index]!)) return index;
  return -1;
}
