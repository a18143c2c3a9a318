import { TraceFormatError } from './trace-file.ts';
import { STEPS_PER_TIMELINE_MAX, TRACE_STEPS_VERSION, type TraceSteps } from './trace-steps.ts';

/**
 * Checks a trace's `steps` (the visualizer's per-step snapshots) as strictly as the rest of
 * the trace: the page trusts their shape, so a string where a number belongs (`timeMs`)
 * or a missing list would crash it instead of being refused by the command with one line.
 * Throws {@link TraceFormatError} naming the first field that is wrong.
 */
export function validateTraceSteps(steps: unknown): asserts steps is TraceSteps {
  const root = objectAt(steps, 'steps');
  if (
    !Number.isSafeInteger(root.version) ||
    (root.version as number) < 1 ||
    (root.version as number) > TRACE_STEPS_VERSION
  ) {
    fail('steps.version', `a steps version from 1 to ${TRACE_STEPS_VERSION}`);
  }
  arrayAt(root.timelines, 'steps.timelines').forEach((timeline, index) =>
    checkTimeline(timeline, `steps.timelines[${index}]`),
  );
}

const EVENT_TYPES = new Set(['deliver', 'timer', 'drop', 'control']);
const CONTROL_ACTIONS = new Set([
  'crash',
  'restart',
  'add',
  'remove',
  'partition',
  'heal',
  'link',
  'network',
  'other',
]);
const PREDICATE_KINDS = new Set(['invariant', 'goal', 'prune']);

function checkTimeline(value: unknown, where: string): void {
  const timeline = objectAt(value, where);
  stringAt(timeline.title, `${where}.title`);
  if (timeline.kind !== 'run' && timeline.kind !== 'search')
    fail(`${where}.kind`, '"run" or "search"');
  arrayAt(timeline.lanes, `${where}.lanes`).forEach((lane, index) =>
    stringAt(lane, `${where}.lanes[${index}]`),
  );
  const start = objectAt(timeline.start, `${where}.start`);
  objectAt(start.states, `${where}.start.states`);
  arrayAt(start.added, `${where}.start.added`).forEach((item, index) =>
    checkPendingItem(item, `${where}.start.added[${index}]`),
  );
  optionalVerdicts(start.verdicts, `${where}.start.verdicts`);
  const steps = arrayAt(timeline.steps, `${where}.steps`);
  if (steps.length > STEPS_PER_TIMELINE_MAX)
    fail(`${where}.steps`, `at most ${STEPS_PER_TIMELINE_MAX} steps`);
  steps.forEach((step, index) => checkStep(step, `${where}.steps[${index}]`));
  arrayAt(timeline.predicates, `${where}.predicates`).forEach((predicate, index) => {
    const entry = objectAt(predicate, `${where}.predicates[${index}]`);
    stringAt(entry.name, `${where}.predicates[${index}].name`);
    if (typeof entry.kind !== 'string' || !PREDICATE_KINDS.has(entry.kind))
      fail(`${where}.predicates[${index}].kind`, 'invariant, goal or prune');
  });
  if (typeof timeline.messagesStay !== 'boolean') fail(`${where}.messagesStay`, 'a boolean');
  if (timeline.outcome !== undefined) {
    const outcome = objectAt(timeline.outcome, `${where}.outcome`);
    stringAt(outcome.text, `${where}.outcome.text`);
    if (typeof outcome.failed !== 'boolean') fail(`${where}.outcome.failed`, 'a boolean');
  }
  if (timeline.explanation !== undefined) stringAt(timeline.explanation, `${where}.explanation`);
  if (timeline.truncated !== undefined && typeof timeline.truncated !== 'boolean')
    fail(`${where}.truncated`, 'a boolean');
  if (
    timeline.phase !== undefined &&
    !(Number.isSafeInteger(timeline.phase) && (timeline.phase as number) >= 0)
  )
    fail(`${where}.phase`, 'a whole number');
  if (
    timeline.violationStep !== undefined &&
    !(
      Number.isSafeInteger(timeline.violationStep) &&
      (timeline.violationStep as number) >= 0 &&
      (timeline.violationStep as number) < steps.length
    )
  ) {
    fail(`${where}.violationStep`, 'the index of one of its steps');
  }
}

function checkStep(value: unknown, where: string): void {
  const step = objectAt(value, where);
  const event = objectAt(step.event, `${where}.event`);
  if (typeof event.type !== 'string' || !EVENT_TYPES.has(event.type))
    fail(`${where}.event.type`, 'deliver, timer, drop or control');
  stringAt(event.label, `${where}.event.label`);
  if (event.timeMs !== undefined) finiteAt(event.timeMs, `${where}.event.timeMs`);
  if (event.type === 'control') {
    if (typeof event.action !== 'string' || !CONTROL_ACTIONS.has(event.action))
      fail(`${where}.event.action`, 'a control action');
    arrayAt(event.nodes, `${where}.event.nodes`).forEach((node, index) =>
      stringAt(node, `${where}.event.nodes[${index}]`),
    );
    if (event.action === 'partition' || event.groups !== undefined)
      arrayAt(event.groups, `${where}.event.groups`).forEach((group, index) =>
        arrayAt(group, `${where}.event.groups[${index}]`).forEach((member, position) =>
          stringAt(member, `${where}.event.groups[${index}][${position}]`),
        ),
      );
    if (
      (event.action === 'link' || event.active !== undefined) &&
      typeof event.active !== 'boolean'
    )
      fail(`${where}.event.active`, 'a boolean');
  } else {
    stringAt(event.item, `${where}.event.item`);
    stringAt(event.to, `${where}.event.to`);
    if (event.type !== 'timer') stringAt(event.from, `${where}.event.from`);
  }
  if (step.states !== undefined) objectAt(step.states, `${where}.states`);
  if (step.patches !== undefined) {
    for (const [node, operations] of Object.entries(objectAt(step.patches, `${where}.patches`))) {
      arrayAt(operations, `${where}.patches.${node}`).forEach((operation, index) => {
        const path = arrayAt(
          objectAt(operation, `${where}.patches.${node}[${index}]`).path,
          `${where}.patches.${node}[${index}].path`,
        );
        path.forEach((segment, position) =>
          stringAt(segment, `${where}.patches.${node}[${index}].path[${position}]`),
        );
      });
    }
  }
  if (step.added !== undefined)
    arrayAt(step.added, `${where}.added`).forEach((item, index) =>
      checkPendingItem(item, `${where}.added[${index}]`),
    );
  if (step.removed !== undefined)
    arrayAt(step.removed, `${where}.removed`).forEach((id, index) =>
      stringAt(id, `${where}.removed[${index}]`),
    );
  optionalVerdicts(step.verdicts, `${where}.verdicts`);
  if (step.error !== undefined) stringAt(step.error, `${where}.error`);
}

function checkPendingItem(value: unknown, where: string): void {
  const item = objectAt(value, where);
  stringAt(item.id, `${where}.id`);
  if (item.kind !== 'message' && item.kind !== 'timer')
    fail(`${where}.kind`, '"message" or "timer"');
  stringAt(item.to, `${where}.to`);
  if (item.from !== undefined) stringAt(item.from, `${where}.from`);
  if (item.label !== undefined) stringAt(item.label, `${where}.label`);
  if (item.dueMs !== undefined) finiteAt(item.dueMs, `${where}.dueMs`);
  if (item.durationMs !== undefined) {
    const range = arrayAt(item.durationMs, `${where}.durationMs`);
    if (range.length !== 2) fail(`${where}.durationMs`, 'a [min, max] pair');
    range.forEach((bound, index) => finiteAt(bound, `${where}.durationMs[${index}]`));
  }
  if (item.duplicate !== undefined && typeof item.duplicate !== 'boolean')
    fail(`${where}.duplicate`, 'a boolean');
}

function optionalVerdicts(value: unknown, where: string): void {
  if (value === undefined) return;
  arrayAt(value, where).forEach((verdict, index) => {
    if (typeof verdict !== 'boolean' && typeof verdict !== 'string')
      fail(`${where}[${index}]`, 'true, false or a reason');
  });
}

function objectAt(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(where, 'an object');
  return value as Record<string, unknown>;
}

function arrayAt(value: unknown, where: string): readonly unknown[] {
  if (!Array.isArray(value)) fail(where, 'a list');
  return value as readonly unknown[];
}

function stringAt(value: unknown, where: string): void {
  if (typeof value !== 'string') fail(where, 'a string');
}

function finiteAt(value: unknown, where: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(where, 'a number');
}

function fail(where: string, expected: string): never {
  throw new TraceFormatError(`the trace's ${where} must be ${expected}`);
}
