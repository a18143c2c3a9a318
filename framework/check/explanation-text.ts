import type {
  OperationView,
  PartitionExplanation,
  StuckOperation,
  ViolationExplanation,
} from './explanation.ts';

/** A readable, multi-line rendering of a violation explanation (no colors: callers add them). */
export function formatExplanation(explanation: ViolationExplanation): string {
  return explanation.partitions.map(formatPartitionExplanation).join('\n\n');
}

/** The explanation of one partition as lines of text. */
export function formatPartitionExplanation(partition: PartitionExplanation): string {
  const total = partition.prefix.length + partition.stuck.length;
  const lines = [`${partition.partition}: not linearizable.`];
  lines.push(
    partition.prefix.length === 0
      ? `No operation can take effect first (initial state ${partition.initialState}).`
      : `Longest linearizable prefix (${partition.prefix.length} operations), from initial state ${partition.initialState}:`,
  );
  partition.prefix.forEach((step, index) => {
    lines.push(`  ${index + 1}. ${formatOperation(step.operation)}  =>  ${step.stateAfter}`);
  });
  if (total > 0) {
    const deadline = partition.deadline;
    const before =
      deadline === null
        ? ''
        : ` before operation #${deadline.id} returns at ${deadline.returnTime ?? '?'}`;
    lines.push(
      `Then, in state ${partition.state}, one of these must take effect${before}, and none can:`,
    );
    for (const stuck of partition.stuck)
      lines.push(`  - ${formatOperation(stuck.operation)}: ${formatReason(stuck)}`);
  }
  return lines.join('\n');
}

/** `#3 [client2] Get("x") -> GetResult("1")  (time 4..9, line 12)` */
export function formatOperation(operation: OperationView): string {
  const output =
    operation.output === null
      ? operation.returnTime === null
        ? ' -> (unknown outcome)'
        : ''
      : ` -> ${operation.output}`;
  const interval = `time ${operation.callTime}..${operation.returnTime ?? 'never returned'}`;
  const line = operation.line === undefined ? '' : `, line ${operation.line}`;
  return `#${operation.id} [${operation.process}] ${operation.input}${output}  (${interval}${line})`;
}

function formatReason(stuck: StuckOperation): string {
  switch (stuck.reason) {
    case 'output mismatch':
      return `the spec answers ${stuck.expected ?? '?'} here`;
    case 'illegal':
      return 'the spec does not allow it here';
    case 'dead end':
      return 'it can take effect here, but then the remaining operations cannot all be placed';
  }
}
