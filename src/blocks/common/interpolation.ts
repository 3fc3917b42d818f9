// Upsampling by an integer factor as a matrix per axis: out = A · in, A of shape [in * scale, in]. Nearest
// copies pixel floor(o / scale); bilinear reads half-pixel centres, src = (o + 0.5) / scale - 0.5, clamped
// at the edges (PyTorch's align_corners=False, Keras's UpSampling2D, ONNX Resize's 'half_pixel'). The
// ONNX export multiplies by these matrices, and the worker trains bilinear upsampling with them: tfjs'
// resizeBilinear gradient ignores half-pixel centres.
export type Interpolation = 'nearest' | 'bilinear';

/** Row-major [size * scale, size]. */
export function interpolationMatrix(size: number, scale: number, mode: Interpolation): Float32Array {
  const out = size * scale;
  const m = new Float32Array(out * size);
  for (let o = 0; o < out; o++) {
    if (mode === 'nearest') {
      m[o * size + Math.floor(o / scale)] = 1;
      continue;
    }
    const src = Math.max((o + 0.5) / scale - 0.5, 0);
    const i0 = Math.min(Math.floor(src), size - 1);
    const i1 = Math.min(i0 + 1, size - 1);
    const f = src - i0;
    m[o * size + i0] = (m[o * size + i0] as number) + 1 - f;
    m[o * size + i1] = (m[o * size + i1] as number) + f;
  }
  return m;
}
