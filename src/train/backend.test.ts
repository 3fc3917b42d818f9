// Backend selection in Node, where webgl is never registered: 'auto' must land on wasm (cpu at worst) and
// say why; fallbacks must keep the reason of every failed step.
import { afterEach, describe, expect, it } from 'vitest';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs';
import { autoPlan, isSoftwareRenderer, rememberSelection, selectBackend } from './backend';
import type { BackendChoice, BackendInfo, BackendName } from './api/protocol';
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

describe('WebGPU in the measured choice', () => {
  const ADAPTER = { adapter: 'nvidia ampere', fallback: false };

  it('plans to time webgpu, a hardware webgl and wasm; never a software adapter', () => {
    expect(autoPlan({ renderer: GPU }, ADAPTER)).toMatchObject({
      order: ['webgpu', 'webgl', 'wasm', 'cpu'], measure: ['webgpu', 'webgl', 'wasm'],
    });
    expect(autoPlan({ renderer: SWIFTSHADER }, ADAPTER).measure).toEqual(['webgpu', 'wasm']);
    expect(autoPlan({ error: 'no WebGL2 context' }, ADAPTER).order).toEqual(['webgpu', 'wasm', 'cpu']);
    const software = autoPlan({ renderer: SWIFTSHADER }, { adapter: 'google swiftshader', fallback: true });
    expect(software).toMatchObject({ order: ['wasm', 'webgl', 'cpu'], measure: [] });
    expect(software.notes).toEqual(['webgpu skipped: software adapter (google swiftshader)']);
    // No adapter and no hardware renderer: nothing to time.
    expect(autoPlan({ renderer: SWIFTSHADER }, { error: 'no navigator.gpu here' }).measure).toEqual([]);
  });

  // Node has no WebGPU: a cpu backend registered under the name 'webgpu' stands in, with made-up timings.
  const fakeWebGpu = { probeWebGpu: async () => ADAPTER, loadWebGpu: async () => {
    if (tf.findBackendFactory('webgpu') === null) tf.registerBackend('webgpu', () => new MathBackendCPU());
  } };
  afterEach(() => {
    if (tf.findBackendFactory('webgpu') !== null) tf.removeBackend('webgpu');
  });

  it.each([
    [{ webgpu: 4, wasm: 9 }, 'webgpu'],
    [{ webgpu: 12, wasm: 9 }, 'wasm'],
  ] as const)('times the candidates and keeps the fastest (%o -> %s)', async (ms, fastest) => {
    const timed: string[] = [];
    const info = await selectBackend('auto', { ...fakeWebGpu, timeProbe: async (name) => {
      timed.push(name);
      return ms[name as 'webgpu' | 'wasm'];
    } }, () => ({ renderer: SWIFTSHADER }));
    expect(timed).toEqual(['webgpu', 'wasm']);
    expect(info.name).toBe(fastest);
    expect(tf.getBackend()).toBe(fastest);
    expect(info.measuredMs).toEqual(ms);
    expect(info.reason).toMatch(new RegExp(`^auto: ${fastest} fastest in a timed training probe \\(webgpu ${ms.webgpu} ms, wasm ${ms.wasm} ms\\)`));
  });

  it('starts the backend measured fastest on an earlier visit on the same GPU, without timing again', async () => {
    const timed: string[] = [];
    const timeProbe = async (name: BackendName) => {
      timed.push(name);
      return 1;
    };
    const remembered = { name: 'webgpu' as const, measuredMs: { webgpu: 4, wasm: 9 }, renderer: SWIFTSHADER, adapter: ADAPTER.adapter };
    const info = await selectBackend('auto', { ...fakeWebGpu, timeProbe, remembered }, () => ({ renderer: SWIFTSHADER }));
    expect(timed).toEqual([]);
    expect(tf.getBackend()).toBe('webgpu');
    expect(info).toMatchObject({ name: 'webgpu', measuredMs: { webgpu: 4, wasm: 9 }, remembered: true, adapter: ADAPTER.adapter });
    expect(info.reason).toMatch(/^auto: webgpu fastest in a timed training probe earlier in this browser \(webgpu 4 ms, wasm 9 ms\)/);
  });

  it('times again when the remembered measurement was taken on another GPU', async () => {
    const timed: string[] = [];
    const timeProbe = async (name: BackendName) => {
      timed.push(name);
      return name === 'wasm' ? 3 : 8;
    };
    for (const other of [{ adapter: 'intel xe' }, { renderer: GPU }]) {
      timed.length = 0;
      const remembered = { name: 'webgpu' as const, measuredMs: { webgpu: 4, wasm: 9 }, renderer: SWIFTSHADER, adapter: ADAPTER.adapter, ...other };
      const info = await selectBackend('auto', { ...fakeWebGpu, timeProbe, remembered }, () => ({ renderer: SWIFTSHADER }));
      expect(timed).toEqual(['webgpu', 'wasm']);
      expect(info.name).toBe('wasm');
      expect(info.remembered).toBeUndefined();
      expect(info.measuredMs).toEqual({ webgpu: 8, wasm: 3 });
    }
  });

  it('a webgpu that will not start is noted once, and the rest still decide', async () => {
    const info = await selectBackend('auto', { probeWebGpu: async () => ADAPTER, loadWebGpu: async () => {},
      timeProbe: async () => 1 }, () => ({ renderer: SWIFTSHADER }));
    expect(info.name).toBe('wasm');
    expect(info.measuredMs).toBeUndefined();
    expect(info.reason.match(/webgpu unavailable/g)).toHaveLength(1);
  });

  it("explicit 'webgpu' without an adapter falls back to wasm and says why", async () => {
    const info = await selectBackend('webgpu', { probeWebGpu: async () => ({ error: 'no navigator.gpu here' }) });
    expect(info.name).toBe('wasm');
    expect(info.reason).toMatch(/^chosen by user; webgpu unavailable: no navigator.gpu here; .*fell back to wasm$/);
  });
});

describe('rememberSelection', () => {
  const info = (name: BackendName): BackendInfo => ({ name, reason: `picked ${name}` });

  it('selects once per choice, also for calls made while the first is still going', async () => {
    const calls: BackendChoice[] = [];
    const select = rememberSelection(async (choice) => {
      calls.push(choice);
      return info('wasm');
    }, () => 'wasm');
    const [a, b] = await Promise.all([select('auto'), select('auto')]);
    await select('auto');
    expect(calls).toEqual(['auto']);
    expect(a).toBe(b);
    await select('cpu');
    expect(calls).toEqual(['auto', 'cpu']);
  });

  it('selects again when the active backend moved away (a lost GPU context) or the selection failed', async () => {
    let active = 'webgl';
    let fail = true;
    const calls: BackendChoice[] = [];
    const select = rememberSelection(async (choice) => {
      calls.push(choice);
      if (fail) throw new Error('no backend');
      return info('webgl');
    }, () => active);
    await expect(select('auto')).rejects.toThrow('no backend');
    fail = false;
    expect((await select('auto')).name).toBe('webgl');
    active = 'wasm';
    await select('auto');
    expect(calls).toEqual(['auto', 'auto', 'auto']);
  });
});
