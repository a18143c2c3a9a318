import { HistoryFormatError } from './history-format-error.ts';
import { exactNumber } from './json-reader.ts';

/** An edn keyword such as `:invoke`, kept apart from strings. */
export interface EdnKeyword {
  readonly keyword: string;
}

/** The edn values a history line may contain. Maps are keyed by keyword name. */
export type EdnValue =
  null | boolean | number | bigint | string | EdnKeyword | readonly EdnValue[] | EdnMap;

/** An edn map whose keys are keywords, by keyword name. */
export type EdnMap = ReadonlyMap<string, EdnValue>;

/** One line of an edn history: the map it holds and its line number. */
export interface EdnLine {
  readonly line: number;
  readonly map: EdnMap;
}

/** Whether a value is a keyword (with this name, if given). */
export function isEdnKeyword(value: EdnValue | undefined, name?: string): value is EdnKeyword {
  return (
    typeof value === 'object' &&
    value !== null &&
    'keyword' in value &&
    (name === undefined || value.keyword === name)
  );
}

/** A short rendering of a value for messages. */
export function describeEdnValue(value: EdnValue | undefined): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'nil';
  if (isEdnKeyword(value)) return `:${value.keyword}`;
  if (Array.isArray(value))
    return `[${value.map((item: EdnValue) => describeEdnValue(item)).join(' ')}]`;
  if (value instanceof Map) return '{…}';
  if (typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

/**
 * Reads an edn history: one map per line, in the subset of edn that Jepsen and Porcupine
 * histories use (keywords, strings, numbers, nil, booleans, vectors, lists, maps with
 * keyword keys). Blank lines and `;` comments are skipped. Malformed input throws
 * {@link HistoryFormatError} with the line and column.
 */
export function readEdnLines(text: string): EdnLine[] {
  return [...ednLines(text.split('\n'))];
}

/**
 * The same, one line at a time, from the file's lines (without their line breaks): a reader
 * of a large file keeps only the line at hand.
 */
export function* ednLines(lines: Iterable<string>): Generator<EdnLine> {
  let number = 0;
  for (const content of lines) {
    number++;
    const reader = new LineReader(content, number);
    reader.skipSpace();
    if (reader.atEnd()) continue;
    const value = reader.value();
    reader.skipSpace();
    if (!reader.atEnd()) reader.fail('unexpected text after the map');
    if (!(value instanceof Map))
      reader.fail('each line must be one map, such as {:process 0, :type :invoke, ...}', 1);
    yield { line: number, map: value as EdnMap };
  }
}

const SYMBOL_CHARACTER = /[A-Za-z0-9*+!\-_?<>=/.#:']/;
const CLOSERS: Record<string, string> = { '[': ']', '(': ')' };
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' };
/**
 * Deeper nesting than this is refused rather than risking the stack (the JSON reader's limit too).
 */
const DEPTH_MAX = 512;

/** A cursor over one line; columns in messages are 1-based. */
class LineReader {
  private position = 0;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly line: number,
  ) {}

  atEnd(): boolean {
    return this.position >= this.text.length;
  }

  fail(reason: string, column = this.position + 1): never {
    throw new HistoryFormatError(reason, this.line, column);
  }

  /** Skips whitespace, commas (whitespace in edn) and a trailing comment. */
  skipSpace(): void {
    while (!this.atEnd()) {
      const character = this.text[this.position] as string;
      if (character === ';') this.position = this.text.length;
      else if (character === ',' || /\s/.test(character)) this.position++;
      else return;
    }
  }

  value(): EdnValue {
    this.skipSpace();
    const character = this.text[this.position];
    if (character === undefined) this.fail('the line ends where a value should be');
    if (character === '{') return this.nested(() => this.map());
    if (character === '[' || character === '(')
      return this.nested(() => this.sequence(CLOSERS[character] as string));
    if (character === '"') return this.string();
    if (character === ':') return { keyword: this.symbol().slice(1) };
    if (SYMBOL_CHARACTER.test(character)) return this.atom();
    return this.fail(`unexpected character ${JSON.stringify(character)}`);
  }

  private nested<T>(read: () => T): T {
    if (++this.depth > DEPTH_MAX) this.fail(`nesting deeper than ${DEPTH_MAX}`);
    const value = read();
    this.depth--;
    return value;
  }

  private map(): EdnMap {
    const map = new Map<string, EdnValue>();
    this.position++;
    for (;;) {
      this.skipSpace();
      if (this.atEnd()) this.fail('the map is not closed with }');
      if (this.text[this.position] === '}') break;
      const keyColumn = this.position + 1;
      const key = this.value();
      if (!isEdnKeyword(key))
        this.fail(`map keys must be keywords, not ${describeEdnValue(key)}`, keyColumn);
      if (map.has(key.keyword)) this.fail(`duplicate key :${key.keyword}`, keyColumn);
      this.skipSpace();
      if (this.atEnd() || this.text[this.position] === '}')
        this.fail(`the key :${key.keyword} has no value`);
      map.set(key.keyword, this.value());
    }
    this.position++;
    return map;
  }

  private sequence(closer: string): EdnValue[] {
    const items: EdnValue[] = [];
    this.position++;
    for (;;) {
      this.skipSpace();
      if (this.atEnd()) this.fail(`the sequence is not closed with ${closer}`);
      if (this.text[this.position] === closer) break;
      items.push(this.value());
    }
    this.position++;
    return items;
  }

  private string(): string {
    const start = this.position;
    let result = '';
    this.position++;
    for (;;) {
      const character = this.text[this.position];
      if (character === undefined) this.fail('the string is not closed with "', start + 1);
      this.position++;
      if (character === '"') return result;
      if (character !== '\\') {
        result += character;
        continue;
      }
      const escaped = this.text[this.position];
      const replacement = escaped === undefined ? undefined : ESCAPES[escaped];
      if (replacement === undefined) this.fail(`unknown escape \\${escaped ?? ''}`, this.position);
      result += replacement;
      this.position++;
    }
  }

  private symbol(): string {
    const start = this.position;
    this.position++;
    while (!this.atEnd() && SYMBOL_CHARACTER.test(this.text[this.position] as string))
      this.position++;
    if (this.position === start + 1 && this.text[start] === ':')
      this.fail('a keyword needs a name', start + 1);
    return this.text.slice(start, this.position);
  }

  private atom(): EdnValue {
    const column = this.position + 1;
    const symbol = this.symbol();
    if (symbol === 'nil') return null;
    if (symbol === 'true') return true;
    if (symbol === 'false') return false;
    // Integers beyond 2^53 are kept exact (a bigint), as in the JSON reader.
    if (/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?N?M?$/.test(symbol))
      return exactNumber(symbol.replace(/[NM]$/, '').replace(/^\+/, ''));
    return this.fail(
      `unexpected symbol ${symbol} (expected a keyword, string, number, nil, true or false)`,
      column,
    );
  }
}
