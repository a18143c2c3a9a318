import { HistoryFormatError } from './history-format-error.ts';
import { readJson, type JsonDocument, type TextPosition } from './json-reader.ts';

/**
 * The longest value read whole: a member of the top-level object, or one element of a streamed
 * array. No operation of a history is this long; a longer one would fill memory.
 */
export const JSON_VALUE_CHARS_MAX = 1 << 20;

/** One value of a streamed document, parsed, with the positions of its parts in the file. */
export interface JsonPiece {
  readonly value: unknown;
  readonly document: JsonDocument;
  /** Where the value starts in the file. */
  readonly at: TextPosition;
}

/** What a streamed JSON object is handed to. */
export interface JsonObjectVisitor {
  /** A member whose value is read whole. */
  member(name: string, nameAt: TextPosition, piece: JsonPiece): void;
  /** A member named in `streamed` whose value is an array: its elements come one by one. */
  arrayStart(name: string, nameAt: TextPosition): void;
  element(name: string, piece: JsonPiece): void;
}

/**
 * Reads a JSON object from text given in pieces (a file read a chunk at a time), handing over
 * each member as it is read; the arrays of the members named in `streamed` are handed over an
 * element at a time. Only one value is held at once, so memory follows what the visitor keeps,
 * not the text. Each value is parsed by {@link readJson} (exact big integers, `__proto__` as a
 * member like any other, a depth limit). Bad syntax, a repeated member and a value longer than
 * {@link JSON_VALUE_CHARS_MAX} throw {@link HistoryFormatError} at their line and column.
 */
export function readJsonObjectStream(
  chunks: Iterable<string>,
  streamed: ReadonlySet<string>,
  visitor: JsonObjectVisitor,
): void {
  const source = new CharacterSource(chunks);
  source.skipWhitespace();
  if (source.peek() !== '{')
    source.fail(
      `the history must be a JSON object with ${[...streamed].map((name) => JSON.stringify(name)).join(' or ')}`,
    );
  source.next();
  const seen = new Set<string>();
  source.skipWhitespace();
  if (source.peek() === '}') source.next();
  else
    for (;;) {
      source.skipWhitespace();
      const nameAt = source.position();
      if (source.peek() !== '"') source.fail('expected a member name in double quotes');
      const name = readJson(source.value(), nameAt).value as string;
      if (seen.has(name)) source.fail(`duplicate member ${JSON.stringify(name)}`, nameAt);
      seen.add(name);
      source.skipWhitespace();
      if (source.next() !== ':') source.fail('expected : after the member name');
      source.skipWhitespace();
      if (streamed.has(name) && source.peek() === '[') {
        visitor.arrayStart(name, nameAt);
        source.next();
        source.skipWhitespace();
        if (source.peek() === ']') source.next();
        else
          do visitor.element(name, source.piece());
          while (source.endOf(']'));
      } else {
        visitor.member(name, nameAt, source.piece());
      }
      if (!source.endOf('}')) break;
    }
  source.skipWhitespace();
  if (source.peek() !== undefined) source.fail('unexpected text after the JSON value');
}

const WHITESPACE = ' \t\n\r';

/** The characters of text given in pieces, one at a time, with their line and column. */
class CharacterSource {
  private readonly pieces: Iterator<string>;
  private chunk = '';
  private index = 0;
  private line = 1;
  private column = 1;

  constructor(chunks: Iterable<string>) {
    this.pieces = chunks[Symbol.iterator]();
  }

  position(): TextPosition {
    return { line: this.line, column: this.column };
  }

  fail(reason: string, at: TextPosition = this.position()): never {
    throw new HistoryFormatError(reason, at.line, at.column);
  }

  peek(): string | undefined {
    while (this.index >= this.chunk.length) {
      const piece = this.pieces.next();
      if (piece.done === true) return undefined;
      this.chunk = piece.value;
      this.index = 0;
    }
    return this.chunk[this.index];
  }

  next(): string | undefined {
    const character = this.peek();
    if (character === undefined) return undefined;
    this.index++;
    if (character === '\n') {
      this.line++;
      this.column = 1;
    } else this.column++;
    return character;
  }

  skipWhitespace(): void {
    for (let character = this.peek(); character !== undefined; character = this.peek()) {
      if (!WHITESPACE.includes(character)) return;
      this.next();
    }
  }

  /** After a member or element: consumes a comma (true: another follows) or `closer` (false). */
  endOf(closer: string): boolean {
    this.skipWhitespace();
    const at = this.position();
    const character = this.next();
    if (character === ',') {
      this.skipWhitespace();
      return true;
    }
    if (character === closer) return false;
    return this.fail(
      character === undefined ? `the text ends before ${closer}` : `expected , or ${closer}`,
      at,
    );
  }

  /** The next value, parsed. */
  piece(): JsonPiece {
    const at = this.position();
    const document = readJson(this.value(), at);
    return { value: document.value, document, at };
  }

  /**
   * The text of the next value: a container up to its closing bracket, a string up to its
   * closing quote, anything else up to the next comma, bracket or whitespace. Its syntax is
   * checked when it is parsed. Scanned a chunk at a time, sliced rather than copied by character.
   */
  value(): string {
    const at = this.position();
    let text = '';
    let depth = 0;
    let inString = false;
    let escaped = false;
    let scalar: boolean | undefined;
    let done = false;
    while (!done && this.peek() !== undefined) {
      const chunk = this.chunk;
      const start = this.index;
      scalar ??= !isContainerOrString(chunk[start]);
      let index = start;
      for (; index < chunk.length; index++) {
        const code = chunk.charCodeAt(index);
        if (scalar) {
          if (code === COMMA || code === CLOSE_BRACKET || code === CLOSE_BRACE || isSpace(code)) {
            done = true;
            break;
          }
        } else if (inString) {
          if (escaped) escaped = false;
          else if (code === BACKSLASH) escaped = true;
          else if (code === QUOTE) {
            inString = false;
            if (depth === 0) {
              index++;
              done = true;
              break;
            }
          }
        } else if (code === QUOTE) inString = true;
        else if (code === OPEN_BRACE || code === OPEN_BRACKET) depth++;
        else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
          depth--;
          if (depth <= 0) {
            index++;
            done = true;
            break;
          }
        }
      }
      this.advanceTo(index);
      text += chunk.slice(start, index);
      if (text.length > JSON_VALUE_CHARS_MAX)
        this.fail(
          `the history is too large: a value longer than ${JSON_VALUE_CHARS_MAX.toLocaleString('en-US')} characters`,
          at,
        );
    }
    if (text.length === 0) this.fail('the text ends where a value should be');
    return text;
  }

  /** Moves to `index` of the current chunk, counting the lines passed. */
  private advanceTo(index: number): void {
    for (let at = this.chunk.indexOf('\n', this.index); at >= 0 && at < index;) {
      this.line++;
      this.column = 1;
      this.index = at + 1;
      at = this.chunk.indexOf('\n', this.index);
    }
    this.column += index - this.index;
    this.index = index;
  }
}

const [QUOTE, BACKSLASH, COMMA] = ['"', '\\', ','].map((text) => text.charCodeAt(0)) as [
  number,
  number,
  number,
];
const [OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET, CLOSE_BRACKET] = ['{', '}', '[', ']'].map((text) =>
  text.charCodeAt(0),
) as [number, number, number, number];

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function isContainerOrString(character: string | undefined): boolean {
  return character === '{' || character === '[' || character === '"';
}
