import type { StateJson } from '../../framework/trace/index.ts';

const TEXT_SHOWN_MAX = 120;

/** The one-line text of a leaf value, or a summary of a container ("Map(3)", "[2]"). */
export function formatValue(value: StateJson | undefined): string {
  if (value === undefined) return '(absent)';
  if (value === null) return 'null';
  if (typeof value === 'string') return shorten(JSON.stringify(value));
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.length}]`;
  const type = typeof value.$type === 'string' ? value.$type : undefined;
  const text = (field: StateJson | undefined): string =>
    typeof field === 'string' || typeof field === 'number' ? String(field) : '?';
  switch (type) {
    case 'undefined':
      return 'undefined';
    case 'bigint':
      return `${text(value.value)}n`;
    case 'number':
    case 'symbol':
      return text(value.value);
    case 'Map':
      return `Map(${Array.isArray(value.entries) ? value.entries.length : 0})`;
    case 'Set':
      return `Set(${Array.isArray(value.values) ? value.values.length : 0})`;
    case 'more':
      return `… ${text(value.count)} more`;
    case 'truncated':
      return '… (cut: the snapshot is too large)';
    case 'cycle':
      return '(cycle)';
    case 'function':
      return 'ƒ';
    case undefined:
    default: {
      const fields = Object.keys(value).filter((key) => key !== '$class').length;
      const name = typeof value.$class === 'string' ? `${value.$class} ` : '';
      return `${name}{${fields} field${fields === 1 ? '' : 's'}}`;
    }
  }
}

export function shorten(text: string, budget = TEXT_SHOWN_MAX): string {
  return text.length > budget ? `${text.slice(0, budget - 1)}…` : text;
}

/**
 * A readable one-line rendering of a message, timer or state value: tagged objects read as
 * `Request(command: AMOCommand(…), sequenceNumber: 1)`, Maps as `Map{key → value}`.
 */
export function readableValue(value: StateJson | undefined, budget = TEXT_SHOWN_MAX): string {
  return shorten(readable(value, budget + 1), budget);
}

function readable(value: StateJson | undefined, budget: number): string {
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object')
    return typeof value === 'string' ? JSON.stringify(value) : String(value);
  if (Array.isArray(value))
    return `[${joined(
      value.map((entry) => () => readable(entry, budget)),
      budget,
    )}]`;
  if (value.$type === 'Map' && Array.isArray(value.entries)) {
    return `Map{${joined(
      value.entries.map(
        (entry) => () =>
          Array.isArray(entry)
            ? `${readable(entry[0], budget)} → ${readable(entry[1], budget)}`
            : readable(entry, budget),
      ),
      budget,
    )}}`;
  }
  if (value.$type === 'Set' && Array.isArray(value.values))
    return `Set{${joined(
      value.values.map((entry) => () => readable(entry, budget)),
      budget,
    )}}`;
  if (typeof value.$type === 'string') return formatValue(value);
  const name =
    typeof value.kind === 'string'
      ? value.kind
      : typeof value.$class === 'string'
        ? value.$class
        : '';
  const fields = Object.entries(value).filter(
    ([key]) => key !== '$class' && !(key === 'kind' && name === value.kind),
  );
  const inner = joined(
    fields.map(
      ([key, field]) =>
        () =>
          `${key}: ${readable(field, budget)}`,
    ),
    budget,
  );
  return name === '' ? `{${inner}}` : `${name}(${inner})`;
}

/** Joins parts lazily, stopping once the text is longer than the budget. */
function joined(parts: readonly (() => string)[], budget: number): string {
  let text = '';
  for (const [index, part] of parts.entries()) {
    if (text.length > budget) return `${text}, …`;
    text += (index === 0 ? '' : ', ') + part();
  }
  return text;
}
