import { describe, expect, it } from 'vitest';
import { i18n } from '../i18n';
import { backendReasonText } from './backendReason';

describe('backendReasonText', () => {
  it('words the parts the worker always uses in Korean, keeping technical details', () => {
    const t = i18n.getFixedT('ko', 'walk');
    const text = backendReasonText('auto: software GPU renderer (ANGLE (SwiftShader)), wasm is faster; fell back to cpu; wasm unavailable: boom', t);
    expect(text).toBe('자동: GPU 렌더러가 소프트웨어(ANGLE (SwiftShader))라서 WebAssembly가 더 빠름; cpu(으)로 대신 실행; wasm unavailable: boom');
    expect(backendReasonText('chosen by user', t)).toBe('직접 고름');
    expect(backendReasonText('chosen by user', i18n.getFixedT('en', 'walk'))).toBe('chosen by you');
  });

  it('words the WebGPU notes too (the Korean status bar showed "webgpu unavailable: navigator.gpu gave no adapter")', () => {
    const t = i18n.getFixedT('ko', 'walk');
    expect(backendReasonText('auto: no GPU; webgpu unavailable: navigator.gpu gave no adapter', t))
      .toBe('자동: GPU 없음; WebGPU를 쓸 수 없음: 브라우저가 GPU 어댑터를 주지 않음');
    expect(backendReasonText('webgpu unavailable: no navigator.gpu here', t)).toBe('WebGPU를 쓸 수 없음: 브라우저가 GPU 어댑터를 주지 않음');
    expect(backendReasonText('webgpu skipped: software adapter (google swiftshader)', t)).toBe('WebGPU 건너뜀: 어댑터가 소프트웨어(google swiftshader)');
    expect(backendReasonText('auto: WebGPU adapter nvidia ampere', t)).toBe('자동: WebGPU 어댑터 nvidia ampere');
    expect(backendReasonText('webgpu unavailable: boom', t)).toBe('WebGPU를 쓸 수 없음: boom');
  });
});
