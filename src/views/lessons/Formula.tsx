import katex from 'katex';
import 'katex/dist/katex.min.css';
import { memo, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A TeX formula typeset by KaTeX into its element (katex.render: DOM nodes, no HTML strings, no eval, so it
 * works under a strict Content-Security-Policy). A formula KaTeX refuses is said, not left blank.
 */
export const Formula = memo(function Formula({ tex }: { tex: string }) {
  const { t } = useTranslation('lessons');
  const el = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  useLayoutEffect(() => {
    if (!el.current) return;
    try {
      katex.render(tex, el.current, { displayMode: true, throwOnError: true, strict: 'error', trust: false });
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }, [tex]);
  return (
    <>
      <div className="lesson-formula" ref={el} data-testid="formula" />
      {error && <p className="error-text">{t('formulaError', { message: error })}</p>}
    </>
  );
});
