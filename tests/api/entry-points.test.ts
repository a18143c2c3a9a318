import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
// Through the package's own name, as a user's code imports it: package.json `exports` resolves
// these, for vitest here and for `npm run typecheck` (which checks the type-only names below).
import * as node from 'tslabs';
import type {
  Address,
  AMOCommand,
  AMOResult,
  Application,
  Client,
  ClientNode,
  Message,
  MessageHandlers,
  Timer,
  TimerHandlers,
} from 'tslabs';
import * as testing from 'tslabs/testing';
import type { LabTest, Predicate, SearchRequest, TestContext } from 'tslabs/testing';
import * as engine from 'tslabs/engine';
import type { Model, ModelKind, SearchResult } from 'tslabs/engine';
import * as lincheck from 'tslabs/lincheck';
import type { History, KVCommand, KVResult, SequentialSpec } from 'tslabs/lincheck';
import * as trace from 'tslabs/trace';
import type { StepTimeline, Trace } from 'tslabs/trace';
import * as testingByPath from '../../framework/testing.ts';

const ROOT = new URL('../../', import.meta.url);
const packageJson = JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')) as {
  readonly name: string;
  readonly types: string;
  readonly exports: Record<string, string>;
};

/** The entry points docs/architecture.md documents: its table's import and file columns. */
function documentedEntryPoints(): Record<string, string> {
  const text = readFileSync(new URL('docs/architecture.md', ROOT), 'utf8');
  const rows = [...text.matchAll(/^\| `(tslabs(?:\/[a-z]+)?)` \| `([^`]+)` \|/gm)];
  return Object.fromEntries(rows.map(([, name = '', file = '']) => [name, file]));
}

/** The values each entry point's audience is documented to find there (types: see imports). */
const DOCUMENTED_VALUES: Record<string, { readonly module: object; readonly names: string[] }> = {
  tslabs: {
    module: node,
    names: ['address', 'addresses', 'Node', 'registerStateClass', 'AMOApplication', 'amoCommand'],
  },
  'tslabs/testing': {
    module: testing,
    names: [
      'labTest',
      'executeTest',
      'CheckFailure',
      'checkClientsDone',
      'checkResultsOk',
      'checkResultsLinearizable',
      'RESULTS_OK',
      'CLIENTS_DONE',
      'CLIENTS_DONE_PRUNE',
      'invariant',
      'goal',
      'prune',
      'nodesInvariant',
      'expectOutcome',
      'SystemBuilder',
      'SystemModel',
      'SystemState',
      'Simulation',
      'HandlerError',
      'scriptedWorkload',
      'infiniteWorkload',
      'exploreOptions',
    ],
  },
  'tslabs/engine': {
    module: engine,
    names: [
      'breadthFirstSearch',
      'randomProbeSearch',
      'replayPath',
      'minimizePath',
      'encode',
      'hashString64',
      'FingerprintSet',
      'SystemModel',
      'NODE_SYSTEM',
    ],
  },
  'tslabs/lincheck': {
    module: lincheck,
    names: ['checkLinearizability', 'kvSpec', 'registerSpec', 'historyFromClientEvents'],
  },
  'tslabs/trace': {
    module: trace,
    names: ['parseTrace', 'serializeTrace', 'SystemStepper', 'stateJson', 'TRACE_FORMAT'],
  },
};

describe('the entry points, through package.json exports', () => {
  it('are the ones docs/architecture.md documents, each mapped to its file', () => {
    expect(packageJson.name).toBe('tslabs');
    // For tools that read no `exports`: the node author's API.
    expect(packageJson.types).toBe(packageJson.exports['.']);
    const exported = Object.fromEntries(
      Object.entries(packageJson.exports).map(([key, file]) => [
        key === '.' ? 'tslabs' : `tslabs/${key.slice(2)}`,
        file.replace(/^\.\//, ''),
      ]),
    );
    expect(exported).toEqual(documentedEntryPoints());
    expect(Object.keys(exported).sort()).toEqual(Object.keys(DOCUMENTED_VALUES).sort());
  });

  it('export the documented names', () => {
    for (const [entry, { module, names }] of Object.entries(DOCUMENTED_VALUES)) {
      const missing = names.filter(
        (name) => (module as Record<string, unknown>)[name] === undefined,
      );
      expect(missing, entry).toEqual([]);
    }
  });

  it('are the same modules as the files they map to (one class, one instanceof)', () => {
    expect(testing.HandlerError).toBe(testingByPath.HandlerError);
    expect(testing.SystemModel).toBe(engine.SystemModel);
  });

  it('export the documented types (checked by the compiler)', () => {
    expectTypeOf<DocumentedTypes>().not.toBeNever();
  });

  it('resolve for plain Node with the tsx loader, as a user script runs', () => {
    const script = Object.keys(DOCUMENTED_VALUES)
      .map((entry) => `await import(${JSON.stringify(entry)});`)
      .join(' ');
    const output = execFileSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', `${script} console.log('resolved');`],
      { cwd: new URL('.', ROOT), encoding: 'utf8' },
    );
    expect(output.trim()).toBe('resolved');
  });
});

/** Compiles only if every documented type resolves through the entry points. */
type DocumentedTypes = [
  Address,
  AMOCommand,
  AMOResult,
  Application<Message, Message>,
  Client,
  ClientNode,
  MessageHandlers<Message>,
  Timer,
  TimerHandlers<Timer>,
  LabTest,
  Predicate<unknown>,
  SearchRequest<unknown, unknown>,
  TestContext,
  Model<unknown, unknown>,
  ModelKind<unknown, unknown, unknown>,
  SearchResult<unknown, unknown>,
  History<KVCommand, KVResult>,
  SequentialSpec<unknown, unknown, unknown>,
  StepTimeline,
  Trace,
];
