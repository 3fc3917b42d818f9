// Serves the built app with Vite's preview server for the browser tests: dist/, or E2E_DIST when set
// (so several builds can be tested side by side).
import { existsSync } from 'node:fs';
import { preview, type PreviewServer } from 'vite';

let server: PreviewServer | undefined;

export async function setup(): Promise<void> {
  const outDir = process.env.E2E_DIST || 'dist';
  if (!existsSync(`${outDir}/index.html`)) throw new Error(`${outDir}/ is missing: run \`npm run build\` before the browser tests`);
  server = await preview({ build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'warn' });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('preview server did not report a URL');
  process.env.E2E_BASE_URL = url;
}

export async function teardown(): Promise<void> {
  await server?.close();
}
