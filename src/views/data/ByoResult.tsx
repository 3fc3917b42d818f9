import { useTranslation } from 'react-i18next';
import type { BuiltDataset } from '../../data/byo/build';

const SKIPPED_SHOWN = 20;

/** What the made dataset holds, and the files that could not be read (listed, not fatal). */
export function ByoResult({ result }: { result: BuiltDataset }) {
  const { t } = useTranslation(['data', 'inputs']);
  const { meta, train, test } = result.data;
  const counts = meta.classNames.map((_, c) => train.labels.reduce((n, l) => n + (l === c ? 1 : 0), 0));
  return (
    <div className="byo-result" data-testid="byo-result" data-train={train.count} data-test={test.count}>
      <p role="status">{t('byo.made', { train: train.count, test: test.count, classes: meta.classNames.length })}</p>
      <table className="byo-classes">
        <caption className="muted">{t('byo.classCounts')}</caption>
        <tbody>
          {meta.classNames.map((name, c) => (
            <tr key={name} data-class={name}><th scope="row">{name}</th><td className="num">{counts[c]}</td></tr>
          ))}
        </tbody>
      </table>
      {result.unreadable.length > 0 && (
        <>
          <p className="warn-text">{t('byo.unreadable', { count: result.unreadable.length })}</p>
          <ul className="byo-unreadable" data-testid="byo-unreadable">
            {result.unreadable.map((line) => <li key={line}>{line}</li>)}
          </ul>
        </>
      )}
      {result.emptyClasses.length > 0 && (
        <p className="warn-text" data-testid="byo-empty-classes">
          {t('inputs:byo.emptyClasses', { count: result.emptyClasses.length, names: result.emptyClasses.join(', ') })}
        </p>
      )}
      {result.skipped.length > 0 && (
        <>
          <p className="muted">{t('inputs:byo.skipped', { count: result.skipped.length })}</p>
          <ul className="byo-skipped" data-testid="byo-skipped">
            {result.skipped.slice(0, SKIPPED_SHOWN).map((f) => (
              <li key={f.path} data-reason={f.reason}>{f.path}: {t(`inputs:byo.skipReason.${f.reason}`)}</li>
            ))}
            {result.skipped.length > SKIPPED_SHOWN && <li>{t('inputs:byo.andMore', { count: result.skipped.length - SKIPPED_SHOWN })}</li>}
          </ul>
        </>
      )}
    </div>
  );
}
