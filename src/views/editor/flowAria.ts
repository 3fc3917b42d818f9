// Screen-reader labels of the graph canvas's own controls (React Flow's zoom buttons, minimap, handles) in
// the UI language; React Flow's defaults are English. Pass as <ReactFlow ariaLabelConfig={...}>.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export function useFlowAriaLabels() {
  const { t } = useTranslation('walk');
  return useMemo(() => ({
    'node.a11yDescription.default': t('flow.nodeHelp'),
    'node.a11yDescription.keyboardDisabled': t('flow.nodeHelpNoKeys'),
    'node.a11yDescription.ariaLiveMessage': ({ direction, x, y }: { direction: string; x: number; y: number }) =>
      t('flow.moved', { direction: t(`flow.direction.${direction}`, { defaultValue: direction }), x, y }),
    'edge.a11yDescription.default': t('flow.edgeHelp'),
    'controls.ariaLabel': t('flow.controls'),
    'controls.zoomIn.ariaLabel': t('flow.zoomIn'),
    'controls.zoomOut.ariaLabel': t('flow.zoomOut'),
    'controls.fitView.ariaLabel': t('flow.fitView'),
    'controls.interactive.ariaLabel': t('flow.interactive'),
    'minimap.ariaLabel': t('flow.minimap'),
    'handle.ariaLabel': t('flow.handle'),
  }), [t]);
}
