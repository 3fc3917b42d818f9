// Save any chart or diagram as PNG / SVG: `saveSvg(el, name)`, `savePng(el, name)`, `<SaveButtons target={ref} name="..."/>`.
export { fileName, pngBlob, savePng, saveSvg, svgText } from './saveImage';
export { SaveButtons, type SaveButtonsProps } from './SaveButtons';
