// Backend selection in Node, where webgl is never registered: 'auto' must land on wasm (cpu at worst) and
// say why; fallbacks must keep the reason of every failed step.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { autoPlan, isSoftwareRenderer, selectBackend } from './backend';
import { wasmGradientKernelNames } from './kernels';

const SWIFTSHADER = 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';
const GPU = 'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 (0x00002504) Direct3D11 vs_5_0 ps_5_0, D3D11)';

describe('isSoftwareRenderer', () => {
  it.each([
    [SWIFTSHADER, true],
    ['llvmpipe (LLVM 15.0.6, 256 bits)', true],
    ['Microsoft Basic Render Driver', true],
    ['Google SwiftShader', true],
    [GPU, false],
    ['Apple GPU', false],
    ['Mali-G78 MC14', false],
    ['ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)', false],
  ])('%s -> %s', (renderer, software) => {
    expect(isSoftwareRenderer(renderer)).toBe(software);
  });
});

describe('autoPlan', () => {
  it('prefers webgl on a real GPU, wasm on a software renderer, wasm without WebGL', () => {
    expect(autoPlan({ renderer: GPU }).order).toEqual(['webgl', 'wasm', 'cpu']);
    expect(autoPlan({ renderer: SWIFTSHADER }).order).toEqual(['wasm', 'webgl', 'cpu']);
    expect(autoPlan({ error: 'no WebGL2 context' })).toMatchObject({
      order: ['wasm', 'cpu'], notes: ['webgl unavailable: no WebGL2 context'],
    });
  });
});

describe('selectBackend in Node', () => {
  it("'auto' ends on wasm, with the reason and the wasm gradient kernels registered", async () => {
    const info = await selectBackend('auto', { wasmPaths: 'node_modules/@tensorflow/tfjs-backend-wasm/dist/' });
    expect(info.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(info.reason).toMatch(/^auto: no GPU; webgl unavailable: /);
    expect(info.renderer).toBeUndefined();
    expect(wasmGradientKernelNames()).toContain('Conv2DBackpropFilter');
  });

  it("explicit 'cpu' gives cpu", async () => {
    const info = await selectBackend('cpu');
    expect(info).toEqual({ name: 'cpu', reason: 'chosen by user' });
    expect(tf.getBackend()).toBe('cpu');
  });

  it("explicit 'wasm' gives wasm", async () => {
    expect(await selectBackend('wasm')).toEqual({ name: 'wasm', reason: 'chosen by user' });
  });

  it("explicit 'webgl' falls back to wasm and says why", async () => {
    const info = await selectBackend('webgl');
    expect(info.name).toBe('wasm');
    expect(info.reason).toMatch(/^chosen by user; webgl unavailable: .*; fell back to wasm$/);
  });

  it('a software renderer sends auto to wasm and reports the renderer', async () => {
    const info = await selectBackend('auto', {}, () => ({ renderer: SWIFTSHADER }));
    expect(info).toMatchObject({ name: 'wasm', renderer: SWIFTSHADER });
    expect(info.reason).toContain('software GPU renderer');
  });

  it('a real GPU sends auto to webgl first; here webgl is missing, so wasm, with both reasons', async () => {
    const info = await selectBackend('auto', {}, () => ({ renderer: GPU }));
    expect(info.name).toBe('wasm');
    expect(info.renderer).toBe(GPU);
    expect(info.reason).toMatch(/^auto: GPU renderer .*; webgl unavailable: .*; fell back to wasm$/);
  });
});
