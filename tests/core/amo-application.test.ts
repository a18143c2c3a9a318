import { describe, expect, it } from 'vitest';
import {
  address,
  AMOApplication,
  amoCommand,
  type Application,
  type Command,
  registerStateClass,
  type Result,
} from '../../framework/index.ts';
import { encodedSizeBytes } from '../../framework/engine.ts';

interface Add extends Command {
  readonly kind: 'Add';
  readonly amount: number;
}
interface Sum extends Result {
  readonly kind: 'Sum';
  readonly total: number;
}

/** Counts its executions, so a test sees whether the wrapper really executed a command. */
class Adder implements Application<Add, Sum> {
  total = 0;
  executions = 0;
  execute(command: Add): Sum {
    this.executions++;
    this.total += command.amount;
    return { kind: 'Sum', total: this.total };
  }
}
registerStateClass('test/Adder', Adder);

const ALICE = address('alice');
const BOB = address('bob');
const add = (amount: number): Add => ({ kind: 'Add', amount });

describe('AMOApplication', () => {
  it('executes a new command and tags its result with the sequence number', () => {
    const amo = new AMOApplication(new Adder());
    expect(amo.execute(amoCommand(add(5), ALICE, 1))).toEqual({
      kind: 'AMOResult',
      result: { kind: 'Sum', total: 5 },
      sequenceNumber: 1,
    });
  });

  it('answers a repeat of the latest command from memory, without executing it again', () => {
    const adder = new Adder();
    const amo = new AMOApplication(adder);
    const first = amo.execute(amoCommand(add(5), ALICE, 1));
    const again = amo.execute(amoCommand(add(5), ALICE, 1));
    expect(again).toBe(first);
    expect(adder.executions).toBe(1);
    expect(adder.total).toBe(5);
  });

  it("ignores stale commands: older than the client's latest gives undefined and does nothing", () => {
    const adder = new Adder();
    const amo = new AMOApplication(adder);
    amo.execute(amoCommand(add(1), ALICE, 1));
    amo.execute(amoCommand(add(2), ALICE, 2));
    expect(amo.execute(amoCommand(add(1), ALICE, 1))).toBeUndefined();
    expect(adder.executions).toBe(2);
    expect(adder.total).toBe(3);
  });

  it('keeps clients apart: equal sequence numbers of different clients are different commands', () => {
    const adder = new Adder();
    const amo = new AMOApplication(adder);
    amo.execute(amoCommand(add(1), ALICE, 1));
    expect(amo.execute(amoCommand(add(10), BOB, 1))?.result).toEqual({ kind: 'Sum', total: 11 });
    expect(adder.executions).toBe(2);
  });

  it('alreadyExecuted is true for the latest and older commands of a client, false otherwise', () => {
    const amo = new AMOApplication(new Adder());
    amo.execute(amoCommand(add(1), ALICE, 3));
    expect(amo.alreadyExecuted(amoCommand(add(1), ALICE, 3))).toBe(true);
    expect(amo.alreadyExecuted(amoCommand(add(1), ALICE, 2))).toBe(true);
    expect(amo.alreadyExecuted(amoCommand(add(1), ALICE, 4))).toBe(false);
    expect(amo.alreadyExecuted(amoCommand(add(1), BOB, 1))).toBe(false);
  });

  it('keeps one result per client, however many commands ran', () => {
    const sizeAfter = (commandsPerClient: number): number => {
      const amo = new AMOApplication(new Adder());
      for (let sequence = 1; sequence <= commandsPerClient; sequence++) {
        // Amounts that cancel out keep the running total, and so every result, the same size.
        for (const client of [ALICE, BOB])
          amo.execute(amoCommand(add(sequence % 2 === 0 ? -1 : 1), client, sequence));
      }
      return encodedSizeBytes(amo);
    };
    // From 10 to 10,000 commands per client, the only growth is in the digits of numbers:
    // each client's latest sequence number (2 × 3 digits) and the executions count (20 to
    // 20,000: 3 digits).
    expect(sizeAfter(10)).toBe(272);
    expect(sizeAfter(40)).toBe(272);
    expect(sizeAfter(10_000)).toBe(272 + 9);
  });
});
