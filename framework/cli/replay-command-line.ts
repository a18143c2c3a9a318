import type { Lab, LabTest } from '../lab/lab-test.ts';

/**
 * The command that re-runs one test with one seed, as a failure prints it (the default variant is
 * left out).
 */
export function replayCommandLine(
  lab: Lab,
  test: LabTest,
  seed: number,
  variant: string | undefined,
): string {
  const variantFlag =
    variant === undefined || variant === lab.defaultVariant ? '' : ` --variant ${variant}`;
  return `npx tslabs test --lab ${lab.id}${variantFlag} --test ${test.part}.${test.number} --seed ${seed}`;
}
