// Vite-only: `?url` makes Vite copy each wasm binary into the build and give us its final (hashed) URL,
// which the wasm backend cannot guess from inside a bundled worker. Kept apart from backend.ts so that
// module stays importable in Node tests. Use in the worker:
//   selectBackend(choice, { wasmPaths: wasmPaths() })
import plainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

/** The URL of each wasm binary, keyed by the file names setWasmPaths expects. */
export function wasmPaths(): Record<string, string> {
  return {
    'tfjs-backend-wasm.wasm': plainUrl,
    'tfjs-backend-wasm-simd.wasm': simdUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': threadedSimdUrl,
  };
}
