import { useEffect } from 'react';
import { actionForKey, type ActionContext } from './actions';

/** The region last clicked or tapped: a chart or a map takes no focus, yet F should show it. */
let pointed: string | null = null;
const viewOf = (el: Element | null | undefined) => el?.closest?.('[data-view]')?.getAttribute('data-view') ?? null;

/** The region for F: the one holding focus, else the one last clicked, else the network. */
function focusedView(): string {
  return viewOf(document.activeElement) ?? pointed ?? 'network';
}

/**
 * The workspace's keys on the whole page. Normally the focused element keeps the keys it owns (the editor's
 * arrows, Space on a button: see actionForKey), so the page listens after it. In presenter mode the page
 * listens first (capture) and keeps its keys from the editor and the tabs: only text fields keep theirs.
 */
export function useWorkspaceKeys(ctx: ActionContext): void {
  useEffect(() => {
    const onKey = (first: boolean) => (e: KeyboardEvent) => {
      const presenter = ctx.store.getState().presenter;
      if (presenter !== first) return;
      const action = actionForKey(e, presenter);
      // A key whose action cannot act (a lesson step hides the run) stays with what has focus: Space still
      // presses the lesson's focused button in presenter mode.
      if (!action || action.enabled?.(ctx) === false) return;
      e.preventDefault();
      if (presenter) e.stopPropagation();
      action.perform({ ...ctx, focusedView }, e.key);
    };
    const capture = onKey(true);
    const bubble = onKey(false);
    const point = (e: PointerEvent) => {
      pointed = viewOf(e.target as Element | null);
    };
    window.addEventListener('keydown', capture, true);
    window.addEventListener('keydown', bubble);
    window.addEventListener('pointerdown', point, true);
    return () => {
      window.removeEventListener('keydown', capture, true);
      window.removeEventListener('keydown', bubble);
      window.removeEventListener('pointerdown', point, true);
    };
  }, [ctx]);
}
