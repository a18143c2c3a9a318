import {
  MessageChannel,
  receiveMessageOnPort,
  Worker,
  type MessagePort,
} from 'node:worker_threads';
import type { ParallelSearches, PhasePosition } from '../lab/parallel-searches.ts';
import { replaySearchPhase } from '../lab/replay-search-phase.ts';
import type { SearchRequest } from '../lab/search-phase.ts';
import type { Model } from '../search/model.ts';
import { ProbeBoard } from '../search/parallel/probe-share.ts';
import type { RandomProbeOptions } from '../search/random-probe-search.ts';
import type { SearchProgress } from '../search/search-options.ts';
import type { SearchResult, SearchStatistics } from '../search/search-result.ts';
import type {
  SearchHelperMessage,
  SearchHelperSetup,
  SearchHelperTest,
} from './search-helper-protocol.ts';

const HELPER_ENTRY = new URL('../../bin/search-helper-worker.js', import.meta.url);
/** How often the waiting thread looks at the helpers' progress. */
const PROGRESS_POLL_MS = 250;

type DoneMessage = Extract<SearchHelperMessage, { kind: 'done' }>;

/**
 * `--workers N` for one test: its random phases run on N helper threads, each running the
 * test again to that phase (see search-helper-worker.ts) and its share of the probes
 * (search/parallel/probe-share.ts). The test's own thread waits for them, blocked (the
 * search is synchronous), reading their messages as they come; Ctrl-C or the test's time
 * limit terminates the test's thread, and its helpers with it.
 */
export class ThreadedSearches implements ParallelSearches {
  constructor(
    private readonly test: SearchHelperTest,
    private readonly workers: number,
    private readonly now: () => number,
  ) {}

  randomProbes<State, Event>(
    position: PhasePosition,
    request: SearchRequest<State, Event>,
    _model: Model<State, Event>,
    options: RandomProbeOptions<State, Event>,
  ): SearchResult<State, Event> | undefined {
    if (this.workers <= 1) return undefined;
    const start = this.now();
    const board = new ProbeBoard();
    const doneBuffer = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
    const ports: MessagePort[] = [];
    const helpers: Worker[] = [];
    for (let worker = 0; worker < this.workers; worker++) {
      const { port1, port2 } = new MessageChannel();
      const setup: SearchHelperSetup = {
        ...this.test,
        phase: position.index,
        earlier: position.earlier,
        worker,
        workers: this.workers,
        boardBuffer: board.buffer,
        doneBuffer,
        port: port2,
      };
      ports.push(port1);
      helpers.push(new Worker(HELPER_ENTRY, { workerData: setup, transferList: [port2] }));
    }
    try {
      const ends = this.awaitHelpers(ports, new Int32Array(doneBuffer), options.onProgress, start);
      return this.combine(position, request, ends, this.now() - start);
    } finally {
      for (const helper of helpers) void helper.terminate();
    }
  }

  /** Blocks until every helper is done, passing on their summed progress meanwhile. */
  private awaitHelpers(
    ports: readonly MessagePort[],
    done: Int32Array,
    onProgress: ((progress: SearchProgress) => void) | undefined,
    start: number,
  ): DoneMessage[] {
    const ends: DoneMessage[] = [];
    const progress = new Map<number, SearchProgress>();
    for (;;) {
      const seen = Atomics.load(done, 0);
      let moved = false;
      for (const port of ports)
        for (
          let received = receiveMessageOnPort(port);
          received !== undefined;
          received = receiveMessageOnPort(port)
        ) {
          const message = received.message as SearchHelperMessage;
          if (message.kind === 'missed')
            throw new Error(`search thread ${message.worker + 1}: ${message.reason}`);
          if (message.kind === 'done') ends.push(message);
          else {
            progress.set(message.worker, message.progress);
            moved = true;
          }
        }
      if (ends.length === ports.length) return ends;
      if (moved && onProgress !== undefined)
        onProgress(totalProgress([...progress.values()], this.now() - start));
      Atomics.wait(done, 0, seen, PROGRESS_POLL_MS);
    }
  }

  /** The search's result: the earliest finding, replayed here, or else how the shares ended. */
  private combine<State, Event>(
    position: PhasePosition,
    request: SearchRequest<State, Event>,
    ends: readonly DoneMessage[],
    elapsedMs: number,
  ): SearchResult<State, Event> {
    const statistics: SearchStatistics = {
      uniqueStates: sum(ends.map((end) => end.statistics.uniqueStates)),
      transitions: sum(ends.map((end) => end.statistics.transitions)),
      probes: sum(ends.map((end) => end.statistics.probes ?? 0)),
      depthReached: Math.max(...ends.map((end) => end.statistics.depthReached)),
      elapsedMs,
    };
    const found = ends
      .filter((end) => end.order !== undefined)
      .sort((a, b) => (BigInt(a.order!) < BigInt(b.order!) ? -1 : 1))[0];
    if (found === undefined) {
      const first = ends.find((end) => end.worker === 0) ?? ends[0]!;
      if (
        first.report.outcome === 'goal found' ||
        first.report.outcome === 'invariant violated' ||
        first.report.outcome === 'exception thrown'
      )
        throw new Error('parallel random search: a finding without its order');
      return { outcome: first.report.outcome, limit: first.limit, ...statistics };
    }
    const replayed = replaySearchPhase(request, found.report, position.index + 1, () => undefined);
    // The helper ran the same code from the same state: a path that does not replay here
    // means a handler or predicate that is not a function of its state.
    if (replayed === undefined)
      throw new Error(
        `parallel random search: the finding of search thread ${found.worker + 1} does not replay in the test's thread (is a handler nondeterministic? try --checks)`,
      );
    return { ...replayed, ...statistics };
  }
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** The helpers' progress as one search's: their states, events and probes summed. */
function totalProgress(parts: readonly SearchProgress[], elapsedMs: number): SearchProgress {
  const states = sum(parts.map((part) => part.states));
  const events = sum(parts.map((part) => part.events));
  const seconds = elapsedMs / 1000;
  return {
    states,
    events,
    depth: Math.max(...parts.map((part) => part.depth)),
    probes: sum(parts.map((part) => part.probes ?? 0)),
    elapsedMs,
    statesPerSecond: seconds > 0 ? states / seconds : undefined,
    eventsPerSecond: seconds > 0 ? events / seconds : undefined,
  };
}
