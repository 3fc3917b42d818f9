// A block's live thumbnail inside its node: a canvas (and, for the class probabilities, a caption) handed to
// the strip's one thumbnails controller. React renders the elements once; the pictures are drawn outside it.
import { createContext, memo, useContext, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { blockModuleOf, roleOf } from '../../blocks/registry';
import type { BlockKind } from '../../model/spec';
import type { Thumbnails, ThumbKind } from './thumbnails';

/** Provided by the network strip; absent (no thumbnails) where the editor is used on its own. */
export const ThumbnailsContext = createContext<Thumbnails | null>(null);

export function thumbKind(kind: BlockKind): ThumbKind {
  const role = roleOf(kind);
  if (role === 'input') return 'image';
  const flat = blockModuleOf(kind)?.flat === true;
  // A head with one score per class draws class bars; one with a score per pixel (segmentation), its maps.
  if (role === 'output') return flat ? 'classes' : 'maps';
  return flat ? 'bars' : 'maps';
}

export const BlockThumb = memo(function BlockThumb({ id, kind }: { id: string; kind: BlockKind }) {
  const { t } = useTranslation('workspace');
  const thumbs = useContext(ThumbnailsContext);
  const canvas = useRef<HTMLCanvasElement>(null);
  const caption = useRef<HTMLSpanElement>(null);
  const shows = thumbKind(kind);
  useEffect(() => {
    if (!thumbs || !canvas.current) return undefined;
    return thumbs.attach(id, shows, canvas.current, caption.current);
  }, [thumbs, id, shows]);
  if (!thumbs) return null;
  return (
    <div className={`block-thumb thumb-${shows}`} data-thumb={id}>
      <canvas ref={canvas} width={1} height={1} role="img" aria-label={t('thumb.label', { id })} />
      {shows === 'classes' && <span ref={caption} className="thumb-caption" data-testid="top-class" />}
    </div>
  );
});
