import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { resolve } from 'node:path';
import { reachableAssets, versionDatasets } from './scripts/app-files.mjs';

// Offline classrooms (issue 13): after one visit the app shell, the tfjs wasm binaries and every dataset
// shard already fetched come from the service worker's caches, so the app opens and trains with no network.
// Installable: a web manifest with icons. Shards are cached as they are fetched (not precached: the whole
// of CIFAR-10 is far more than one lesson needs).
// Updates (issue 23): a new service worker waits until the user reloads from the update notice
// (views/UpdateNotice.tsx), so an open page keeps the files it was built with; the first one claims the page
// at once, so the rest of a first visit (the training worker, wasm, lazy views) comes from its precache.
let outDir = 'dist';
const offline = VitePWA({
  registerType: 'prompt',
  // Minifying the generated service worker costs ~40 s of build on two cores for a few kB.
  minify: false,
  // Registered by src/main.tsx (serviceWorker.ts) once the page has loaded, with the update notice's hooks.
  injectRegister: false,
  // The icons and the manifest are in the glob below already; listed again they were precached twice.
  includeManifestIcons: false,
  manifest: {
    name: 'CNN Playground',
    short_name: 'CNN Playground',
    description: 'Build convolutional networks in the browser and watch them train.',
    theme_color: '#1f4e79',
    background_color: '#ffffff',
    display: 'standalone',
    icons: [
      { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' },
    ],
  },
  workbox: {
    // The plugin adds the web manifest itself.
    globPatterns: ['**/*.{js,css,html,wasm,svg,png}'],
    globIgnores: ['data/**', 'bench/**'],
    // Only what the app reaches from its page: the benchmark's workers and chunks ship in the same folder.
    // Each file once (the icons came both from the glob and from the manifest), and not the threaded wasm
    // binary: tfjs loads it only on a cross-origin isolated page, which this app is not.
    manifestTransforms: [(entries) => {
      const used = reachableAssets(outDir, ['index.html', 'manifest.webmanifest']);
      const seen = new Set<string>();
      const manifest = entries.filter((e) => !seen.has(e.url) && seen.add(e.url) && !e.url.includes('wasm-threaded')
        && (!e.url.startsWith('assets/') || used.has(e.url)));
      return { manifest, warnings: [] };
    }],
    // The wasm binaries and the tfjs worker chunk are several MB each.
    maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
    navigateFallback: 'index.html',
    clientsClaim: true,
    skipWaiting: false,
    cleanupOutdatedCaches: true,
    runtimeCaching: [{
      // meta.json names each shard with its content hash: asked of the network first, so a rebuilt dataset
      // reaches everyone who visited before; the cached copy serves offline.
      urlPattern: ({ url }) => url.pathname.includes('/data/') && url.pathname.endsWith('/meta.json'),
      handler: 'NetworkFirst',
      options: { cacheName: 'dataset-meta', networkTimeoutSeconds: 5, cacheableResponse: { statuses: [200] } },
    }, {
      // Shard addresses carry their content hash (?v=), so a cached shard is never stale.
      urlPattern: ({ url }) => url.pathname.includes('/data/'),
      handler: 'CacheFirst',
      options: { cacheName: 'datasets', expiration: { maxEntries: 400 }, cacheableResponse: { statuses: [200] } },
    }],
  },
});

/** Learns the build folder for the precache filter, and versions the built dataset files by content. */
function buildFolder(): Plugin {
  return {
    name: 'build-folder',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      versionDatasets(resolve(outDir, 'data'));
    },
  };
}

// Content-Security-Policy of the built app: our own scripts only, no eval, no inline script.
// 'wasm-unsafe-eval' lets WebAssembly compile (tfjs's wasm backend) and nothing else; the page itself runs no
// wasm, so only the header, which also governs the training worker, grants it. Styles allow 'unsafe-inline'
// for the style attributes React and the graph editor set. The dev server has no policy: React's fast refresh
// needs an inline script there.
const CSP_BASE = [
  "default-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:", "font-src 'self' data:", "connect-src 'self'",
  "worker-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'none'",
];
export const PAGE_CSP = [...CSP_BASE, "script-src 'self'"].join('; ');
export const WORKER_CSP = [...CSP_BASE, "script-src 'self' 'wasm-unsafe-eval'", "frame-ancestors 'none'"].join('; ');

/** Puts the page's policy in every built HTML file as a meta tag, so it holds on any static host. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: PAGE_CSP }, injectTo: 'head-prepend' }],
  };
}

// tfjs is large: it lives only in the worker bundle, so the page itself stays light.
export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), buildFolder(), offline],
  worker: { format: 'es' },
  // The training worker is found only when it starts; without listing it here the dev server would discover
  // tfjs then, re-bundle dependencies and reload the page, swallowing the user's first click on Train.
  optimizeDeps: {
    entries: ['index.html', 'src/train/worker.ts', 'bench/index.html'],
    include: ['@tensorflow/tfjs', '@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-webgl',
      '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-backend-cpu', 'zod'],
  },
  build: {
    target: 'es2022',
    rollupOptions: {
      // the benchmark page ships in the build so `npm run bench` measures the production bundle
      input: { main: 'index.html', bench: 'bench/index.html' },
    },
    chunkSizeWarningLimit: 2000,
    // Fonts stay files: the policy has no font-src, so an inlined data: font (KaTeX's smallest) would be blocked.
    assetsInlineLimit: (file) => (/\.(woff2?|ttf)$/.test(file) ? false : undefined),
  },
  server: { strictPort: true },
  // The header reaches the worker too (a meta tag cannot); on the page both policies hold, the stricter wins.
  preview: { strictPort: true, headers: { 'Content-Security-Policy': WORKER_CSP } },
});
