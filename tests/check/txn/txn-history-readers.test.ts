import { describe, expect, it } from 'vitest';
import { txnEventsFromEdn, txnEventsFromJson } from '../../../framework/check/txn/index.ts';
import { errorOf } from '../../fixtures/history-format-error.ts';

const JSON_TEXT = `{"format": "tslabs-txn-history", "version": 1, "events": [
  {"process": 0, "type": "invoke", "value": [["append", "x", 1], ["r", "y", null]]},
  {"process": 0, "type": "ok", "value": [["append", "x", 1], ["r", "y", [2, 3]]]},
  {"process": "p1", "type": "fail"}
]}`;

const EDN_TEXT = `{:process 0, :type :invoke, :f :txn, :value [[:append :x 1] [:r :y nil]]}
{:process 0, :type :ok, :f :txn, :value [[:append :x 1] [:r :y [2 3]]]}`;

/** The text in pieces of `size` characters, as a file reader hands them over. */
function* piecesOf(text: string, size: number): Generator<string> {
  for (let start = 0; start < text.length; start += size) yield text.slice(start, start + size);
}

describe('transactional history readers read a piece at a time', () => {
  it('read the same events from JSON in pieces of any size as from the whole text', () => {
    const whole = txnEventsFromJson(JSON_TEXT);
    expect(whole.map((event) => [event.process, event.type, event.line])).toEqual([
      [0, 'invoke', 2],
      [0, 'ok', 3],
      ['p1', 'fail', 4],
    ]);
    for (const size of [1, 7, 64])
      expect(txnEventsFromJson(piecesOf(JSON_TEXT, size))).toEqual(whole);
  });

  it('read the same events from edn lines as from the whole text', () => {
    expect(txnEventsFromEdn(EDN_TEXT.split('\n'))).toEqual(txnEventsFromEdn(EDN_TEXT));
    expect(txnEventsFromEdn(EDN_TEXT)).toHaveLength(2);
  });

  it('say where a streamed JSON history goes wrong, and that it needs "events"', () => {
    const error = errorOf(() =>
      txnEventsFromJson(piecesOf('{"events": [{"process": 0, "type": "invoke", "f": 1}]}', 5)),
    );
    expect(error.message).toBe('line 1, column 46: unknown member "f"');
    expect(errorOf(() => txnEventsFromJson('{"version": 1}')).message).toContain(
      'the history must be a JSON object with "events"',
    );
    expect(errorOf(() => txnEventsFromJson('[]')).message).toContain(
      'the history must be a JSON object with "events"',
    );
  });
});
