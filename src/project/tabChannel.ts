// Tabs of the same browser tell each other what they saved, so two tabs on one project stay in step and
// every tab's project list stays current. BroadcastChannel reaches the other tabs of this origin, not the
// sender; a browser without it keeps each tab on its own (a save made from an older version is still
// refused by the store, never written over another tab's).
export type TabMessage =
  /** A project was saved; `updatedAt` names the version now stored. */
  | { readonly type: 'saved'; readonly id: string; readonly updatedAt: number }
  /** Projects were added, renamed or deleted. */
  | { readonly type: 'listChanged' };

export interface TabChannel {
  post(msg: TabMessage): void;
  subscribe(listener: (msg: TabMessage) => void): () => void;
  close(): void;
}

export const TAB_CHANNEL = 'cnn-playground-projects';

export function broadcastTabs(name = TAB_CHANNEL): TabChannel | null {
  if (typeof BroadcastChannel === 'undefined') return null;
  const channel = new BroadcastChannel(name);
  const listeners = new Set<(msg: TabMessage) => void>();
  channel.onmessage = (e: MessageEvent) => {
    const msg = e.data as TabMessage | null;
    if (msg?.type === 'saved' || msg?.type === 'listChanged') listeners.forEach((l) => l(msg));
  };
  return {
    post: (msg) => channel.postMessage(msg),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => channel.close(),
  };
}
