/**
 * Export and sharing toolbar shared by every view: PNG and SVG of a chart or map (title, legend and
 * source drawn in), CSV of its table, « copier le lien », « lien API » and print. Native buttons and
 * links only, so everything is reachable and operable with the keyboard; results are announced in a
 * polite live region.
 */
import { useState } from 'react';
import { safeFileName, toFrenchCsv, type CsvColumn } from './csv';
import { copyText, saveBlob } from './download';
import { composeFigure, prepareSvg, rasterize, type FigureText, type PreparedSvg } from './figure';

export interface FigureSource extends FigureText {
  /** The live SVG element, or markup already prepared (e.g. a canvas map redrawn as vectors). */
  svg: () => SVGSVGElement | PreparedSvg | null | Promise<PreparedSvg | null>;
  /** File name without extension. */
  fileName: string;
  /** Size of the exported page in pixels (PNG) or user units (SVG). Default 1600 × 1000. */
  width?: number;
  height?: number;
}

/**
 * A table to download: the API's CSV twin (`csvUrl`, preferred: same file for everyone, French Excel
 * style, with source columns), or rows and columns written in the browser.
 */
export type TableSource<T> =
  | { fileName: string; csvUrl: string }
  | { fileName: string; columns: readonly CsvColumn<T>[]; rows: readonly T[]; csvUrl?: undefined };

export interface ExportBarProps<T> {
  figure?: FigureSource;
  table?: TableSource<T>;
  /** JSON address of the data behind the view. */
  apiUrl?: string;
  /** « Copier le lien » (the current address). Default true. */
  share?: boolean;
  /** Print button. Default true. */
  print?: boolean;
  /** Accessible name of the group, e.g. « Exporter la carte ». */
  label?: string;
}

export const DEFAULT_FIGURE_SIZE = { width: 1600, height: 1000 } as const;

/** Builds the standalone SVG document of a figure source. */
export async function figureDocument(
  f: FigureSource,
): Promise<{ markup: string; width: number; height: number }> {
  const width = f.width ?? DEFAULT_FIGURE_SIZE.width;
  const height = f.height ?? DEFAULT_FIGURE_SIZE.height;
  const got = await f.svg();
  if (!got) throw new Error('la figure n’est pas encore affichée');
  const body = got instanceof SVGSVGElement ? prepareSvg(got) : got;
  return {
    markup: composeFigure({ ...f, link: f.link ?? location.href }, body, width, height),
    width,
    height,
  };
}

export function ExportBar<T>({
  figure,
  table,
  apiUrl,
  share = true,
  print = true,
  label,
}: ExportBarProps<T>) {
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  const run = async (what: string, job: () => Promise<string>) => {
    setBusy(true);
    setStatus(`${what} en cours…`);
    try {
      setStatus(await job());
    } catch (err) {
      setStatus(`Échec : ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  const png = () =>
    run('Image PNG', async () => {
      const doc = await figureDocument(figure!);
      saveBlob(await rasterize(doc.markup, doc.width, doc.height), `${safeFileName(figure!.fileName)}.png`);
      return `Image PNG enregistrée (${doc.width} × ${doc.height} pixels).`;
    });
  const svg = () =>
    run('Image SVG', async () => {
      const doc = await figureDocument(figure!);
      saveBlob(
        new Blob([doc.markup], { type: 'image/svg+xml;charset=utf-8' }),
        `${safeFileName(figure!.fileName)}.svg`,
      );
      return 'Image vectorielle SVG enregistrée.';
    });
  const csv = (t: Extract<TableSource<T>, { rows: readonly T[] }>) =>
    run('Fichier CSV', async () => {
      const text = toFrenchCsv(t.rows, t.columns);
      saveBlob(new Blob([text], { type: 'text/csv;charset=utf-8' }), `${safeFileName(t.fileName)}.csv`);
      return `Fichier CSV enregistré (${t.rows.length} lignes, séparateur point-virgule).`;
    });
  const copy = () =>
    run('Copie du lien', async () => {
      await copyText(location.href);
      return 'Lien de cette vue copié dans le presse-papiers.';
    });

  return (
    <div className="export-bar" role="group" aria-label={label ?? 'Exporter et partager'}>
      {figure && (
        <>
          <button type="button" onClick={png} disabled={busy}>
            Image PNG
          </button>
          <button type="button" onClick={svg} disabled={busy}>
            Image SVG
          </button>
        </>
      )}
      {table &&
        (table.csvUrl !== undefined ? (
          <a className="button" href={table.csvUrl} download={`${safeFileName(table.fileName)}.csv`}>
            Données CSV
          </a>
        ) : (
          <button type="button" onClick={() => csv(table)} disabled={busy || table.rows.length === 0}>
            Données CSV
          </button>
        ))}
      {share && (
        <button type="button" onClick={copy} disabled={busy}>
          Copier le lien
        </button>
      )}
      {apiUrl && (
        <a
          className="button"
          href={apiUrl}
          target="_blank"
          rel="noopener"
          title="Les mêmes données en JSON, par l’API"
        >
          Lien API
        </a>
      )}
      {print && (
        <button type="button" onClick={() => window.print()}>
          Imprimer
        </button>
      )}
      <span className="export-status" role="status" aria-live="polite">
        {status}
      </span>
    </div>
  );
}
