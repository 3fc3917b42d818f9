import { describe, expect, it } from 'vitest';
import { setText, type TextHost } from './setText';

/** An element holding `children`, whose textContent setter replaces them with one new text node. */
function host(children: { nodeType: number; data?: string }[]) {
  let replaced = 0;
  const el = {
    children,
    get firstChild() { return this.children[0] ?? null; },
    get lastChild() { return this.children.at(-1) ?? null; },
    get textContent() { return this.children.map((c) => c.data ?? '').join(''); },
    set textContent(text: string | null) {
      replaced += 1;
      this.children = text ? [{ nodeType: 3, data: text }] : [];
    },
  };
  return { el: el as TextHost & { children: typeof children }, replaced: () => replaced };
}

describe('setText', () => {
  it('changes the data of the one text node, keeping the node', () => {
    const node = { nodeType: 3, data: '7 75%' };
    const h = host([node]);
    setText(h.el, '7 76%');
    expect(h.el.children[0]).toBe(node);
    expect(node.data).toBe('7 76%');
    expect(h.replaced()).toBe(0);
  });

  it('writes nothing when the text is the same', () => {
    let writes = 0;
    const node = { nodeType: 3, get data() { return 'same'; }, set data(_v: string) { writes += 1; } };
    setText(host([node]).el, 'same');
    expect(writes).toBe(0);
  });

  it('falls back to textContent for an empty element, an element node or several children', () => {
    for (const children of [[], [{ nodeType: 1 }], [{ nodeType: 3, data: 'a' }, { nodeType: 3, data: 'b' }]]) {
      const h = host(children);
      setText(h.el, 'new');
      expect(h.replaced()).toBe(1);
      expect(h.el.textContent).toBe('new');
    }
  });
});
