import { useEffect } from 'react';
import { actionForKey, type ActionContext } from './actions';

/** The region holding focus, for F: the network, the chart or the side panel. */
function focusedView(): string {
  const el = document.activeElement?.closest?.('[data-view]');
  return el?.getAttribute('data-view') ?? 'network';
}

/** The workspace's keys on the whole page; the focused element keeps the keys it owns (see actionForKey). */
export function useWorkspaceKeys(ctx: ActionContext): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = actionForKey(e);
      if (!action) return;
      e.preventDefault();
      action.perform({ ...ctx, focusedView }, e.key);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ctx]);
}
