import { describe, expect, it } from 'vitest';
import { readLaunchOptions } from './launchOptions';

describe('readLaunchOptions', () => {
  it('reads limits, epochs and backend', () => {
    expect(readLaunchOptions('?trainLimit=512&testLimit=256&epochs=2&backend=wasm')).toEqual({
      trainLimit: 512,
      testLimit: 256,
      epochs: 2,
      backend: 'wasm',
      ignored: [],
    });
  });

  it('ignores malformed or out-of-range values and says which', () => {
    const o = readLaunchOptions('?trainLimit=-5&testLimit=1e9&epochs=abc&backend=<script>');
    expect(o.trainLimit).toBeUndefined();
    expect(o.testLimit).toBeUndefined();
    expect(o.backend).toBeUndefined();
    expect(o.ignored.sort()).toEqual(['backend', 'epochs', 'testLimit', 'trainLimit']);
  });

  it('reads only its own names: the experiment link\'s fields are not launch options', () => {
    expect(readLaunchOptions('?lr=0.1&m=abc&v=1&ep=4')).toEqual({ ignored: [] });
  });

  it('reads ?workers=1 as one worker and refuses other counts', () => {
    expect(readLaunchOptions('?workers=1')).toEqual({ workers: 'one', ignored: [] });
    expect(readLaunchOptions('?workers=auto')).toEqual({ workers: 'auto', ignored: [] });
    expect(readLaunchOptions('?workers=3')).toEqual({ ignored: ['workers'] });
  });

  it('is empty for an empty query', () => {
    expect(readLaunchOptions('')).toEqual({ ignored: [] });
  });
});
