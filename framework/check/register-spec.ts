import { describeJsonValue } from './json-reader.ts';
import { isRecord } from './kv-commands.ts';
import type { SequentialSpec, StepResult } from './sequential-spec.ts';

/**
 * A value a register holds: JSON scalars, compared with `===`. An integer beyond 2^53 is
 * read from a file as a `bigint` (a double would round it), and compares exactly too.
 */
export type RegisterValue = string | number | bigint | boolean | null;

/**
 * A register value as messages and memo keys write it (JSON, and a bigint's digits with an `n`).
 */
function valueText(value: RegisterValue): string {
  return typeof value === 'bigint' ? `${value}n` : JSON.stringify(value);
}

/** Operations on a single register. */
export type RegisterCommand =
  | { readonly kind: 'Read' }
  | { readonly kind: 'Write'; readonly value: RegisterValue }
  /** Sets `value` if the register holds `expected`. */
  | {
      readonly kind: 'CompareAndSet';
      readonly expected: RegisterValue;
      readonly value: RegisterValue;
    };

/** The register's answers. */
export type RegisterResult =
  | { readonly kind: 'ReadResult'; readonly value: RegisterValue }
  | { readonly kind: 'WriteOk' }
  | { readonly kind: 'CompareAndSetResult'; readonly swapped: boolean };

/** Options of {@link registerSpec}. */
export interface RegisterSpecOptions {
  /** The value before any write; `null` unless given. */
  readonly initialValue?: RegisterValue;
}

const ILLEGAL: StepResult<never> = { legal: false };

/**
 * One read/write/compare-and-set register. There is nothing to partition: every
 * operation touches the same object.
 */
export function registerSpec(
  options: RegisterSpecOptions = {},
): SequentialSpec<RegisterValue, RegisterCommand, RegisterResult> {
  const initialValue = options.initialValue ?? null;
  return {
    name: 'register',
    initialState: () => initialValue,
    step(state, input, output) {
      switch (input.kind) {
        case 'Read':
          return output === undefined || (output.kind === 'ReadResult' && output.value === state)
            ? { legal: true, state }
            : ILLEGAL;
        case 'Write':
          return output === undefined || output.kind === 'WriteOk'
            ? { legal: true, state: input.value }
            : ILLEGAL;
        case 'CompareAndSet': {
          const swapped = state === input.expected;
          if (
            output !== undefined &&
            !(output.kind === 'CompareAndSetResult' && output.swapped === swapped)
          )
            return ILLEGAL;
          return { legal: true, state: swapped ? input.value : state };
        }
      }
    },
    stateKey: valueText,
    // A compare-and-set that failed, or that writes what it expects, changes nothing.
    isReadOnly: (input, output) =>
      input.kind === 'Read' ||
      (input.kind === 'CompareAndSet' &&
        (input.expected === input.value ||
          (output?.kind === 'CompareAndSetResult' && !output.swapped))),
    expectedOutput(state, input) {
      switch (input.kind) {
        case 'Read':
          return { kind: 'ReadResult', value: state };
        case 'Write':
          return { kind: 'WriteOk' };
        case 'CompareAndSet':
          return { kind: 'CompareAndSetResult', swapped: state === input.expected };
      }
    },
    describeInput(input) {
      switch (input.kind) {
        case 'Read':
          return 'Read()';
        case 'Write':
          return `Write(${valueText(input.value)})`;
        case 'CompareAndSet':
          return `CompareAndSet(${valueText(input.expected)}, ${valueText(input.value)})`;
      }
    },
    describeOutput(output) {
      switch (output.kind) {
        case 'ReadResult':
          return `ReadResult(${valueText(output.value)})`;
        case 'WriteOk':
          return 'WriteOk';
        case 'CompareAndSetResult':
          return `CompareAndSetResult(${output.swapped ? 'swapped' : 'not swapped'})`;
      }
    },
    describeState: valueText,
    validateOperation: validateRegisterOperation,
  };
}

function isRegisterValue(value: unknown): value is RegisterValue {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'bigint' ||
    typeof value === 'boolean'
  );
}

const ANSWERS: Record<RegisterCommand['kind'], RegisterResult['kind']> = {
  Read: 'ReadResult',
  Write: 'WriteOk',
  CompareAndSet: 'CompareAndSetResult',
};

function validateRegisterOperation(input: unknown, output: unknown): string | undefined {
  if (!isRecord(input)) return 'a command must be an object with a "kind"';
  switch (input.kind) {
    case 'Read':
      break;
    case 'Write':
      if (!isRegisterValue(input.value))
        return 'Write needs a "value" that is a string, number, boolean or null';
      break;
    case 'CompareAndSet':
      if (!isRegisterValue(input.expected) || !isRegisterValue(input.value))
        return 'CompareAndSet needs scalar "expected" and "value"';
      break;
    default:
      return `unknown command kind ${describeJsonValue(input.kind)} (expected Read, Write or CompareAndSet)`;
  }
  if (output === undefined) return undefined;
  if (!isRecord(output)) return 'a result must be an object with a "kind"';
  const expectedKind = ANSWERS[input.kind];
  if (output.kind !== expectedKind)
    return `${describeJsonValue(output.kind)} cannot answer ${input.kind} (expected ${expectedKind})`;
  if (output.kind === 'ReadResult' && !isRegisterValue(output.value))
    return 'ReadResult needs a scalar "value"';
  if (output.kind === 'CompareAndSetResult' && typeof output.swapped !== 'boolean')
    return 'CompareAndSetResult needs a boolean "swapped"';
  return undefined;
}
