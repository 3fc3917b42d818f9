// Saving any chart or diagram as SVG or PNG. A chart's SVG is styled by the page's stylesheet, which a
// saved file does not carry: the clone gets the computed values of the properties that change how SVG
// looks inlined, so the file looks the same anywhere. A canvas saves as PNG directly, or as an SVG that
// embeds its pixels. Everything here runs on demand (a click), never per frame.

/** The SVG presentation properties copied from the computed style onto the saved clone. */
export const INLINED_PROPERTIES = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'stroke-linecap',
  'stroke-linejoin', 'opacity', 'visibility', 'display', 'font-family', 'font-size', 'font-weight', 'font-style',
  'text-anchor', 'dominant-baseline', 'shape-rendering', 'paint-order', 'image-rendering',
] as const;

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A file name without characters that file systems reject, with the extension added once. */
export function fileName(name: string, ext: 'png' | 'svg'): string {
  const base = name.trim().replace(/[\\/:*?"<>|\s]+/g, '-').replace(/^-+|-+$/g, '') || 'chart';
  return base.toLowerCase().endsWith(`.${ext}`) ? base : `${base}.${ext}`;
}

/** style="" text for the given computed values, leaving out the ones equal to the SVG defaults. */
export function styleText(get: (prop: string) => string): string {
  const parts: string[] = [];
  for (const prop of INLINED_PROPERTIES) {
    const value = get(prop);
    if (value !== '' && value !== 'normal' && value !== 'auto') parts.push(`${prop}:${value}`);
  }
  return parts.join(';');
}

export type SaveTarget = Element | null | undefined;

/** The element to save: the target itself when it is an <svg> or <canvas>, else the first one inside it. */
export function resolveTarget(target: SaveTarget): SVGSVGElement | HTMLCanvasElement {
  if (!target) throw new Error('There is nothing to save yet.');
  if (target instanceof SVGSVGElement || target instanceof HTMLCanvasElement) return target;
  const found = target.querySelector('svg, canvas');
  if (found instanceof SVGSVGElement || found instanceof HTMLCanvasElement) return found;
  throw new Error('There is nothing to save yet.');
}

function svgSize(svg: SVGSVGElement): { width: number; height: number } {
  const box = svg.getBoundingClientRect();
  const width = Number(svg.getAttribute('width')) || box.width || 300;
  const height = Number(svg.getAttribute('height')) || box.height || 150;
  return { width: Math.ceil(width), height: Math.ceil(height) };
}

/** The SVG as a standalone document: styles inlined, namespaced, sized, on a white background. */
export function serializeSvg(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...Array.from(svg.querySelectorAll('*'))];
  const copies = [clone, ...Array.from(clone.querySelectorAll('*'))];
  originals.forEach((el, i) => {
    const copy = copies[i];
    if (!copy) return;
    const computed = getComputedStyle(el);
    const text = styleText((p) => computed.getPropertyValue(p));
    if (text) copy.setAttribute('style', text);
  });
  const { width, height } = svgSize(svg);
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  if (!clone.getAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', '#ffffff');
  clone.insertBefore(background, clone.firstChild);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`;
}

/** A canvas as an SVG document embedding its pixels (crisp when scaled: pixelated rendering). */
export function canvasToSvg(canvas: HTMLCanvasElement): string {
  const width = canvas.clientWidth || canvas.width;
  const height = canvas.clientHeight || canvas.height;
  const href = canvas.toDataURL('image/png');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="${SVG_NS}" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}"><image href="${href}" width="${width}" height="${height}" ` +
    'preserveAspectRatio="none" style="image-rendering:pixelated"/></svg>';
}

/** The SVG text of a target (an <svg>, a <canvas>, or an element holding one). */
export function svgText(target: SaveTarget): string {
  const el = resolveTarget(target);
  return el instanceof SVGSVGElement ? serializeSvg(el) : canvasToSvg(el);
}

function canvasBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The image could not be encoded.'))), 'image/png');
  });
}

async function svgToPng(svg: SVGSVGElement, scale: number): Promise<Blob> {
  const { width, height } = svgSize(svg);
  const url = URL.createObjectURL(new Blob([serializeSvg(svg)], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(width * scale));
    canvas.height = Math.max(1, Math.round(height * scale));
    const g = canvas.getContext('2d');
    if (!g) throw new Error('This browser cannot draw the image.');
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await canvasBlob(canvas);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The PNG of a target; SVGs are rendered at `scale` times their size (2 = sharp on high-density screens). */
export function pngBlob(target: SaveTarget, scale = 2): Promise<Blob> {
  const el = resolveTarget(target);
  return el instanceof SVGSVGElement ? svgToPng(el, scale) : canvasBlob(el);
}

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Downloads the target as `<name>.svg`. */
export function saveSvg(target: SaveTarget, name: string): void {
  download(new Blob([svgText(target)], { type: 'image/svg+xml' }), fileName(name, 'svg'));
}

/** Downloads the target as `<name>.png`. */
export async function savePng(target: SaveTarget, name: string, scale = 2): Promise<void> {
  download(await pngBlob(target, scale), fileName(name, 'png'));
}
