// A tiny element builder. Every piece of credential data reaches the page as a text node or an
// attribute value, never as HTML, so a credential cannot inject markup into the verifier.

type Child = Node | string | number | false | null | undefined | Child[];

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  append(element, children);
  return element;
}

function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** An icon that screen readers skip: the word next to it carries the meaning. */
export const icon = (glyph: string): HTMLElement =>
  h('span', { class: 'icon', 'aria-hidden': 'true' }, glyph);
