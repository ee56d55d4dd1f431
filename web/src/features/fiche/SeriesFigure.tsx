/**
 * One indicator's series on a fiche: the Plot chart of `charts/series.ts` (lines cut at series
 * breaks and holes) and, behind it, the same figures as a table.
 */
import { useEffect, useMemo, useRef } from 'react';
import { seriesChart, seriesTable, type SeriesBreak, type SeriesPoint } from '../../charts/series';
import { formatValue } from '../../format';
import type { IndicatorMeta } from '../../model/fiche';

export function chartFormat(ind: Pick<IndicatorMeta, 'unit' | 'decimals'>) {
  return (v: number) => formatValue(v, ind.unit, Number.isInteger(v) ? 0 : ind.decimals);
}

export function SeriesFigure({
  ind,
  points,
  territoryName,
  breaks: given,
  width = 320,
}: {
  ind: IndicatorMeta;
  points: SeriesPoint[];
  territoryName: string;
  /** Breaks reported by the API for this series; the registry's when absent. */
  breaks?: SeriesBreak[];
  width?: number;
}) {
  const holder = useRef<HTMLDivElement>(null);
  const years = points.map((p) => p.year);
  const title = `${ind.short_label} — ${territoryName}, ${Math.min(...years)}–${Math.max(...years)}`;
  const breaks = useMemo(() => given ?? ind.series_breaks ?? [], [given, ind.series_breaks]);
  const rows = useMemo(() => seriesTable(points, breaks), [points, breaks]);

  useEffect(() => {
    const el = holder.current;
    if (!el) return;
    const svg = seriesChart(points, {
      format: chartFormat(ind),
      title,
      breaks,
      target: ind.target,
      width,
      height: 150,
    });
    el.replaceChildren(svg);
    return () => el.replaceChildren();
  }, [points, ind, title, breaks, width]);

  return (
    <figure className="series" data-series={ind.id}>
      <div ref={holder} className="series-holder" />
      <figcaption className="muted">
        Évolution {Math.min(...years)}–{Math.max(...years)}
        {rows.some((r) => r.breakBefore) ? ' ; trait interrompu aux ruptures de série' : ''}
        {rows.some((r) => r.partial) ? ' ; point creux : calculé sur une partie des communes, non relié' : ''}
        {ind.target ? ` ; en pointillé rouge : ${ind.target.label}` : ''}
      </figcaption>
      <details className="series-table">
        <summary>Tableau des données du graphique</summary>
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">Année</th>
              <th scope="col">Valeur</th>
              <th scope="col">Remarque</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.year}>
                <th scope="row">{r.year}</th>
                <td className="num">{formatValue(r.value, ind.unit, ind.decimals)}</td>
                <td>
                  {[
                    r.breakBefore ? `rupture de série : ${r.breakBefore}` : null,
                    r.value === null ? r.note : null,
                  ]
                    .filter(Boolean)
                    .join(' ; ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
