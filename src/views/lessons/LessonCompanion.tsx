// The lessons' part that is always in the workspace, whichever panel is open: it watches runs and checks the
// open step (so a task done in the block pane or the data panel counts), opens the lessons panel for a link
// that names a step, and, while another panel is in front, keeps the step's task in a strip above it with a
// way back to the lesson text.
import { memo, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { findLesson, formatStepRef, stepKey } from '../../lessons';
import { watchLessonRuns } from '../../store/lessonsSlice';
import { DEFAULT_PANEL } from '../../store/uiSlice';
import { useApp, useServices } from '../AppContext';
import { nextRef, openStep, prevRef } from './stepNav';
import { useStepCheck } from './useStepCheck';
import './lessons.css';

export const LessonCompanion = memo(function LessonCompanion() {
  const { t } = useTranslation('lessons');
  const { store, run } = useServices();
  const lang = useApp((s) => s.language);
  const ref = useApp((s) => s.lessonStep);
  const panel = useApp((s) => s.panel);
  const done = useApp((s) => s.lessonDone);
  const [refused, setRefused] = useState(false);
  useEffect(() => watchLessonRuns(store, run.probes), [store, run]);
  useStepCheck(ref);
  // A link naming a step (lesson=2.3) and no panel opens the lesson on that step: on load, and when a link is
  // pasted into the same tab (the link sync, listening first, has applied it by then).
  useEffect(() => {
    const toLesson = () => {
      const s = store.getState();
      if (s.lessonStep && s.panel === DEFAULT_PANEL) s.openPanel('lessons');
    };
    toLesson();
    window.addEventListener('hashchange', toLesson);
    return () => window.removeEventListener('hashchange', toLesson);
  }, [store]);
  useEffect(() => setRefused(false), [ref]);

  const lesson = ref ? findLesson(ref.lesson) : undefined;
  const step = lesson && ref ? lesson.steps[ref.step - 1] : undefined;
  if (!ref || !lesson || !step || panel === 'lessons') return null;
  const isDone = done[stepKey(lesson.id, step)] === true;
  const go = (to: typeof ref | null) => { if (to) setRefused(!openStep(store, to)); };
  const previous = prevRef(ref);
  const following = nextRef(ref);
  return (
    <section className="lesson-strip" lang={lang} aria-label={t('heading')} data-testid="lesson-strip" data-step={formatStepRef(ref)}>
      {/* The buttons share the first row with the step's name: a long task scrolls inside the strip below them. */}
      <div className="lesson-strip-head">
        <p className="lesson-strip-title">
          <span className="muted">{t('lesson')} {lesson.id} · {t('stepOf', { n: ref.step, total: lesson.steps.length })}</span>{' '}
          <strong>{step.title[lang]}</strong>
        </p>
        <div className="lesson-strip-controls">
          <button type="button" data-action="lesson-back" onClick={() => store.getState().openPanel('lessons')}>{t('back')}</button>
          <button type="button" data-action="strip-prev" disabled={previous === null} onClick={() => go(previous)}>{t('prev')}</button>
          <button type="button" className={isDone ? 'primary' : undefined} data-action="strip-next" disabled={following === null}
            onClick={() => go(following)}>{t('next')}</button>
        </div>
      </div>
      <p className={`lesson-strip-task${isDone ? ' done' : ''}`} data-testid="strip-task" data-done={isDone ? 'true' : 'false'}>
        {step.task[lang]}
        <span className="lesson-status" role="status">{isDone ? `✓ ${t('done')}` : t('notYet')}</span>
      </p>
      {refused && <p className="disabled-reason" role="status">{t('setUpBusy')}</p>}
    </section>
  );
});
