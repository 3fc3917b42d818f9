import { createContext } from 'react';

/** What the workspace shares with its panels: where the editor's inspector is to be rendered. */
export const WorkspaceContext = createContext<{ setBlockSlot: (el: HTMLElement | null) => void }>({ setBlockSlot: () => {} });
