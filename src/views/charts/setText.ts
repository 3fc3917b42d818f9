// Text written into the page many times a second (a caption, a screen-reader line) changes its one text node's
// data: `textContent =` replaces the node, and the browser then restyles the new node and rebuilds its layout
// object in the next frame, where a changed string only needs the line laid out again. The same text writes
// nothing.

const TEXT_NODE = 3;

/** The parts of an element setText uses (a DOM Element has them). */
export interface TextHost {
  readonly firstChild: { readonly nodeType: number } | null;
  readonly lastChild: unknown;
  textContent: string | null;
}

export function setText(el: TextHost, text: string): void {
  const only = el.firstChild;
  if (only !== null && only === el.lastChild && only.nodeType === TEXT_NODE) {
    const node = only as unknown as { data: string };
    if (node.data !== text) node.data = text;
    return;
  }
  el.textContent = text;
}
