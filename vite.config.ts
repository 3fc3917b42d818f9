import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// tfjs is large: it lives only in the worker bundle, so the page itself stays light.
export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
  },
  server: { strictPort: true },
  preview: { strictPort: true },
});
