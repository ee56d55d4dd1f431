export {
  ExportBar,
  figureDocument,
  DEFAULT_FIGURE_SIZE,
  type ExportBarProps,
  type FigureSource,
  type TableSource,
} from './ExportBar';
export { toFrenchCsv, frenchNumber, safeFileName, type CsvColumn } from './csv';
export {
  composeFigure,
  prepareSvg,
  rasterize,
  wrapText,
  type FigureLegend,
  type LegendItem,
  type PreparedSvg,
} from './figure';
export { saveBlob, copyText } from './download';
