// Asks before the page is left while a run is going (or paused): the run, its curves and its weights live
// only in this tab until runs can be kept and exported.
import type { AppStore } from './appStore';
import { selectRunActive } from './appStore';

type Target = Pick<Window, 'addEventListener' | 'removeEventListener'>;

/** Installs the guard; returns its removal. */
export function guardLeaving(store: AppStore, target: Target): () => void {
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    const s = store.getState();
    if (!selectRunActive(s)) return;
    event.preventDefault();
    // Older browsers ask only when returnValue is set.
    event.returnValue = '';
  };
  target.addEventListener('beforeunload', onBeforeUnload);
  return () => target.removeEventListener('beforeunload', onBeforeUnload);
}
