import { HistoryFormatError } from './history-format-error.ts';

/** A place in a text, 1-based. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/** Parsed JSON that remembers where each object, array and object member came from. */
export interface JsonDocument {
  readonly value: unknown;
  /** Where an object or array of this document starts. */
  positionOf(container: object): TextPosition | undefined;
  /** Where member `key` of an object of this document starts (its quoted name). */
  memberPosition(object: object, key: string): TextPosition | undefined;
}

/**
 * Parses JSON (RFC 8259) and keeps positions (integers beyond 2^53 become `bigint`: see
 * {@link exactNumber}), so that a file's problems — bad syntax, but
 * also a wrong field found later — can be reported at their line and column. Syntax errors
 * throw {@link HistoryFormatError}. `origin` is where the text starts in its file, for a part of
 * a file (see json-stream.ts): positions are the file's.
 */
export function readJson(text: string, origin?: TextPosition): JsonDocument {
  const parser = new JsonParser(text, origin ?? { line: 1, column: 1 });
  const value = parser.document();
  return {
    value,
    positionOf: (container) => parser.containers.get(container),
    memberPosition: (object, key) => parser.members.get(object)?.get(key),
  };
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
/** Deeper nesting than this is refused rather than risking the stack. */
const DEPTH_MAX = 512;

class JsonParser {
  readonly containers = new WeakMap<object, TextPosition>();
  readonly members = new WeakMap<object, Map<string, TextPosition>>();
  private position = 0;
  private depth = 0;
  /** Offsets where lines start, for turning offsets into line and column. */
  private readonly lineStarts: number[] = [0];

  constructor(
    private readonly text: string,
    /** Where the text starts in its file: a part of a file read a piece at a time. */
    private readonly origin: TextPosition,
  ) {
    for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1))
      this.lineStarts.push(index + 1);
  }

  document(): unknown {
    const value = this.value();
    this.skipWhitespace();
    if (this.position < this.text.length) this.fail('unexpected text after the JSON value');
    return value;
  }

  private here(at = this.position): TextPosition {
    // The last line start at or before `at`, by binary search.
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if ((this.lineStarts[middle] as number) <= at) low = middle;
      else high = middle - 1;
    }
    const column = at - (this.lineStarts[low] as number) + 1;
    return {
      line: this.origin.line + low,
      column: low === 0 ? this.origin.column + column - 1 : column,
    };
  }

  private fail(reason: string, at = this.position): never {
    const { line, column } = this.here(at);
    throw new HistoryFormatError(reason, line, column);
  }

  private skipWhitespace(): void {
    while (this.position < this.text.length && WHITESPACE.has(this.text[this.position] as string))
      this.position++;
  }

  private value(): unknown {
    this.skipWhitespace();
    const character = this.text[this.position];
    switch (character) {
      case undefined:
        return this.fail('the text ends where a value should be');
      case '{':
        return this.nested(() => this.object());
      case '[':
        return this.nested(() => this.array());
      case '"':
        return this.string();
      default:
        return this.literal();
    }
  }

  private nested<T>(parse: () => T): T {
    if (++this.depth > DEPTH_MAX) this.fail(`nesting deeper than ${DEPTH_MAX}`);
    const value = parse();
    this.depth--;
    return value;
  }

  private object(): Record<string, unknown> {
    const object: Record<string, unknown> = {};
    const members = new Map<string, TextPosition>();
    this.containers.set(object, this.here());
    this.members.set(object, members);
    this.position++;
    this.skipWhitespace();
    if (this.text[this.position] === '}') {
      this.position++;
      return object;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.position] !== '"') this.fail('expected a member name in double quotes');
      const keyAt = this.position;
      const keyPosition = this.here();
      const key = this.string();
      if (Object.hasOwn(object, key)) this.fail(`duplicate member ${JSON.stringify(key)}`, keyAt);
      this.skipWhitespace();
      if (this.text[this.position] !== ':') this.fail('expected : after the member name');
      this.position++;
      members.set(key, keyPosition);
      // Defined, not assigned: assigning "__proto__" would set the object's prototype, and its
      // members would then be read as the operation's without being an own member anyone checks.
      Object.defineProperty(object, key, {
        value: this.value(),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      if (this.endOf('}')) return object;
    }
  }

  private array(): unknown[] {
    const array: unknown[] = [];
    this.containers.set(array, this.here());
    this.position++;
    this.skipWhitespace();
    if (this.text[this.position] === ']') {
      this.position++;
      return array;
    }
    for (;;) {
      array.push(this.value());
      if (this.endOf(']')) return array;
    }
  }

  /** After a member or element: consumes a comma (false) or the closer (true). */
  private endOf(closer: string): boolean {
    this.skipWhitespace();
    const character = this.text[this.position];
    this.position++;
    if (character === ',') return false;
    if (character === closer) return true;
    return this.fail(
      character === undefined ? `the text ends before ${closer}` : `expected , or ${closer}`,
      this.position - 1,
    );
  }

  private string(): string {
    const start = this.position;
    let result = '';
    this.position++;
    for (;;) {
      const character = this.text[this.position];
      if (character === undefined || character === '\n')
        this.fail('the string is not closed with "', start);
      this.position++;
      if (character === '"') return result;
      if (character < ' ')
        this.fail('control characters must be escaped in strings', this.position - 1);
      if (character !== '\\') {
        result += character;
        continue;
      }
      const escaped = this.text[this.position] ?? '';
      this.position++;
      if (escaped === 'u') {
        const hex = this.text.slice(this.position, this.position + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex))
          this.fail('\\u needs four hexadecimal digits', this.position - 2);
        result += String.fromCharCode(parseInt(hex, 16));
        this.position += 4;
        continue;
      }
      const replacement = ESCAPES[escaped];
      if (replacement === undefined) this.fail(`unknown escape \\${escaped}`, this.position - 2);
      result += replacement;
    }
  }

  private literal(): unknown {
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.text.startsWith(word, this.position)) {
        this.position += word.length;
        return value;
      }
    }
    NUMBER.lastIndex = this.position;
    const match = NUMBER.exec(this.text);
    if (match === null)
      return this.fail(`unexpected character ${JSON.stringify(this.text[this.position])}`);
    this.position += match[0].length;
    return exactNumber(match[0]);
  }
}

/**
 * A JSON number: a `number`, except an integer written beyond 2^53 - 1 in magnitude, which
 * a double would round (9007199254740993 reads as ...992). Such an integer is a `bigint`,
 * so that two different ones never compare equal.
 */
export function exactNumber(text: string): number | bigint {
  const value = Number(text);
  if (Number.isSafeInteger(value) || !/^-?\d+$/.test(text)) return value;
  return BigInt(text);
}

/**
 * A value read from a file, written for a message: JSON, except that a bigint (which
 * `JSON.stringify` refuses with a TypeError) is written as its digits.
 */
export function describeJsonValue(value: unknown): string {
  if (typeof value === 'bigint') return String(value);
  // Nested ones are written as strings of their digits: JSON has nothing better.
  return (
    JSON.stringify(value, (_key, item: unknown) =>
      typeof item === 'bigint' ? String(item) : item,
    ) ?? String(value)
  );
}
