import { kvHistoryFromEdn, registerHistoryFromEdn, type EdnText } from './edn-history.ts';
import { parseJsonHistory } from './json-history.ts';
import { kvSpec, type MissingKeyModel } from './kv-spec.ts';
import type { History } from './operation.ts';
import { registerSpec } from './register-spec.ts';
import type { AnySequentialSpec } from './sequential-spec.ts';
import { txnKVSpec } from './txn-kv-spec.ts';

/** The specifications a history file can be checked against. */
export const SPEC_NAMES = ['kv', 'register', 'txn-kv'] as const;
export type SpecName = (typeof SPEC_NAMES)[number];

/** The history file formats. */
export const HISTORY_FORMATS = ['edn', 'json'] as const;
export type HistoryFormat = (typeof HISTORY_FORMATS)[number];

/**
 * The format a file name implies: `.edn` and `.txt` (Porcupine's data) are edn, `.json` is JSON.
 */
export function formatOfFileName(fileName: string): HistoryFormat | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.edn') || lower.endsWith('.txt')) return 'edn';
  if (lower.endsWith('.json')) return 'json';
  return undefined;
}

/** Options of {@link loadHistory}. */
export interface LoadOptions {
  /**
   * How a missing key reads in the KV specifications. Default: `empty` for edn (the model
   * of Porcupine's and Jepsen's histories), `not-found` for JSON (our KV application).
   */
  readonly missingKey?: MissingKeyModel;
}

/** A parsed history and the specification to check it against. */
export interface LoadedHistory {
  readonly history: History<unknown, unknown>;
  readonly spec: AnySequentialSpec;
}

/**
 * Parses a history file's text for a specification. Malformed text, and operations the
 * specification does not understand, throw `HistoryFormatError` with the line. A large file may
 * come in pieces, read one at a time: an edn history as its lines, a JSON one as chunks of text.
 */
export function loadHistory(
  text: EdnText,
  format: HistoryFormat,
  specName: SpecName,
  options: LoadOptions = {},
): LoadedHistory {
  const missingKey = options.missingKey ?? (format === 'edn' ? 'empty' : 'not-found');
  const spec = specNamed(specName, missingKey);
  if (format === 'json')
    return { history: parseJsonHistory(text, spec.validateOperation?.bind(spec)), spec };
  return {
    history: specName === 'register' ? registerHistoryFromEdn(text) : kvHistoryFromEdn(text),
    spec,
  };
}

function specNamed(name: SpecName, missingKey: MissingKeyModel): AnySequentialSpec {
  switch (name) {
    case 'kv':
      return kvSpec({ missingKey });
    case 'register':
      return registerSpec();
    case 'txn-kv':
      return txnKVSpec({ missingKey });
  }
}
