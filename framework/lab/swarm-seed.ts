import { describeFaultProfile, faultProfile } from './fault-profile.ts';
import { executeTest, type Lab, type LabTest } from './lab-test.ts';

/** How one swarm seed ended. */
export interface SwarmSeedResult {
  readonly seed: number;
  readonly passed: boolean;
  /** The failure's first line. */
  readonly reason?: string;
  /** The seed's fault profile, in one line. */
  readonly profile: string;
}

/**
 * Runs a lab's swarm scenario once under `seed`: the seed draws the fault profile and drives
 * the simulation (in streams of their own), so a seed replays exactly.
 */
export function runSwarmSeed(lab: Lab, seed: number): SwarmSeedResult {
  const scenario = lab.swarm;
  if (scenario === undefined) throw new RangeError(`lab ${lab.id} has no swarm scenario`);
  const profile = faultProfile(seed);
  const test: LabTest = {
    part: 1,
    number: 1,
    points: 0,
    kind: 'run',
    description: scenario.description,
    run: (context) => scenario.run(context, profile),
  };
  const execution = executeTest(test, { seed });
  const described = describeFaultProfile(profile);
  return execution.passed
    ? { seed, passed: true, profile: described }
    : {
        seed,
        passed: false,
        reason: (execution.failure ?? 'failed').split('\n')[0] ?? 'failed',
        profile: described,
      };
}
