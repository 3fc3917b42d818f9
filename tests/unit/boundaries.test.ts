// The import boundaries of shared/STYLE.md, held by ESLint (eslint.config.js): the model core is pure, the worker
// side of src/train is reached only through src/train/api, and training never imports the store or views, at any
// folder depth. Each case lints one line as if it sat in the named file.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function restricted(filePath: string, line: string): Promise<boolean> {
  const [result] = await eslint.lintText(`${line}\nexport const unused = x;\n`, { filePath });
  return (result?.messages ?? []).some((m) => m.ruleId === 'no-restricted-imports');
}

describe('import boundaries', () => {
  it.each([
    ['src/views/workspace/Thing.tsx', "import { x } from '../../train/engine';"],
    ['src/views/a/b/Thing.tsx', "import { x } from '../../../train/probes/hub';"],
    ['src/store/thing.ts', "import { x } from '../train/buildModel';"],
    ['src/data/byo/thing.ts', "import { x } from '../../train/understand/service';"],
    ['src/train/probes/thing.ts', "import { x } from '../../store/a/b';"],
    ['src/train/understand/deep/thing.ts', "import { x } from '../../../views/viz/hooks';"],
    ['src/train/api/thing.ts', "import { x } from '../engine';"],
    ['src/train/api/thing.ts', "import * as x from '@tensorflow/tfjs';"],
    ['src/model/thing.ts', "import { x } from '../train/api/protocol';"],
    ['src/model/deep/thing.ts', "import { x } from '../../store/x/y';"],
    ['src/model/thing.ts', "import { x } from '../paint/colors';"],
    ['src/blocks/thing.ts', "import * as x from '@tensorflow/tfjs';"],
    ['src/blocks/common/thing.ts', "import { x } from '../../train/blocks/registry';"],
    ['src/blocks/thing.ts', "import { x } from '../train/api/protocol';"],
    ['src/tasks/thing.ts', "import * as x from '@tensorflow/tfjs';"],
    ['src/tasks/thing.ts', "import { x } from '../store/x';"],
    ['src/detection/thing.ts', "import * as x from '@tensorflow/tfjs';"],
    ['src/detection/thing.ts', "import { x } from '../metrics/series';"],
    ['src/train/blocks/thing.ts', "import { x } from '../../views/viz/hooks';"],
    ['src/train/tasks/thing.ts', "import { x } from 'react';"],
    ['src/views/editor/Thing.tsx', "import { x } from '../../train/blocks/registry';"],
  ])('%s may not %s', async (file, line) => {
    expect(await restricted(file, line)).toBe(true);
  }, 30_000);

  it.each([
    ['src/views/workspace/Thing.tsx', "import { x } from '../../train/api/protocol';"],
    ['src/store/thing.ts', "import { x } from '../train/api/client';"],
    ['src/train/probes/thing.ts', "import { x } from '../api/protocol';"],
    ['src/train/api/thing.ts', "import { x } from './protocol';"],
    ['src/train/api/thing.ts', "import { x } from '../../model/spec';"],
    ['src/train/engine.test.ts', "import { x } from './engine';"],
    ['src/model/thing.ts', "import { x } from '../blocks/registry';"],
    ['src/views/editor/Thing.tsx', "import { x } from '../../blocks/registry';"],
    ['src/train/blocks/thing.ts', "import { x } from '../../blocks/conv2d';"],
    ['src/train/tasks/thing.ts', "import { x } from '../../tasks/registry';"],
  ])('%s may %s', async (file, line) => {
    expect(await restricted(file, line)).toBe(false);
  }, 30_000);
});
