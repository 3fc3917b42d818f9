import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// tfjs is large: it lives only in the worker bundle, so the page itself stays light.
export default defineConfig({
  plugins: [react()],
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
  },
  server: { strictPort: true },
  preview: { strictPort: true },
});
