import type { SearchReport } from '../lab/search-report.ts';
import type { SearchProgress } from '../search/search-options.ts';

const MS_PER_SECOND = 1000;

function count(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/**
 * The figures of a running search, for the live line. A random search says how much it
 * did — events executed, unique states, probes, events per second — since it revisits
 * states far more often than it finds new ones; a breadth-first one counts states.
 */
export function progressFigures(progress: SearchProgress): string {
  const elapsed =
    progress.elapsedMs === undefined
      ? ''
      : `, ${(progress.elapsedMs / MS_PER_SECOND).toFixed(1)} s`;
  if (progress.probes !== undefined) {
    const rate =
      progress.eventsPerSecond === undefined ? '' : `, ${count(progress.eventsPerSecond)} events/s`;
    return `${count(progress.events)} events, ${count(progress.states)} unique states, ${count(progress.probes)} probes, depth ${progress.depth}${rate}${elapsed}`;
  }
  const rate =
    progress.statesPerSecond === undefined ? '' : `, ${count(progress.statesPerSecond)} states/s`;
  return `${count(progress.states)} states, depth ${progress.depth}${rate}${elapsed}`;
}

/** The figures of a finished search, for the line under its test. */
export function reportFigures(report: SearchReport): string {
  const time =
    report.elapsedMs === undefined ? '' : `, ${(report.elapsedMs / MS_PER_SECOND).toFixed(2)} s`;
  if (report.strategy === 'random' && report.events !== undefined) {
    const seconds = report.elapsedMs === undefined ? 0 : report.elapsedMs / MS_PER_SECOND;
    const rates =
      seconds > 0
        ? `, ${count(report.events / seconds)} events/s, ${count(report.states / seconds)} unique states/s`
        : '';
    const probes = report.probes === undefined ? '' : `, ${count(report.probes)} probes`;
    return `${count(report.events)} events, ${count(report.states)} unique states${probes}, depth ${report.depth}${rates}${time}`;
  }
  const rate =
    report.elapsedMs === undefined || report.elapsedMs <= 0
      ? ''
      : `, ${count((report.states * MS_PER_SECOND) / report.elapsedMs)} states/s`;
  return `${count(report.states)} states, depth ${report.depth}${rate}${time}`;
}
