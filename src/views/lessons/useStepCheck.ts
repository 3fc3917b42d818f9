import { useEffect } from 'react';
import { findStep, stepKey, type StepRef } from '../../lessons';
import { useServices } from '../AppContext';

/** Evaluates the open step's check on every store change and marks it done the first time it holds. */
export function useStepCheck(ref: StepRef | null): void {
  const { store } = useServices();
  useEffect(() => {
    if (!ref) return undefined;
    const step = findStep(ref);
    if (!step) return undefined;
    const key = stepKey(ref.lesson, step);
    const evaluate = () => {
      const s = store.getState();
      if (s.lessonDone[key]) return;
      let ok = false;
      try {
        ok = step.check({ state: s, results: s.lessonResults });
      } catch (err) {
        console.warn('lesson check failed', err); // a check that throws counts as not done
      }
      if (ok) s.markStepDone(key);
    };
    evaluate();
    return store.subscribe(evaluate);
  }, [store, ref]);
}
