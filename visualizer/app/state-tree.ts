/// <reference lib="dom" />
import type { StateJson } from '../../framework/trace/index.ts';
import { element } from './dom.ts';
import { childPath, childrenOf, isLeaf, ROOT_PATH } from './state-diff.ts';
import { formatValue } from './value-format.ts';

/** Levels open by default (deeper ones open when something inside them changed). */
const OPEN_DEPTH_DEFAULT = 2;

/**
 * A node's state as an expandable tree. Fields that changed since the previous step are
 * highlighted, and the containers on the way to them open by themselves; what the user
 * opened or closed stays so from step to step.
 */
export class StateTree {
  readonly root = element('div', { class: 'state-tree' });
  private readonly toggled = new Map<string, boolean>();
  private value: StateJson | undefined;
  private changed = new Set<string>();

  constructor() {
    this.root.addEventListener('click', (event) => {
      const toggle = (event.target as HTMLElement).closest<HTMLElement>('[data-path]');
      if (toggle === null || !this.root.contains(toggle)) return;
      const path = toggle.dataset.path ?? '';
      this.toggled.set(path, !this.isOpen(path, Number(toggle.dataset.depth)));
      this.render(this.value, this.changed);
    });
  }

  render(value: StateJson | undefined, changed: Set<string>): void {
    this.value = value;
    this.changed = changed;
    this.root.replaceChildren(
      value === undefined
        ? element('p', { class: 'muted' }, 'No state recorded.')
        : this.list(value, ROOT_PATH, 0),
    );
  }

  private isOpen(path: string, depth: number): boolean {
    return this.toggled.get(path) ?? (depth < OPEN_DEPTH_DEFAULT || this.changed.has(path));
  }

  private list(value: StateJson, path: string, depth: number): HTMLElement {
    const list = element('ul', { class: 'tree-level' });
    for (const [segment, child] of childrenOf(value))
      list.append(this.entry(labelOf(value, segment), child, childPath(path, segment), depth));
    if (list.childElementCount === 0) list.append(element('li', { class: 'muted' }, '(empty)'));
    return list;
  }

  private entry(label: string, value: StateJson, path: string, depth: number): HTMLElement {
    const changed = this.changed.has(path);
    const leaf = isLeaf(value);
    const open = !leaf && this.isOpen(path, depth + 1);
    const row = element(
      'div',
      {
        class: `tree-row${changed ? ' changed' : ''}`,
        title: changed ? 'changed at this step' : undefined,
      },
      leaf
        ? element('span', { class: 'tree-toggle-space' })
        : element(
            'button',
            {
              class: 'tree-toggle',
              'data-path': path,
              'data-depth': String(depth + 1),
              'aria-expanded': String(open),
              'aria-label': `${open ? 'Collapse' : 'Expand'} ${label}`,
            },
            open ? '▾' : '▸',
          ),
      element('span', { class: 'tree-key' }, label),
      element('span', { class: `tree-value${leaf ? ' leaf' : ''}` }, formatValue(value)),
    );
    const item = element('li', {}, row);
    if (open) item.append(this.list(value, path, depth + 1));
    return item;
  }
}

/**
 * How a child is labelled: field names as they are, indices in brackets, Map keys with an arrow.
 */
function labelOf(parent: StateJson, segment: string): string {
  if (Array.isArray(parent)) return `[${segment}]`;
  if (parent !== null && typeof parent === 'object') {
    if (parent.$type === 'Map') return `${segment} →`;
    if (parent.$type === 'Set') return '•';
  }
  return segment;
}
