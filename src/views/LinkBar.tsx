import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { linkFor, shareProblem } from '../store/linkSync';
import { useApp, useServices } from './AppContext';
import { CopyFallback } from './CopyFallback';
import { useCopyText } from './useCopyText';
import './link.css';
import { linkProblemText } from './linkProblemText';

/** "Copy link": an address that reopens this network, dataset and training settings. */
export const CopyLinkButton = memo(function CopyLinkButton() {
  const { t } = useTranslation('link');
  const { store } = useServices();
  const { state, copy } = useCopyText();
  const customData = useApp((s) => s.datasetId === 'custom');
  const [unshareable, setUnshareable] = useState(false);
  return (
    <div className="link-bar">
      <button
        type="button"
        data-action="copy-link"
        title={t('copyLinkHint')}
        // Built from the state now, not read from the address bar, which is rewritten a moment later.
        onClick={() => {
          const state = store.getState();
          const shareable = shareProblem(state) === null;
          setUnshareable(!shareable);
          if (shareable) copy(linkFor(state, window.location.href));
        }}
      >
        {t('copyLink')}
      </button>
      <span className="copy-status" role="status" data-status={state.status}>
        {state.status === 'copied' ? t('linkCopied') : ''}
        {state.status === 'copied' && customData ? ` ${t('customDataNotShared')}` : ''}
      </span>
      {state.status === 'failed' && <CopyFallback text={state.text} />}
      {unshareable && <span className="error-text" role="alert">{t('notShareable')}</span>}
    </div>
  );
});

/** What was wrong with the link the page was opened with, until dismissed. */
export const LinkNotice = memo(function LinkNotice() {
  const { t } = useTranslation('link');
  const { t: tw } = useTranslation('walk');
  const problems = useApp((s) => s.linkProblems);
  const setLinkProblems = useApp((s) => s.setLinkProblems);
  if (problems.length === 0) return null;
  return (
    <div className="link-notice" role="alert">
      <p>{t('notice.heading')}</p>
      <ul>
        {problems.map((p, i) => (
          <li key={i} data-code={p.code}>{linkProblemText(p, t, tw)}</li>
        ))}
      </ul>
      <button type="button" data-action="dismiss-link-notice" onClick={() => setLinkProblems([])}>
        {t('notice.dismiss')}
      </button>
    </div>
  );
});
