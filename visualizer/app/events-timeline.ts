import { describeValue, type SimulationEvent } from '../../framework/testing.ts';
import { controlStep } from '../../framework/trace/index.ts';
import type {
  StepEvent,
  StepTimeline,
  TimelineStep,
  TraceWithSteps,
} from '../../framework/trace/index.ts';

/**
 * Timelines for a trace saved without steps: its events only, no node states. Each
 * delivery is drawn from the row before it (the send is not in the event list).
 */
export function eventsOnlyTimelines(trace: TraceWithSteps): StepTimeline[] {
  const runs = trace.events.map((events, index) => runTimeline(events, `simulation ${index + 1}`));
  const searches = Array.isArray(trace.search)
    ? (trace.search as { description?: string; outcome?: string; path?: string[] }[])
        .filter((report) => (report.path?.length ?? 0) > 0)
        .map(searchTimeline)
    : [];
  const outcome = {
    text: trace.outcome.passed ? 'passed' : (trace.outcome.failure ?? 'failed'),
    failed: !trace.outcome.passed,
  };
  const timelines = [...runs, ...searches].map((timeline) => ({ ...timeline, outcome }));
  return timelines.length > 0 ? timelines : [{ ...runTimeline([], 'no events'), outcome }];
}

function runTimeline(events: readonly SimulationEvent[], title: string): StepTimeline {
  const lanes: string[] = [];
  const lane = (address: string): string => {
    const root = address.split('/')[0] ?? address;
    if (!lanes.includes(root)) lanes.push(root);
    return address;
  };
  const steps: TimelineStep[] = [];
  events.forEach((event, index) => {
    const timeMs = event.timeMicros / 1000;
    let stepEvent: StepEvent;
    const id = `e${index}`;
    switch (event.type) {
      case 'send':
        return;
      case 'deliver':
      case 'drop':
        stepEvent = {
          type: event.type,
          item: id,
          from: lane(event.from),
          to: lane(event.to),
          label: describeValue(event.message),
          timeMs,
        };
        steps.push({
          event: stepEvent,
          added: [
            {
              id,
              kind: 'message',
              from: event.from,
              to: event.to,
              value: null,
              label: describeValue(event.message),
            },
          ],
          removed: [id],
        });
        return;
      case 'timer':
        steps.push({
          event: {
            type: 'timer',
            item: id,
            to: lane(event.to),
            label: describeValue(event.timer),
            timeMs,
          },
        });
        return;
      case 'control':
        steps.push({ event: controlStep(event, timeMs, lane) });
        return;
    }
  });
  return {
    title,
    kind: 'run',
    lanes,
    start: { states: {}, added: [] },
    steps,
    predicates: [],
    messagesStay: false,
  };
}

function searchTimeline(report: {
  description?: string;
  outcome?: string;
  path?: string[];
}): StepTimeline {
  const lanes: string[] = [];
  const steps: TimelineStep[] = (report.path ?? []).map((label) => {
    const match = /^(\S+) (?:->|timer) (\S+)?/.exec(label);
    for (const address of [match?.[1], match?.[2]])
      if (address !== undefined && !address.startsWith('{') && !lanes.includes(address))
        lanes.push(address);
    return { event: { type: 'control', action: 'other', nodes: [], label } };
  });
  return {
    title: `${report.description ?? 'search'}: ${report.outcome ?? ''}`,
    kind: 'search',
    lanes,
    start: { states: {}, added: [] },
    steps,
    predicates: [],
    messagesStay: true,
  };
}
