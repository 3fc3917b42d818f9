// Text alternatives for the canvas views: a canvas that shows something is an image named by the text it
// draws (block labels, captions); an empty one is hidden from assistive technology rather than an unnamed image.

export function describeCanvas(canvas: HTMLCanvasElement, text: string): void {
  if (text.trim() === '') {
    canvas.removeAttribute('role');
    canvas.removeAttribute('aria-label');
    canvas.setAttribute('aria-hidden', 'true');
    return;
  }
  canvas.removeAttribute('aria-hidden');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', text);
}
