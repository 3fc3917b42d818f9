import { useTranslation } from 'react-i18next';
import type { BuiltDataset } from '../../data/byo/build';

/** What the made dataset holds, and the files that could not be read (listed, not fatal). */
export function ByoResult({ result }: { result: BuiltDataset }) {
  const { t } = useTranslation('data');
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
      {result.skipped.length > 0 && (
        <p className="muted">{t('byo.skipped', { names: result.skipped.slice(0, 10).join(', ') + (result.skipped.length > 10 ? ', …' : '') })}</p>
      )}
    </div>
  );
}
