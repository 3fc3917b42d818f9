import { Workspace } from './workspace/Workspace';

// The page is one workspace (src/views/workspace): top bar, network strip, chart and side panels. Features
// add their panel to the workspace's panel list (src/views/workspace/panels.ts) with one line.
export function App({ ignoredParams }: { ignoredParams: readonly string[] }) {
  return <Workspace ignoredParams={ignoredParams} />;
}
