/// <reference lib="dom" />

type Child = HTMLElement | SVGElement | string | undefined | false;

/**
 * Creates an element: `element('button', { class: 'primary', title: 'Next step' }, 'Next')`.
 * Attributes are set as given; `on*` handlers go through {@link listen}.
 */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes))
    if (value !== undefined) created.setAttribute(name, value);
  append(created, ...children);
  return created;
}

/** Appends children, skipping `undefined` and `false`, turning strings into text. */
export function append(parent: HTMLElement, ...children: Child[]): void {
  for (const child of children) {
    if (child === undefined || child === false) continue;
    parent.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Escapes text for SVG/HTML markup built as a string (the diagram's hot path). */
export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
