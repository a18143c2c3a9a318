/**
 * Where a handler's exception came from, as the student needs to see it: the stack frames
 * of their own code (the lab), without the framework's frames around them, the loader's
 * or Node's. A bare "TypeError: Cannot read properties of undefined" names no file.
 */

/** The framework's own folder, as stack frames name it. */
const FRAMEWORK_ROOT = pathOf(new URL('..', import.meta.url).href);
/** The project's root (the framework's parent), which frames are shown relative to. */
const PROJECT_ROOT = pathOf(new URL('../..', import.meta.url).href);
/**
 * A handler's call chain rarely runs deeper; a recursion that overflowed the stack would print
 * thousands.
 */
const FRAMES_SHOWN_MAX = 8;

/** A frame of V8's stack format: `    at name (file:line:column)` or `    at file:line:column`. */
const FRAME = /^\s*at (?:(.*?) \()?(.+?):(\d+):(\d+)\)?$/;

/**
 * The frames of `error` (or of the error it wraps, as a HandlerError wraps the handler's)
 * that are the lab's: from the innermost frame outside the framework, up to where the
 * framework called it. Each is `at name (file:line:column)`, the file relative to the
 * project when inside it. Empty when the stack names no such frame (a browser bundle, say).
 */
export function labFrames(error: unknown): string[] {
  const stack = originalError(error)?.stack;
  if (stack === undefined) return [];
  const frames: string[] = [];
  let started = false;
  for (const line of stack.split('\n')) {
    const match = FRAME.exec(line);
    if (match === null) continue;
    const [, name, location = '', lineNumber = '', column = ''] = match;
    const file = pathOf(location);
    if (!isLabFile(file)) {
      // The framework called the lab here: what lies below is the test's own driving code.
      if (started) break;
      continue;
    }
    started = true;
    const shown = `${relativeToProject(file)}:${lineNumber}:${column}`;
    frames.push(name === undefined || name === '' ? `at ${shown}` : `at ${name} (${shown})`);
    if (frames.length === FRAMES_SHOWN_MAX) break;
  }
  return frames;
}

/**
 * The error a wrapper carries as its `cause` (a HandlerError's: the handler's own), else `error`.
 */
function originalError(error: unknown): Error | undefined {
  let current = error;
  for (
    let depth = 0;
    depth < 10 && current instanceof Error && current.cause instanceof Error;
    depth++
  )
    current = current.cause;
  return current instanceof Error ? current : undefined;
}

/** Lab code: neither the framework, nor installed packages, nor Node's internals. */
function isLabFile(file: string): boolean {
  return (
    !file.startsWith(FRAMEWORK_ROOT) &&
    !file.includes('/node_modules/') &&
    !file.startsWith('node:') &&
    file !== 'native' &&
    !file.startsWith('<')
  );
}

function relativeToProject(file: string): string {
  return file.startsWith(PROJECT_ROOT) ? file.slice(PROJECT_ROOT.length) : file;
}

/** A frame's file as a path: `file:` URLs decoded, anything else as it is. */
function pathOf(location: string): string {
  if (!location.startsWith('file://')) return location;
  try {
    return decodeURIComponent(new URL(location).pathname);
  } catch {
    return location;
  }
}
