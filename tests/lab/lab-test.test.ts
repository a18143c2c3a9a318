import { describe, expect, it } from 'vitest';
import { type LabTest, labTest, LabTestDefinitionError } from '../../framework/testing.ts';
import { labs } from '../../labs/index.ts';

const VALID: LabTest = {
  part: 1,
  number: 1,
  points: 5,
  kind: 'run',
  description: 'A test',
  run: () => undefined,
};

describe('labTest', () => {
  it('returns the definition it is given', () => {
    expect(labTest(VALID)).toBe(VALID);
  });

  it.each([
    [{ part: 0 }, 'lab test 0.1: the part must be a positive integer'],
    [{ number: 1.5 }, 'lab test 1.1.5: the number must be a positive integer'],
    [{ points: -1 }, 'lab test 1.1: points must be a number of at least 0'],
    [{ description: ' ' }, 'lab test 1.1: the description is empty'],
  ])('rejects %o with a typed error', (change, message) => {
    expect(() => labTest({ ...VALID, ...change })).toThrow(new LabTestDefinitionError(message));
  });
});

describe('the bundled labs', () => {
  it.each(labs.map((lab) => [lab.id, lab] as const))(
    'lab %s numbers each part 1, 2, 3, … in order',
    (_, lab) => {
      const parts = new Map<number, number[]>();
      for (const test of lab.tests)
        parts.set(test.part, [...(parts.get(test.part) ?? []), test.number]);
      for (const numbers of parts.values())
        expect(numbers).toEqual(numbers.map((_number, index) => index + 1));
    },
  );
});
