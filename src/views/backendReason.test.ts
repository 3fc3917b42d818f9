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
});
