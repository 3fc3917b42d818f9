import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { datasetEntry, DATASETS, type DatasetId } from '../../data/registry';
import { validationCount } from '../../data/validation';
import { labelledCount } from '../../data/labelShare';
import { selectRunActive } from '../../store/appStore';
import { useApp } from '../AppContext';
import { ErrorBoundary } from '../ErrorBoundary';
import { formatCount } from '../format';
import { NumberField } from '../NumberField';
import { useClassNames } from '../predict/hooks';
import { useValidity } from '../training/fields';
import { ByoPanel } from './ByoPanel';
import { LabelShareField, LabelShareNote } from './LabelShareField';
import './data.css';

/** Picks the dataset and the validation share; the network is re-checked against the dataset's image shape. */
export const DatasetPicker = memo(function DatasetPicker() {
  const { t, i18n } = useTranslation('data');
  const datasetId = useApp((s) => s.datasetId);
  const custom = useApp((s) => s.customDataset);
  const selectDataset = useApp((s) => s.selectDataset);
  const fraction = useApp((s) => s.validationFraction);
  const setFraction = useApp((s) => s.setValidationFraction);
  const busy = useApp(selectRunActive);
  const labelShare = useApp((s) => s.hyper.labelShare) ?? 1;
  // A share the field refuses (100%) holds Train back and is named, as every other field's bad text is.
  const checked = useValidity();
  const n = (v: number) => formatCount(v, i18n.language);

  const info = datasetId === 'custom' && custom
    ? { shape: custom.data.meta.inputShape, classNames: custom.data.meta.classNames, train: custom.data.train.count,
        test: custom.data.test.count, mb: null }
    : (() => {
        const e = datasetEntry(datasetId === 'custom' ? 'mnist' : datasetId);
        return { shape: e.shape.inputShape, classNames: e.classNames, train: e.trainCount, test: e.testCount, mb: e.downloadMB };
      })();
  // Built-in class names in the UI language (CIFAR-10's 'airplane' is '비행기' in Korean).
  const shownNames = useClassNames(info.classNames.length);
  // The validation images are held out of the labelled ones (the share is taken first).
  const held = validationCount(labelledCount(info.train, labelShare), fraction);

  return (
    <section className="panel dataset-panel" aria-labelledby="dataset-heading" data-dataset={datasetId}>
      <h2 id="dataset-heading">{t('heading')}</h2>
      <div className="fields">
        <div className="field">
          <label htmlFor="dataset-select">{t('dataset')}</label>
          <select id="dataset-select" data-testid="dataset-select" value={datasetId} disabled={busy}
            onChange={(e) => selectDataset(e.target.value as DatasetId)}>
            {DATASETS.map((d) => <option key={d.id} value={d.id}>{t(`datasetName.${d.id}`, { defaultValue: d.name })}</option>)}
            {custom && <option value="custom">{t('custom', { name: custom.data.meta.name })}</option>}
          </select>
        </div>
        <NumberField onValidity={checked('data:validation', t('validation'))} label={t('validation')} value={Math.round(fraction * 100)} min={0} max={50} integer disabled={busy}
          onChange={(percent) => setFraction(percent / 100)} />
        <LabelShareField disabled={busy} />
      </div>
      <p className="dataset-summary">
        {t('summary', { shape: info.shape.join(' × '), classes: info.classNames.length, train: n(info.train), test: n(info.test) })}
        {info.mb !== null && <> {t('download', { mb: info.mb })}</>}
      </p>
      <p className="muted dataset-classes">{t('classes', { names: shownNames.join(', ') })}</p>
      <LabelShareNote train={info.train} />
      <p className="muted validation-note" data-held={held}>
        {held > 0 ? t('validationHeld', { count: held, images: n(held) }) : t('validationNone')}
      </p>
      <ErrorBoundary><ByoPanel disabled={busy} /></ErrorBoundary>
    </section>
  );
});
