import type { Model } from '../search/model.ts';
import type { SearchReport } from './search-report.ts';

/**
 * A saved search trace whose path cannot be of this test: it names nodes the phase's model
 * does not have, or records other nodes than the model has. Replay refuses such a trace
 * (the command line: one line, exit 2) instead of reporting the code as diverging from it.
 * `executeTest` lets it through rather than failing the test: the trace is wrong, not the code.
 */
export class RecordedPathError extends Error {
  override readonly name = 'RecordedPathError';
}

/**
 * Throws {@link RecordedPathError} unless every recorded event names only nodes of `model`,
 * and the recorded node list (if any) is the model's. Models without nodes pass as they are.
 */
export function checkRecordedNodes<State, Event>(
  model: Model<State, Event>,
  recorded: SearchReport,
  phase: number,
): void {
  const names = model.nodeNames;
  if (names === undefined) return;
  const nodes = names.all();
  const where = `search phase ${phase} ("${recorded.description}")`;
  if (recorded.nodes !== undefined && recorded.nodes.join(' ') !== nodes.join(' '))
    throw new RecordedPathError(
      `the trace's ${where} has nodes ${recorded.nodes.join(' ')}, but the test's search has ${nodes.join(' ')}`,
    );
  const known = new Set(nodes);
  (recorded.pathKeys ?? []).forEach((key, step) => {
    const named = names.inKey(key);
    if (named === undefined)
      throw new RecordedPathError(
        `step ${step + 1} of the trace's ${where} is not an event of the test's search: ${JSON.stringify(key.slice(0, 80))}`,
      );
    const unknown = named.find((node) => !known.has(node));
    if (unknown !== undefined)
      throw new RecordedPathError(
        `step ${step + 1} of the trace's ${where} names node ${JSON.stringify(unknown)}, which the test's search does not have (${nodes.join(' ')})`,
      );
  });
}
