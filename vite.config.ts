import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// tfjs is large: it lives only in the worker bundle, so the page itself stays light.
export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
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
