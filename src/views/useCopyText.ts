import { useCallback, useEffect, useRef, useState } from 'react';

export type CopyState =
  | { readonly status: 'idle' }
  | { readonly status: 'copied' }
  /** The clipboard refused (no permission, not a secure page): the text is shown to copy by hand. */
  | { readonly status: 'failed'; readonly text: string };

/** Copies text to the clipboard and says how it went; the confirmation fades after a few seconds. */
export function useCopyText(confirmMs = 4000): { state: CopyState; copy(text: string): void } {
  const [state, setState] = useState<CopyState>({ status: 'idle' });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current !== null) clearTimeout(timer.current);
  }, []);
  const copy = useCallback((text: string) => {
    if (timer.current !== null) clearTimeout(timer.current);
    const clipboard = globalThis.navigator?.clipboard;
    const done = () => {
      setState({ status: 'copied' });
      timer.current = setTimeout(() => setState({ status: 'idle' }), confirmMs);
    };
    if (!clipboard) {
      setState({ status: 'failed', text });
      return;
    }
    clipboard.writeText(text).then(done, () => setState({ status: 'failed', text }));
  }, [confirmMs]);
  return { state, copy };
}
