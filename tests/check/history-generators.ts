import fc from 'fast-check';
import type {
  History,
  KVCommand,
  KVResult,
  Operation,
  RegisterCommand,
  RegisterResult,
  SequentialSpec,
  TxnCommand,
  TxnResult,
} from '../../framework/check/index.ts';

/** How to draw random operations of one specification, and wrong answers to them. */
export interface OperationDomain<Input, Output> {
  readonly inputs: fc.Arbitrary<Input>;
  /** Any answer of the right kind for `input`, right or wrong. */
  outputsFor(input: Input): fc.Arbitrary<Output>;
}

const values = fc.constantFrom('', '1', '2', '12');
const keys = fc.constantFrom('a', 'b');

export const kvDomain: OperationDomain<KVCommand, KVResult> = {
  inputs: fc.oneof(
    keys.map((key): KVCommand => ({ kind: 'Get', key })),
    fc
      .record({ key: keys, value: values })
      .map(({ key, value }): KVCommand => ({ kind: 'Put', key, value })),
    fc
      .record({ key: keys, value: fc.constantFrom('1', '2') })
      .map(({ key, value }): KVCommand => ({ kind: 'Append', key, value })),
  ),
  outputsFor(input) {
    switch (input.kind) {
      case 'Get':
        return fc.oneof(
          fc.constant<KVResult>({ kind: 'KeyNotFound' }),
          values.map((value): KVResult => ({ kind: 'GetResult', value })),
        );
      case 'Put':
        return fc.constant({ kind: 'PutOk' });
      case 'Append':
        return fc
          .constantFrom('1', '2', '12', '21', '11', '121')
          .map((value): KVResult => ({ kind: 'AppendResult', value }));
    }
  },
};

const registerValues = fc.constantFrom(0, 1, 2);

export const registerDomain: OperationDomain<RegisterCommand, RegisterResult> = {
  inputs: fc.oneof(
    fc.constant<RegisterCommand>({ kind: 'Read' }),
    registerValues.map((value): RegisterCommand => ({ kind: 'Write', value })),
    fc
      .record({ expected: registerValues, value: registerValues })
      .map(({ expected, value }): RegisterCommand => ({ kind: 'CompareAndSet', expected, value })),
  ),
  outputsFor(input) {
    switch (input.kind) {
      case 'Read':
        return fc
          .oneof(fc.constant(null), registerValues)
          .map((value): RegisterResult => ({ kind: 'ReadResult', value }));
      case 'Write':
        return fc.constant({ kind: 'WriteOk' });
      case 'CompareAndSet':
        return fc
          .boolean()
          .map((swapped): RegisterResult => ({ kind: 'CompareAndSetResult', swapped }));
    }
  },
};

const txnKeys = fc.constantFrom('a', 'b', 'c');
const maybeValue = fc.oneof(fc.constant(null), values);

export const txnDomain: OperationDomain<TxnCommand, TxnResult> = {
  inputs: fc.oneof(
    kvDomain.inputs.map((command): TxnCommand => ({
      ...command,
      key: command.key === 'b' ? 'c' : command.key,
    })),
    fc
      .uniqueArray(txnKeys, { minLength: 1, maxLength: 3 })
      .map((keyList): TxnCommand => ({ kind: 'MultiGet', keys: keyList })),
    fc
      .dictionary(txnKeys, values, { minKeys: 1, maxKeys: 2 })
      .map((entries): TxnCommand => ({ kind: 'MultiPut', entries })),
    fc
      .record({ key1: txnKeys, key2: txnKeys })
      .map(({ key1, key2 }): TxnCommand => ({ kind: 'Swap', key1, key2 })),
  ),
  outputsFor(input) {
    switch (input.kind) {
      case 'MultiGet':
        return fc.tuple(...input.keys.map(() => maybeValue)).map((read): TxnResult => ({
          kind: 'MultiGetResult',
          values: Object.fromEntries(input.keys.map((key, index) => [key, read[index] ?? null])),
        }));
      case 'MultiPut':
        return fc.constant({ kind: 'MultiPutOk' });
      case 'Swap':
        return fc.constant({ kind: 'SwapOk' });
      case 'Get':
      case 'Put':
      case 'Append':
        return kvDomain.outputsFor(input);
    }
  },
};

/** Shape of one operation of a generated history, before outputs are computed. */
interface Plan<Input> {
  readonly input: Input;
  /** How far the call is before, and the return after, the moment the operation takes effect. */
  readonly callLead: number;
  readonly returnLag: number;
  /** Whether the response is lost (an unknown outcome). */
  readonly unknown: boolean;
}

/** Spacing of linearization points; intervals up to three times wider than it overlap heavily. */
const POINT_SPACING = 10;

/**
 * A linearizable history: a sequential execution of up to `operationsMax` operations with
 * the spec's answers, each stretched to a random interval around the moment it took
 * effect, some with lost responses, plus some calls that never took effect at all.
 */
export function linearizableHistories<State, Input, Output>(
  spec: SequentialSpec<State, Input, Output>,
  domain: OperationDomain<Input, Output>,
  operationsMax = 7,
): fc.Arbitrary<History<Input, Output>> {
  const plan = fc.record({
    input: domain.inputs,
    callLead: fc.nat(30),
    returnLag: fc.nat(30),
    unknown: fc.nat(4).map((draw) => draw === 0),
  });
  const phantom = fc.record({
    input: domain.inputs,
    callTime: fc.nat(POINT_SPACING * operationsMax),
  });
  return fc
    .tuple(
      fc.array(plan, { minLength: 1, maxLength: operationsMax }),
      fc.array(phantom, { maxLength: 2 }),
    )
    .filter(([plans, phantoms]) => plans.length + phantoms.length <= operationsMax)
    .map(([plans, phantoms]) => [
      ...executed(spec, plans),
      ...phantoms.map(({ input, callTime }, index): Operation<Input, Output> => ({
        process: `phantom${index}`,
        callTime,
        input,
      })),
    ]);
}

function executed<State, Input, Output>(
  spec: SequentialSpec<State, Input, Output>,
  plans: readonly Plan<Input>[],
): Operation<Input, Output>[] {
  if (spec.expectedOutput === undefined)
    throw new Error(`spec ${spec.name} has no expectedOutput to generate histories with`);
  let state = spec.initialState();
  return plans.map((plan, index) => {
    const output = (spec.expectedOutput as NonNullable<typeof spec.expectedOutput>).call(
      spec,
      state,
      plan.input,
    );
    const step = spec.step(state, plan.input, output);
    if (!step.legal) throw new Error('the spec rejects its own expected output');
    state = step.state;
    const point = POINT_SPACING * (index + 1);
    const callTime = point - plan.callLead;
    if (plan.unknown) return { process: `client${index}`, callTime, input: plan.input };
    return {
      process: `client${index}`,
      callTime,
      returnTime: point + plan.returnLag,
      input: plan.input,
      output,
    };
  });
}

/**
 * A history changed in one way that may break linearizability: a wrong answer, or an interval
 * moved.
 */
export function corruptedHistories<Input, Output>(
  histories: fc.Arbitrary<History<Input, Output>>,
  domain: OperationDomain<Input, Output>,
): fc.Arbitrary<History<Input, Output>> {
  return histories.chain((history) => {
    const ids = fc.nat(history.length - 1);
    const wrongAnswer = ids.chain((id) => {
      const operation = history[id] as Operation<Input, Output>;
      if (operation.returnTime === undefined) return fc.constant(history);
      return domain
        .outputsFor(operation.input)
        .map((output) =>
          history.map((other, otherId) => (otherId === id ? { ...other, output } : other)),
        );
    });
    const moved = fc
      .tuple(ids, fc.nat(80), fc.nat(40))
      .map(([id, callTime, width]) =>
        history.map((other, otherId) =>
          otherId !== id
            ? other
            : other.returnTime === undefined
              ? { ...other, callTime }
              : { ...other, callTime, returnTime: callTime + width },
        ),
      );
    return fc.oneof(wrongAnswer, moved);
  });
}

/** A history drawn with no regard to the spec: random inputs, answers and intervals. */
export function randomHistories<Input, Output>(
  domain: OperationDomain<Input, Output>,
  operationsMax = 6,
): fc.Arbitrary<History<Input, Output>> {
  const operation = domain.inputs.chain((input) =>
    fc
      .record({
        callTime: fc.nat(40),
        width: fc.nat(20),
        returned: fc.boolean(),
        output: domain.outputsFor(input),
      })
      .map(({ callTime, width, returned, output }): Operation<Input, Output> =>
        returned
          ? { process: 'p', callTime, returnTime: callTime + width, input, output }
          : { process: 'p', callTime, input },
      ),
  );
  return fc.array(operation, { minLength: 1, maxLength: operationsMax });
}
