import { memo, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { findLesson, formatStepRef, LESSONS, stepKey, type StepRef } from '../../lessons';
import { selectRunActive } from '../../store/appStore';
import { useApp, useServices } from '../AppContext';
import { openStep } from './stepNav';
import { StepView } from './StepView';
import './lessons.css';

const TOTAL = LESSONS.reduce((n, l) => n + l.steps.length, 0);

/** The lesson path: pick a lesson, read a step, do its task; the app checks it and remembers progress. */
export const LessonsPanel = memo(function LessonsPanel() {
  const { t } = useTranslation('lessons');
  const { store } = useServices();
  const lang = useApp((s) => s.language);
  const ref = useApp((s) => s.lessonStep);
  const done = useApp((s) => s.lessonDone);
  const place = useApp((s) => s.lessonPlace);
  const busy = useApp((s) => selectRunActive(s) || s.compareProgress !== null);
  const [hints, setHints] = useState(0);
  const [setupRefused, setSetupRefused] = useState(false);
  // The step's check and the runs it reads are watched by the lesson strip (LessonCompanion), always mounted.

  const open = (next: StepRef | null, apply = true) => {
    setHints(0);
    setSetupRefused(!openStep(store, next, apply));
  };
  // A lesson opened again resumes at the step last open, with the student's network as they left it.
  const resume = (id: number) => {
    const at = place[id];
    if (at !== undefined && findLesson(id)?.steps[at - 1]) open({ lesson: id, step: at }, false);
    else open({ lesson: id, step: 1 });
  };
  const lesson = ref ? findLesson(ref.lesson) : undefined;
  const step = lesson && ref ? lesson.steps[ref.step - 1] : undefined;
  // A step opens at its top: the panel (and the step's text and tool, which scroll on their own) kept the
  // scroll of the step before, whose Next button was lower down.
  const top = useRef<HTMLElement>(null);
  const stepName = ref ? formatStepRef(ref) : '';
  useLayoutEffect(() => {
    for (let el = top.current?.parentElement; el; el = el.parentElement) if (el.scrollTop > 0) el.scrollTop = 0;
    top.current?.querySelectorAll('.lesson-step *').forEach((el) => { if (el.scrollTop > 0) el.scrollTop = 0; });
  }, [stepName]);
  const doneCount = Object.keys(done).length;

  return (
    <section ref={top} className="panel lessons-panel" aria-labelledby="lessons-heading" data-testid="lessons" lang={lang}
      data-step={ref ? formatStepRef(ref) : ''}>
      {/* While a step is open its own heading row leads; the panel's name stays for screen readers. */}
      <header className={step ? 'panel-header sr-only' : 'panel-header'}>
        <h2 id="lessons-heading">{t('heading')}</h2>
        <span className="muted" data-testid="lessons-progress">{t('progress', { done: doneCount, total: TOTAL })}</span>
      </header>
      {!step || !lesson || !ref ? (
        <>
          <p className="hint">{t('intro')}</p>
          <ol className="lesson-list">
            {LESSONS.map((l) => {
              const n = l.steps.filter((s) => done[stepKey(l.id, s)]).length;
              return (
                <li key={l.id}>
                  <button type="button" data-lesson={l.id} onClick={() => resume(l.id)}>{l.title[lang]}</button>
                  <span className="muted"> {l.source[lang]} · {n}/{l.steps.length}</span>
                  {place[l.id] !== undefined && place[l.id]! > 1 && <span className="muted" data-testid="lesson-resume"> · {t('resume', { n: place[l.id] })}</span>}
                </li>
              );
            })}
          </ol>
          {doneCount > 0 && <button type="button" data-action="lessons-reset" onClick={() => store.getState().resetLessonProgress()}>{t('reset')}</button>}
        </>
      ) : (
        <StepView lesson={lesson} step={step} at={ref} hints={hints} onHint={() => setHints(hints + 1)} open={open}
          setupRefused={setupRefused} busy={busy} />
      )}
    </section>
  );
});
