// A view's link to the worker: the latest answer for the view (kept across tab switches by the channel),
// whether a request is out, and `ask`. Answers arrive through the channel's subscription, not the store.
import { useCallback, useEffect, useState } from 'react';
import type { UnderstandFromWorker, UnderstandRequest, UnderstandView } from '../../train/api/understandProtocol';
import { useServices } from '../AppContext';

export interface ViewLink {
  readonly answer: UnderstandFromWorker | null;
  readonly busy: boolean;
  /** Set when there was no run to ask. */
  readonly noRun: boolean;
  ask(request: UnderstandRequest): void;
}

export function useUnderstand(view: UnderstandView): ViewLink {
  const { store, run } = useServices();
  const { understanding } = run;
  const [answer, setAnswer] = useState<UnderstandFromWorker | null>(() => understanding.latest(view));
  const [busy, setBusy] = useState(false);
  const [noRun, setNoRun] = useState(false);
  useEffect(() => understanding.subscribe(view, (a) => {
    setAnswer(a);
    const partial = a.result?.view === 'classviz' && !a.result.done;
    if (!partial) setBusy(false);
  }), [understanding, view]);
  const ask = useCallback((request: UnderstandRequest) => {
    const sent = understanding.request(request);
    setNoRun(!sent);
    setBusy(sent);
    if (sent) store.getState().recordViewComputed(request.view); // a lesson step asks for views computed, not only opened
  }, [understanding, store]);
  return { answer, busy, noRun, ask };
}
