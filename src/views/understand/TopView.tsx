import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { paintImage } from './paint';
import { Status } from './Status';
import { useUnderstand } from './useUnderstand';
import { useChoosableBlocks } from './blocks';

const K = 12;
const MAX_IMAGES = 2000;
const CELL = 72;

/** For a chosen channel of a chosen block: the test images that excite it most, cropped to the unit's field. */
export function TopView() {
  const { t } = useTranslation('understand');
  const link = useUnderstand('top');
  const blocks = useChoosableBlocks();
  const [blockId, setBlockId] = useState<string>('');
  const [channel, setChannel] = useState(0);
  const block = blocks.find((b) => b.id === blockId) ?? blocks.find((b) => b.spatial) ?? blocks[0];
  const maxChannel = Math.max(0, (block?.channels ?? 1) - 1);
  const canvas = useRef<HTMLCanvasElement>(null);
  const result = link.answer?.result?.view === 'top' ? link.answer.result : null;

  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx || !result) return;
    ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    result.values.forEach((_, i) => {
      const [top, left, h, w] = Array.from(result.boxes.subarray(i * 4, i * 4 + 4)) as [number, number, number, number];
      const scale = (CELL - 8) / Math.max(h, w);
      const x = (i % 6) * CELL + 4;
      const y = Math.floor(i / 6) * (CELL + 16) + 4;
      paintImage(ctx, result.images, result.shape, x, y, scale,
        { bytes: true, offset: i * result.shape.height * result.shape.width * result.shape.channels, crop: [top, left, h, w] });
      ctx.fillStyle = '#222';
      ctx.font = '11px system-ui, sans-serif';
      ctx.fillText(`${result.values[i]?.toFixed(2)} · #${result.indices[i]}`, x, y + CELL + 6);
    });
  }, [result]);

  const run = () => block && link.ask({ view: 'top', blockId: block.id, channel: Math.min(channel, maxChannel), k: K, maxImages: MAX_IMAGES });
  return (
    <div className="understand-view" data-view="top">
      <p className="muted understand-intro">{t('top.intro', { count: MAX_IMAGES })}</p>
      <div className="understand-controls">
        <label>{t('common.block')}{' '}
          <select value={block?.id ?? ''} onChange={(e) => { setBlockId(e.target.value); setChannel(0); }}>
            {blocks.map((b) => <option key={b.id} value={b.id}>{b.id}</option>)}
          </select>
        </label>
        <label>{t('common.channel', { max: maxChannel })}{' '}
          <input type="number" min={0} max={maxChannel} value={channel} onChange={(e) => setChannel(Math.max(0, Math.min(maxChannel, Math.round(Number(e.target.value) || 0))))} />
        </label>
        <button type="button" onClick={run} disabled={!block || link.busy}>{t('top.find')}</button>
      </div>
      <Status link={link} />
      {result && (
        <>
          <p className="muted" data-testid="understand-top-caption">{t('top.caption', { block: result.blockId, channel: result.channel, searched: result.searched.toLocaleString(),
            h: result.boxes[2], w: result.boxes[3] })}</p>
          <canvas ref={canvas} width={6 * CELL} height={Math.ceil(result.values.length / 6) * (CELL + 16)} data-testid="understand-top"
            role="img" aria-label={t('top.aria')} />
        </>
      )}
    </div>
  );
}
