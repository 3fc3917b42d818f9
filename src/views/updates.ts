// The service worker's side of an update (issue 23): a new version installs in the background and waits; the
// page says so (UpdateNotice.tsx) and reloads only when the user asks. The old version's service worker keeps
// serving the open page the files it was built with until then.
import type { RegisterSWOptions } from 'vite-plugin-pwa/types';

/** 'ready': a new version waits; 'active': it already serves this page (another tab reloaded into it). */
export type UpdateState = 'none' | 'ready' | 'active';

export type RegisterSW = (options: RegisterSWOptions) => (reloadPage?: boolean) => Promise<void>;

export interface Updates {
  state(): UpdateState;
  subscribe(listener: () => void): () => void;
  /** Registers the service worker; `register` is vite-plugin-pwa's registerSW (a fake in tests). */
  start(register: RegisterSW): void;
  /** The user's choice: the waiting version takes over and the page reloads into it. */
  apply(): void;
}

// An open page also looks for a new version now and then, not only when it is loaded.
const CHECK_EVERY_MS = 30 * 60_000;

export function createUpdates(reload: () => void = () => window.location.reload()): Updates {
  let state: UpdateState = 'none';
  let asked = false;
  let skipWaiting: (() => Promise<void>) | null = null;
  const listeners = new Set<() => void>();
  const set = (next: UpdateState) => {
    state = next;
    for (const listener of [...listeners]) listener();
  };
  return {
    state: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    start(register) {
      skipWaiting = register({
        immediate: true,
        onNeedRefresh: () => set('ready'),
        // The new version now controls this page: reload if the user asked for it, else say so and wait.
        onNeedReload: () => (asked ? reload() : set('active')),
        onRegisteredSW: (_url, registration) => {
          if (registration) setInterval(() => void registration.update().catch(() => undefined), CHECK_EVERY_MS);
        },
      });
    },
    apply() {
      if (state === 'active' || skipWaiting === null) {
        reload();
        return;
      }
      asked = true;
      void skipWaiting();
    },
  };
}
