import type { Lab, LabTest } from '../lab/lab-test.ts';
import { UsageError } from './usage-error.ts';

/**
 * Which tests of a lab to run, from `--part P` and `--test N,M` (or `--test P.N`).
 * A number that matches nothing is a usage error, not an empty run.
 */
export function selectTests(
  lab: Lab,
  part: number | undefined,
  testSpecs: readonly string[],
): LabTest[] {
  if (part !== undefined && !lab.tests.some((test) => test.part === part)) {
    throw new UsageError(
      `lab ${lab.id} has no part ${part} (parts: ${[...new Set(lab.tests.map((test) => test.part))].join(', ')})`,
    );
  }
  const inPart = lab.tests.filter((test) => part === undefined || test.part === part);
  if (testSpecs.length === 0) return inPart;
  const selected: LabTest[] = [];
  for (const spec of testSpecs) {
    const match = /^(?:(\d+)\.)?(\d+)$/.exec(spec.trim());
    if (match === null)
      throw new UsageError(
        `invalid test number ${JSON.stringify(spec)}: use N or PART.N, e.g. --test 2 or --test 3.2`,
      );
    if (match[1] !== undefined && part !== undefined && Number(match[1]) !== part) {
      throw new UsageError(
        `--part ${part} and --test ${spec.trim()} name different parts: give --test ${spec.trim()} without --part, or --part ${part} with --test N`,
      );
    }
    const specPart = match[1] === undefined ? part : Number(match[1]);
    const number = Number(match[2]);
    const candidates = lab.tests.filter(
      (test) => test.number === number && (specPart === undefined || test.part === specPart),
    );
    if (candidates.length === 0) {
      throw new UsageError(
        `lab ${lab.id} has no test ${specPart === undefined ? '' : `${specPart}.`}${number}`,
      );
    }
    if (candidates.length > 1) {
      throw new UsageError(
        `lab ${lab.id} has a test ${number} in parts ${candidates.map((test) => test.part).join(' and ')}: add --part P or write --test P.${number}`,
      );
    }
    for (const test of candidates) if (!selected.includes(test)) selected.push(test);
  }
  return selected;
}
