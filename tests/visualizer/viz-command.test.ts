import { spawn, spawnSync } from 'node:child_process';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startVisualizer } from '../../framework/cli/viz-server.ts';
import { serializeTrace } from '../../framework/trace/trace-file.ts';
import type { TraceWithSteps } from '../../framework/trace/trace-steps.ts';
import { pingPongLab } from '../../labs/pingpong/index.ts';
import { brokenSearchTest, unreachableGoalTest } from './broken-lab.ts';
import { failureSession } from '../../framework/cli/viz-failure.ts';
import { traceOf } from './broken-trace.ts';

/** The course's labs, bundled into the page as `tslabs viz` bundles them. */
const COURSE_LABS = new URL('../../labs/index.ts', import.meta.url).href;

const REPOSITORY_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'tslabs-viz-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function tslabs(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['bin/tslabs.js', ...args], {
    cwd: REPOSITORY_ROOT,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Starts `tslabs viz ARGS --no-open`, waits for the URL it prints, and returns it with a way to
 * stop it.
 */
async function serve(
  ...args: string[]
): Promise<{ url: string; output: string; stop: () => void }> {
  const child = spawn(process.execPath, ['bin/tslabs.js', 'viz', ...args, '--no-open'], {
    cwd: REPOSITORY_ROOT,
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${output}`)), 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /tslabs visualizer: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', () => reject(new Error(`tslabs viz exited: ${output}`)));
  });
  return { url, output, stop: () => child.kill() };
}

describe('tslabs viz', () => {
  it('serves a trace on 127.0.0.1 at a free port: the page, its script, the session and the trace', async () => {
    const file = join(scratch, 'broken.json');
    writeFileSync(file, serializeTrace(traceOf(brokenSearchTest, 1)));
    const server = await serve(file);
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const page = await fetch(server.url);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(await page.text()).toContain('<script type="module" src="/app.js">');
      expect(await (await fetch(`${server.url}api/session`)).json()).toEqual({
        mode: 'trace',
        file,
      });
      const trace = (await (await fetch(`${server.url}api/trace`)).json()) as TraceWithSteps;
      expect(trace.steps?.timelines[0]?.steps.length).toBe(3);
      const script = await fetch(`${server.url}app.js`);
      expect(script.headers.get('content-type')).toContain('javascript');
      expect((await script.text()).length).toBeGreaterThan(50_000);
      expect((await fetch(`${server.url}nothing`)).status).toBe(404);
    } finally {
      server.stop();
    }
  });

  it('answers only requests for its own host (DNS rebinding), with nosniff and a restrictive CSP', async () => {
    const server = await startVisualizer({
      labsModule: COURSE_LABS,
      session: { mode: 'trace' },
      traceText: serializeTrace(traceOf(brokenSearchTest, 1)),
    });
    try {
      const { port } = new URL(server.url);
      const foreign = await getWithHost(server.url, 'app.js.map', 'evil.example');
      expect(foreign.status).toBe(403);
      expect(foreign.body).not.toContain('sourcesContent');
      expect((await getWithHost(server.url, 'app.js.map', `evil.example:${port}`)).status).toBe(
        403,
      );
      expect((await getWithHost(server.url, 'api/trace', `127.0.0.2:${port}`)).status).toBe(403);
      for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
        const own = await getWithHost(server.url, 'app.js.map', host);
        expect(own.status).toBe(200);
        expect(own.body).toContain('sourcesContent');
        expect(own.headers['x-content-type-options']).toBe('nosniff');
        const policy = String(own.headers['content-security-policy']);
        expect(policy).toContain("default-src 'none'");
        expect(policy).toContain("script-src 'self'");
        expect(policy).not.toContain('unsafe');
      }
      expect(foreign.headers['x-content-type-options']).toBe('nosniff');
    } finally {
      await server.close();
    }
  });

  it('records the steps of an old trace without them by running its test again from the seed', async () => {
    const trace = traceOf(pingPongLab.tests[0] as never, 1, '0');
    const { steps: _steps, ...withoutSteps } = trace;
    const file = join(scratch, 'old.json');
    writeFileSync(file, serializeTrace(withoutSteps));
    const server = await serve(file);
    try {
      expect(server.output).toContain(
        'has no per-step snapshots: recorded them by running lab 0 test 1.1 again with seed 1',
      );
      const served = (await (await fetch(`${server.url}api/trace`)).json()) as TraceWithSteps;
      expect(served.steps?.timelines[0]?.steps.length).toBe(
        trace.steps?.timelines[0]?.steps.length,
      );
    } finally {
      server.stop();
    }
  });

  it('serves explore mode for a lab, with the options checked', async () => {
    const server = await serve('--lab', 'clientserver', '--clients', '2', '--workload', 'same-key');
    try {
      expect(await (await fetch(`${server.url}api/session`)).json()).toEqual({
        mode: 'explore',
        explore: {
          kind: 'lab',
          lab: '1',
          servers: 1,
          clients: 2,
          workload: 'same-key',
          seed: 1,
          counts: {},
          texts: {},
        },
      });
    } finally {
      server.stop();
    }
  });

  it("serves explore mode on the lab variant asked for, or the lab's default", async () => {
    for (const [args, variant] of [
      [['--variant', 'basic'], 'basic'],
      [[], 'optimized'],
    ] as const) {
      const server = await serve('--lab', '3', ...args);
      try {
        expect(await (await fetch(`${server.url}api/session`)).json()).toMatchObject({
          mode: 'explore',
          explore: { kind: 'lab', lab: '3', variant, workload: 'one-append' },
        });
      } finally {
        server.stop();
      }
    }
  });

  it("serves explore mode with a lab's own options: lab 4's groups and config script", async () => {
    const server = await serve(
      '--lab',
      '4',
      '--groups',
      '2',
      '--shard-masters',
      '3',
      '--config-script',
      'JOIN:1,JOIN:2,MOVE:2:3',
    );
    try {
      expect(await (await fetch(`${server.url}api/session`)).json()).toEqual({
        mode: 'explore',
        explore: {
          kind: 'lab',
          lab: '4',
          variant: '2pl-no-wait',
          servers: 1,
          clients: 1,
          workload: 'one-append',
          seed: 1,
          counts: { groups: 2, 'shard-masters': 3, shards: 4 },
          texts: { 'config-script': 'JOIN:1,JOIN:2,MOVE:2:3' },
        },
      });
    } finally {
      server.stop();
    }
  });

  it('refuses bad input with one line and exit code 2', () => {
    const spoilt = JSON.parse(serializeTrace(traceOf(brokenSearchTest, 1))) as {
      steps: { timelines: { steps: { event: Record<string, unknown> }[] }[] };
    };
    spoilt.steps.timelines[0]!.steps[0]!.event.timeMs = 'soon';
    const spoiltFile = join(scratch, 'spoilt-steps.json');
    writeFileSync(spoiltFile, JSON.stringify(spoilt));
    const cases: [string[], string][] = [
      [
        ['viz', spoiltFile],
        `tslabs: ${spoiltFile}: the trace's steps.timelines[0].steps[0].event.timeMs must be a number`,
      ],
      [
        ['viz'],
        'tslabs: give a trace FILE to show, or --lab L to explore a lab (see `tslabs list`)',
      ],
      [
        ['viz', join(scratch, 'missing.json')],
        `tslabs: ${join(scratch, 'missing.json')}: no such file`,
      ],
      [['viz', '--lab', '9'], 'tslabs: unknown lab "9"; labs:'],
      [
        ['viz', '--lab', '1', '--servers', '3'],
        'tslabs: --servers must be exactly 1 for this lab; got 3',
      ],
      [['viz', '--lab', '1', '--workload', 'nope'], 'tslabs: unknown workload "nope"'],
      [['viz', '--lab', '1', '--port', '70000'], 'tslabs: --port must be a port number, got 70000'],
      [
        ['viz', '--lab', '4', '--config-script', 'JOIN:x'],
        'tslabs: --config-script: config script, command 1 "JOIN:x": the group must be 1, not "x"',
      ],
      [
        ['viz', '--lab', '4', '--groups', '2', '--config-script', 'JOIN:1,MOVE:2'],
        'tslabs: --config-script: config script, command 2 "MOVE:2": takes two numbers, as in MOVE:g:shard',
      ],
      [
        ['viz', '--lab', '4', '--config-script', 'JOIN:1', '--config-script', 'JOIN:2'],
        'tslabs: give --config-script once',
      ],
      [['viz', '--lab', '4', '--groups', '5'], 'tslabs: --groups must be from 1 to 4 for this lab'],
      [['viz', '--lab', '1', '--groups', '2'], 'tslabs: --groups is not an option of this lab'],
      [
        ['viz', '--lab', '3', '--variant', 'fast'],
        'tslabs: unknown variant "fast"; this lab has: optimized, basic',
      ],
      [
        ['viz', '--lab', '1', '--variant', 'basic'],
        'tslabs: this lab has no variants; got --variant basic',
      ],
      [
        ['viz', '--lab', '3', '--variant', 'basic', '--variant', 'optimized'],
        'give --variant once',
      ],
    ];
    for (const [args, message] of cases) {
      const result = tslabs(...args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toContain(message);
    }
  });

  it('says when a chosen port is taken', async () => {
    const first = await startVisualizer({
      labsModule: COURSE_LABS,
      session: { mode: 'trace' },
      traceText: '{}',
    });
    try {
      const port = new URL(first.url).port;
      await expect(
        startVisualizer({
          labsModule: COURSE_LABS,
          session: { mode: 'trace' },
          port: Number(port),
        }),
      ).rejects.toThrow(`port ${port} is in use`);
    } finally {
      await first.close();
    }
  });
});

describe('tslabs test --viz', () => {
  it('shows a failed test trace, or explores the start of a search whose goal was not reached', () => {
    expect(failureSession(traceOf(brokenSearchTest, 1))).toEqual({ mode: 'trace' });
    const unreached = traceOf(unreachableGoalTest, 4);
    expect(unreached.steps?.timelines.map((timeline) => timeline.title)).toEqual([
      'client done: space exhausted',
    ]);
    expect(failureSession(unreached)).toEqual({
      mode: 'explore',
      explore: { kind: 'test', lab: '1', part: 9, test: 2, seed: 4, phase: 0 },
    });
    expect(failureSession(traceOf(pingPongLab.tests[0] as never, 1, '0'))).toEqual({
      mode: 'trace',
    });
  });
});

/**
 * GETs `path` of the server with a Host header of our choosing (fetch does not let a caller set
 * it).
 */
function getWithHost(
  base: string,
  path: string,
  host: string,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(new URL(path, base), { headers: { host } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
      );
    });
    request.on('error', reject);
    request.end();
  });
}
