import type { Address } from './address.ts';
import type { Command, Result } from './message.ts';
import { deepFreeze } from './message.ts';

/**
 * What a client worker submits: a list of command templates, optionally with the results
 * expected for them, run once or cycled forever. Templates are plain data whose string
 * fields may contain substitutions, replaced per client and per command:
 *
 * - `%a` the client's address, `%n` the command's number (1, 2, …),
 * - `%r` a random 8-letter string, drawn from the run's seeded generator and the same
 *   wherever it appears in one command and its expected result.
 *
 * Workloads are immutable and shared by every copy of the worker that runs them.
 */
export interface Workload {
  readonly commands: readonly Command[];
  readonly expectedResults?: readonly Result[];
  /** Cycle through `commands` forever (until the run's time limit). */
  readonly infinite: boolean;
}

/** Thrown when a workload is built inconsistently. */
export class InvalidWorkloadError extends Error {
  override readonly name = 'InvalidWorkloadError';
}

const WORKLOAD_COMMANDS_MAX = 1_000_000;

/** A scripted workload: these commands, in order, optionally with expected results. */
export function scriptedWorkload(
  commands: readonly Command[],
  expectedResults?: readonly Result[],
): Workload {
  if (commands.length > WORKLOAD_COMMANDS_MAX) {
    throw new InvalidWorkloadError(`a workload may have at most ${WORKLOAD_COMMANDS_MAX} commands`);
  }
  if (expectedResults !== undefined && expectedResults.length !== commands.length) {
    throw new InvalidWorkloadError(
      `${commands.length} commands but ${expectedResults.length} expected results`,
    );
  }
  return deepFreeze(
    expectedResults === undefined
      ? { commands: [...commands], infinite: false }
      : { commands: [...commands], expectedResults: [...expectedResults], infinite: false },
  );
}

/** A workload that cycles through `commands` forever; it has no expected results. */
export function infiniteWorkload(commands: readonly Command[]): Workload {
  if (commands.length === 0)
    throw new InvalidWorkloadError('an infinite workload needs at least one command');
  return deepFreeze({ commands: [...commands], infinite: true });
}

/** The number of commands a workload submits in all, or Infinity. */
export function workloadSize(workload: Workload): number {
  return workload.infinite ? Infinity : workload.commands.length;
}

/** Where a substitution's values come from. */
export interface SubstitutionContext {
  readonly client: Address;
  /** Zero-based index of the command in the workload (across cycles). */
  readonly index: number;
  /** A deterministic pseudo-random value in [0, 1) for this client and index. */
  readonly random: () => number;
}

const RANDOM_STRING_LENGTH = 8;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** Applies the substitutions to every string field of a template. */
export function substitute<T>(template: T, context: SubstitutionContext): T {
  // One state per call: `%r` is drawn once and is the same everywhere in the template.
  // Plain functions rather than closures, because this runs for every command of a run.
  return replaceIn(template, { context, randomString: undefined }) as T;
}

interface SubstitutionState {
  readonly context: SubstitutionContext;
  randomString: string | undefined;
}

function replaceIn(value: unknown, state: SubstitutionState): unknown {
  if (typeof value === 'string') return value.includes('%') ? replaceTokens(value, state) : value;
  if (Array.isArray(value)) {
    const result: unknown[] = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) result[i] = replaceIn(value[i], state);
    return result;
  }
  if (typeof value === 'object' && value !== null) {
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(value))
      result[key] = replaceIn((value as Record<string, unknown>)[key], state);
    return result;
  }
  return value;
}

/** Replaces each `%a`, `%n` and `%r`, left to right, as `/%[anr]/g` would. */
function replaceTokens(text: string, state: SubstitutionState): string {
  let out = '';
  let copiedUpTo = 0;
  for (
    let index = text.indexOf('%');
    index >= 0 && index < text.length - 1;
    index = text.indexOf('%', index)
  ) {
    const token = text[index + 1];
    if (token !== 'a' && token !== 'n' && token !== 'r') {
      index++;
      continue;
    }
    out += text.slice(copiedUpTo, index);
    out +=
      token === 'a'
        ? state.context.client
        : token === 'n'
          ? String(state.context.index + 1)
          : randomText(state);
    index += 2;
    copiedUpTo = index;
  }
  return copiedUpTo === 0 ? text : out + text.slice(copiedUpTo);
}

function randomText(state: SubstitutionState): string {
  if (state.randomString === undefined) {
    let text = '';
    for (let i = 0; i < RANDOM_STRING_LENGTH; i++)
      text += LETTERS[Math.floor(state.context.random() * LETTERS.length)];
    state.randomString = text;
  }
  return state.randomString;
}

/** The template command (or result) at `index`, cycling for infinite workloads. */
export function templateAt<T>(templates: readonly T[], index: number): T {
  const template = templates[index % templates.length];
  if (template === undefined)
    throw new InvalidWorkloadError(`workload has no command ${index + 1}`);
  return template;
}
