// One open lesson step: its heading row (close, where in the lesson, previous / next), the set-up notice and the
// step's buttons, then the text to read beside (or above) what to do: the prediction, the task and the step's
// own tool. lessons.css lays these out so the buttons and the task's controls are on screen without scrolling.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { stepKey, type Lesson, type LessonStep, type StepRef } from '../../lessons';
import { useApp, useServices } from '../AppContext';
import { ErrorBoundary } from '../ErrorBoundary';
import { Formula } from './Formula';
import { PANEL_TARGETS, showPanel } from './panelTargets';
import { Prediction } from './Prediction';
import { nextRef, prevRef } from './stepNav';
import { hasStepTool, StepTool } from './StepTool';

export interface StepViewProps {
  readonly lesson: Lesson;
  readonly step: LessonStep;
  readonly at: StepRef;
  readonly hints: number;
  readonly onHint: () => void;
  /** Opens a step (null: the lesson list), applying its set-up. */
  readonly open: (to: StepRef | null) => void;
  readonly setupRefused: boolean;
  readonly busy: boolean;
}

function StepHead({ lesson, step, at, hints, onHint, open, busy }: StepViewProps) {
  const { t } = useTranslation('lessons');
  const { store } = useServices();
  const lang = useApp((s) => s.language);
  const notice = useApp((s) => s.lessonSetupNotice);
  return (
    <div className="lesson-head">
      <nav className="lesson-nav">
        <button type="button" data-action="lessons-close" onClick={() => open(null)}>{t('close')}</button>
        <span className="muted">{t('lesson')} {lesson.id}. {lesson.title[lang]} · {t('stepOf', { n: at.step, total: lesson.steps.length })}</span>
        <div className="controls lesson-pager">
          <button type="button" data-action="prev" disabled={prevRef(at) === null} onClick={() => open(prevRef(at))}>{t('prev')}</button>
          <button type="button" className="primary" data-action="next" disabled={nextRef(at) === null}
            onClick={() => open(nextRef(at))}>{t('next')}</button>
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
          <button type="button" data-action="hint" onClick={onHint}>{hints === 0 ? t('hint') : t('nextHint')}</button>
        )}
        {PANEL_TARGETS[step.setup.panel] && (
          <button type="button" data-action="show-panel" onClick={() => showPanel(store, step.setup.panel, step.setup.field)}>
            {t('show', { panel: t(`panels.${step.setup.panel}`) })}
          </button>
        )}
        <button type="button" data-action="setup" disabled={busy} onClick={() => open(at)}>{t('setUp')}</button>
      </div>
    </div>
  );
}

export const StepView = memo(function StepView(props: StepViewProps) {
  const { t } = useTranslation('lessons');
  const lang = useApp((s) => s.language);
  const { lesson, step, hints, setupRefused } = props;
  const key = stepKey(lesson.id, step);
  const done = useApp((s) => s.lessonDone[key] === true);
  const tool = hasStepTool(step);
  return (
    <article className={`lesson-step${tool ? ' with-tool' : ''}`} data-step-id={step.id}>
      <StepHead {...props} />
      <div className="lesson-main">
        <div className="lesson-left">
          {/* The text gives way (and scrolls) before the prediction and the task leave the screen. */}
          <div className="lesson-text" data-testid="lesson-text">
            <h3>{step.title[lang]}</h3>
            <p className="lesson-body">{step.body[lang]}</p>
            {step.formula && <Formula tex={step.formula} />}
          </div>
          <div className="lesson-doing">
            {step.predict && <Prediction data={step.predict} stepKey={key} lang={lang} />}
            <div className={`lesson-task${done ? ' done' : ''}`} data-testid="lesson-task" data-done={done ? 'true' : 'false'}>
              <strong>{t('task')}: </strong>{step.task[lang]}
              <span className="lesson-status" role="status">{done ? `✓ ${t('done')}` : t('notYet')}</span>
            </div>
            {step.hints.slice(0, hints).map((h, i) => <p key={i} className="lesson-hint">{h[lang]}</p>)}
            {setupRefused && <p className="disabled-reason" role="status">{t('setUpBusy')}</p>}
          </div>
        </div>
        {tool && <div className="lesson-tool"><ErrorBoundary><StepTool step={step} lang={lang} /></ErrorBoundary></div>}
      </div>
    </article>
  );
});
