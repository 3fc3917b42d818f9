import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** When the clipboard refuses: the text, selected, to copy by hand. */
export function CopyFallback({ text, rows = 2 }: { text: string; rows?: number }) {
  const { t } = useTranslation('link');
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => ref.current?.select(), [text]);
  return (
    <div className="copy-fallback">
      <p role="alert">{t('copyFailed')}</p>
      <textarea ref={ref} readOnly rows={rows} value={text} aria-label={t('copyFailed')} />
    </div>
  );
}
