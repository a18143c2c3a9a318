import chalk from 'chalk';
import { describeControl } from '../sim/control-event.ts';
import { describeValue, type SimulationEvent } from '../sim/simulation-event.ts';
import { UsageError } from './usage-error.ts';

/** How much of a run `--log-level` shows. */
export const LOG_LEVELS = ['off', 'info', 'all'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Parses `--log-level`; anything else is a usage error that names the value and the valid ones. */
export function parseLogLevel(text: string): LogLevel {
  const level = LOG_LEVELS.find((known) => known === text);
  if (level === undefined)
    throw new UsageError(
      `invalid --log-level ${JSON.stringify(text)}: use ${LOG_LEVELS.join(', ')}`,
    );
  return level;
}

/**
 * Prints simulation events as they happen, one colored line each: `info` shows deliveries,
 * timers, drops and control actions (partitions, crashes); `all` adds every send.
 */
export function eventPrinter(
  level: LogLevel,
  write: (line: string) => void,
): ((event: SimulationEvent) => void) | undefined {
  if (level === 'off') return undefined;
  return (event) => {
    if (event.type === 'send' && level !== 'all') return;
    write(formatEvent(event));
  };
}

function formatEvent(event: SimulationEvent): string {
  const time = chalk.dim(`${(event.timeMicros / 1000).toFixed(3).padStart(10)}ms`);
  switch (event.type) {
    case 'send':
      return `${time} ${chalk.blue('send   ')} ${event.from} -> ${event.to} ${chalk.dim(describeValue(event.message))}`;
    case 'deliver':
      return `${time} ${chalk.green('deliver')} ${event.from} -> ${chalk.bold(event.to)} ${describeValue(event.message)}`;
    case 'drop':
      return `${time} ${chalk.red('drop   ')} ${event.from} -> ${event.to} ${chalk.dim(describeValue(event.message))}`;
    case 'timer':
      return `${time} ${chalk.yellow('timer  ')} ${chalk.bold(event.to)} ${describeValue(event.timer)}`;
    case 'control':
      return `${time} ${chalk.magenta('control')} ${describeControl(event)}`;
  }
}
