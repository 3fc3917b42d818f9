import { useCallback, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../model/units';
import type { BuiltDataset } from '../../data/byo/build';
import { IMAGE_SIZES, SAFE_BYTES } from '../../data/byo/plan';
import { fromDataTransfer, fromFileList, isZip } from '../../data/byo/sources';
import { readZip } from '../../data/byo/zip';
import { useApp } from '../AppContext';
import { ByoResult } from './ByoResult';
import { messageOf, useByo } from './useByo';

// React does not know the non-standard attribute that turns a file input into a folder picker.
const FOLDER_PICKER = { webkitdirectory: '', directory: '' } as Record<string, string>;

/** Bring your own images: drop or choose a folder / .zip of class folders, pick a size, make a dataset. */
export function ByoPanel({ disabled }: { disabled: boolean }) {
  const { t, i18n } = useTranslation(['data', 'inputs']);
  const mib = (bytes: number) => formatBytes(bytes, i18n.language);
  const setCustomDataset = useApp((s) => s.setCustomDataset);
  const onBuilt = useCallback((result: BuiltDataset) => {
    setCustomDataset({ data: result.data, unreadable: result.unreadable });
  }, [setCustomDataset]);
  const byo = useByo(onBuilt);
  const [over, setOver] = useState(false);
  const working = byo.status.kind === 'reading' || byo.status.kind === 'building';
  // A new drop or choice is always taken (the latest wins); the settings of a build under way are not.
  const off = disabled || working;

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (disabled) return;
    const items = e.dataTransfer.items;
    const name = e.dataTransfer.files[0]?.name ?? 'drop';
    void byo.choose(name, () => fromDataTransfer(items));
  };
  const onFiles = (list: FileList | null, folder: boolean) => {
    const files = list ? [...list] : [];
    const first = files[0];
    if (!first) return;
    if (!folder && isZip(first)) void byo.choose(first.name, () => readZip(first, first.name));
    else void byo.choose(first.webkitRelativePath.split('/')[0] || first.name, async () => fromFileList(files));
  };

  return (
    <details className="byo" open={byo.status.kind !== 'idle'}>
      <summary>{t('byo.heading')}</summary>
      <p className="muted">{t('byo.help')}</p>
      <div className={`byo-drop${over ? ' over' : ''}`} data-testid="byo-drop" onDragOver={(e) => { e.preventDefault(); setOver(true); }}
        onDragLeave={() => setOver(false)} onDrop={onDrop}>
        {t('byo.drop')}
      </div>
      <div className="byo-pickers">
        <label>{t('byo.chooseZip')}{' '}
          <input type="file" accept=".zip,application/zip" data-testid="byo-zip" disabled={disabled}
            onChange={(e) => onFiles(e.target.files, false)} />
        </label>
        <label>{t('byo.chooseFolder')}{' '}
          <input type="file" multiple {...FOLDER_PICKER} data-testid="byo-folder" disabled={disabled}
            onChange={(e) => onFiles(e.target.files, true)} />
        </label>
      </div>
      <div className="fields">
        <div className="field">
          <label htmlFor="byo-size">{t('byo.size')}</label>
          <select id="byo-size" value={byo.size} disabled={off} onChange={(e) => byo.setSize(Number(e.target.value))}>
            {IMAGE_SIZES.map((s) => <option key={s} value={s}>{s} × {s}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="byo-colour">{t('byo.colour')}</label>
          <select id="byo-colour" value={byo.channels} disabled={off} onChange={(e) => byo.setChannels(Number(e.target.value) as 1 | 3)}>
            <option value={3}>{t('byo.colourRgb')}</option>
            <option value={1}>{t('byo.colourGrey')}</option>
          </select>
        </div>
      </div>
      {byo.plan && byo.files && (
        <div className="byo-plan" data-testid="byo-plan">
          <p>{t('byo.found', { images: byo.plan.train.length + byo.plan.test.length, classes: byo.plan.classNames.length,
            train: byo.plan.train.length, test: byo.plan.test.length, name: byo.files.name })}</p>
          {byo.plan.layout === 'classes' && <p className="muted">{t('byo.heldOut')}</p>}
          {byo.memory && (byo.memory.safe
            ? <p className="muted byo-memory">{t('byo.memory', { size: mib(byo.memory.totalBytes), limit: mib(SAFE_BYTES) })}</p>
            : <p className="error-text byo-refusal" role="alert">
                {byo.fits === null
                  ? t('byo.tooLargeNoFit', { limit: mib(SAFE_BYTES) })
                  : <>{t('byo.tooLarge', { size: mib(byo.memory.totalBytes), limit: mib(SAFE_BYTES) })} {t('byo.suggest', { size: byo.fits })}</>}
              </p>)}
          <button type="button" className="primary" data-action="byo-build" disabled={off || !byo.memory?.safe} onClick={() => void byo.build()}>
            {t('byo.build')}
          </button>
        </div>
      )}
      {byo.status.kind === 'reading' && <p role="status">{t('byo.reading')}</p>}
      {byo.status.kind === 'building' && (
        <p role="status"><progress max={byo.status.total} value={byo.status.done} /> {t('byo.building', byo.status)}</p>
      )}
      {byo.status.kind === 'error' && <ByoError error={byo.status.error} />}
      {byo.status.kind === 'built' && <ByoResult result={byo.status.result} />}
    </details>
  );
}

function ByoError({ error }: { error: unknown }) {
  const { t } = useTranslation(['data', 'inputs']);
  const message = messageOf(error);
  return <p className="error-text byo-error" role="alert">{t(message.key, message.values)}</p>;
}
