import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../framework/cli/run-report.ts';
import { describeFaultProfile, faultProfile } from '../../framework/lab/fault-profile.ts';
import type { Lab } from '../../framework/lab/lab-test.ts';
import { runSwarmSeed } from '../../framework/lab/swarm-seed.ts';
import { clientServerLab } from '../../labs/clientserver/index.ts';
import { clientServerSwarm } from '../../labs/clientserver/swarm.ts';
import { noDuplicateSuppression } from '../clientserver/broken-servers.ts';

const REPOSITORY_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'tslabs-swarm-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function tslabs(...args: string[]) {
  const result = spawnSync(process.execPath, ['bin/tslabs.js', ...args], {
    cwd: REPOSITORY_ROOT,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('swarm fault profiles', () => {
  it('a seed draws the same profile every time, and seeds draw worlds of their own', () => {
    expect(faultProfile(17)).toEqual(faultProfile(17));
    const profiles = Array.from({ length: 200 }, (_, seed) => faultProfile(seed));
    expect(new Set(profiles.map(describeFaultProfile)).size).toBe(200);
    // The range covers calm worlds and hostile ones.
    expect(profiles.some((profile) => profile.network.deliveryRate === 1)).toBe(true);
    expect(profiles.some((profile) => profile.network.deliveryRate < 0.7)).toBe(true);
    expect(profiles.some((profile) => profile.partitions.length === 0)).toBe(true);
    expect(profiles.some((profile) => profile.partitions.length >= 3)).toBe(true);
    expect(new Set(profiles.map((profile) => profile.clients)).size).toBeGreaterThan(4);
    for (const profile of profiles)
      for (const window of [...profile.partitions, ...profile.crashes]) {
        expect(window.startMs).toBeLessThan(window.endMs);
        expect(window.endMs).toBeLessThanOrEqual(profile.faultyMs);
      }
  });

  it("lab 1's reference passes its swarm seeds; a server that executes retransmissions twice fails some", () => {
    for (let seed = 1; seed <= 20; seed++)
      expect(runSwarmSeed(clientServerLab, seed).passed).toBe(true);
    const broken: Lab = { ...clientServerLab, swarm: clientServerSwarm(noDuplicateSuppression) };
    const failing = Array.from({ length: 20 }, (_, index) =>
      runSwarmSeed(broken, index + 1),
    ).filter((result) => !result.passed);
    expect(failing.length).toBeGreaterThan(0);
    // A failing seed fails again, the same way: it replays.
    const again = runSwarmSeed(broken, failing[0]!.seed);
    expect(again).toEqual(failing[0]);
  });
});

describe('tslabs swarm', () => {
  it('runs a seed range over threads, sharded, with a report that merges', () => {
    const files = [1, 2].map((index) => join(scratch, `swarm-${index}.json`));
    for (const [index, file] of files.entries()) {
      const outcome = tslabs(
        'swarm',
        '--lab',
        '1',
        '--seeds',
        '1..6',
        '--workers',
        '2',
        '--shard',
        `${index + 1}/2`,
        '--report',
        file,
      );
      expect(outcome.status).toBe(0);
      expect(outcome.stdout).toMatch(/3 passed, 0 failed; [\d.]+ seeds\/s/);
    }
    const first = JSON.parse(readFileSync(files[0]!, 'utf8')) as RunReport;
    expect(first.entries.map((entry) => entry.name)).toEqual([
      'lab 1 seed 1',
      'lab 1 seed 3',
      'lab 1 seed 5',
    ]);
    expect(first.entries[0]!.replay).toBe('npx tslabs swarm --lab 1 --seeds 1..1');
    const merged = tslabs('merge-reports', ...files);
    expect(merged.status).toBe(0);
    expect(merged.stdout.trim()).toBe('6 passed, 0 failed (2 reports merged)');
  });

  it('a bad seed range, a bad shard or --workers 0 is one line and exit 2', () => {
    for (const [args, text] of [
      [['--seeds', '5..2'], 'invalid --seeds "5..2"'],
      [['--seeds', 'a..b'], 'invalid --seeds "a..b"'],
      [['--seeds', '1..3', '--shard', '3/2'], 'invalid --shard "3/2"'],
      [['--seeds', '1..3', '--workers', '0'], 'invalid --workers "0"'],
    ] as const) {
      const outcome = tslabs('swarm', '--lab', '1', ...args);
      expect(outcome.status).toBe(2);
      const lines = outcome.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(text);
    }
    expect(tslabs('swarm', '--lab', '0', '--seeds', '1..2').stderr).toContain(
      'lab 0 has no swarm scenario',
    );
  });
});
