import { memo, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { findLesson, formatStepRef, LESSONS, stepKey, type StepRef } from '../../lessons';
import { selectRunActive } from '../../store/appStore';
import { useApp, useServices } from '../AppContext';
import { ErrorBoundary } from '../ErrorBoundary';
import { Formula } from './Formula';
import { PANEL_TARGETS, showPanel } from './panelTargets';
import { Prediction } from './Prediction';
import { nextRef, openStep, prevRef } from './stepNav';
import { StepTool } from './StepTool';
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
  const notice = useApp((s) => s.lessonSetupNotice);
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
  // A step opens at its top: the panel kept the scroll of the step before, whose Next button was lower down.
  const top = useRef<HTMLElement>(null);
  const stepName = ref ? formatStepRef(ref) : '';
  useLayoutEffect(() => {
    for (let el = top.current?.parentElement; el; el = el.parentElement) if (el.scrollTop > 0) el.scrollTop = 0;
  }, [stepName]);
  const doneCount = Object.keys(done).length;

  return (
    <section ref={top} className="panel lessons-panel" aria-labelledby="lessons-heading" data-testid="lessons" lang={lang}
      data-step={ref ? formatStepRef(ref) : ''}>
      <header className="panel-header">
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
        <article className="lesson-step" data-step-id={step.id}>
          <nav className="lesson-nav">
            <button type="button" data-action="lessons-close" onClick={() => open(null)}>{t('close')}</button>
            <span className="muted">{t('lesson')} {lesson.id}. {lesson.title[lang]} · {t('stepOf', { n: ref.step, total: lesson.steps.length })}</span>
            <div className="controls lesson-pager">
              <button type="button" data-action="prev" disabled={ref.step === 1 && lesson.id === 1} onClick={() => open(prevRef(ref))}>{t('prev')}</button>
              <button type="button" className="primary" data-action="next" disabled={nextRef(ref) === null}
                onClick={() => open(nextRef(ref))}>{t('next')}</button>
            </div>
          </nav>
          {notice && (
            <p className="lesson-notice" role="status" data-testid="lesson-setup-notice">
              {t('replaced', { blocks: notice.replacedBlocks })}{' '}
              <button type="button" data-action="undo-setup" onClick={() => store.getState().undoLessonSetup()}>{t('undoSetUp')}</button>
            </p>
          )}
          <div className="controls lesson-actions">
            {hints < step.hints.length && (
              <button type="button" data-action="hint" onClick={() => setHints(hints + 1)}>{hints === 0 ? t('hint') : t('nextHint')}</button>
            )}
            {PANEL_TARGETS[step.setup.panel] && (
              <button type="button" data-action="show-panel" onClick={() => showPanel(store, step.setup.panel)}>
                {t('show', { panel: t(`panels.${step.setup.panel}`) })}
              </button>
            )}
            <button type="button" data-action="setup" disabled={busy} onClick={() => open(ref)}>{t('setUp')}</button>
          </div>
          <h3>{step.title[lang]}</h3>
          <p className="lesson-body">{step.body[lang]}</p>
          {step.formula && <Formula tex={step.formula} />}
          {step.predict && <Prediction data={step.predict} stepKey={stepKey(lesson.id, step)} lang={lang} />}
          <div className={`lesson-task${done[stepKey(lesson.id, step)] ? ' done' : ''}`} data-testid="lesson-task"
            data-done={done[stepKey(lesson.id, step)] ? 'true' : 'false'}>
            <strong>{t('task')}: </strong>{step.task[lang]}
            <span className="lesson-status" role="status">{done[stepKey(lesson.id, step)] ? `✓ ${t('done')}` : t('notYet')}</span>
          </div>
          {step.hints.slice(0, hints).map((h, i) => <p key={i} className="lesson-hint">{h[lang]}</p>)}
          {setupRefused && <p className="disabled-reason" role="status">{t('setUpBusy')}</p>}
          <ErrorBoundary><StepTool step={step} lang={lang} /></ErrorBoundary>
        </article>
      )}
    </section>
  );
});
