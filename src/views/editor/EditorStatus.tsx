// The editor's status line: what the last edit did, for everyone to see and for screen readers to hear.
// Fed by a store subscription (no re-render of the editor per change, only of this line).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '../AppContext';
import { describeChange, type Announcement } from './announce';

export function EditorStatus() {
  const { t } = useTranslation('editor');
  const { store } = useServices();
  const [said, setSaid] = useState<Announcement | null>(null);
  useEffect(() => store.subscribe((s, prev) => {
    if (s.spec === prev.spec) return;
    const next = describeChange(prev.spec, s.spec);
    if (next !== null) setSaid(next);
  }), [store]);
  return (
    <p className="editor-status" role="status" aria-live="polite">
      {said ? t(said.key, said.values) : '\u00a0'}
    </p>
  );
}
