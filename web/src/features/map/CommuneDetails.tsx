/** What the map says about one commune: value, year, source, quality flags, or why the value is missing. */
import type { IndicatorInfo, ValuesResponse } from '../../api';
import { Flags } from '../../components/Flags';
import { figureWithInterval } from '../../model/figures';

type Row = ValuesResponse['data'][number];
type Sources = ValuesResponse['meta']['sources'];

export function missingText(row: Row | undefined, year: number | null): string {
  if (!row || !row.source_id)
    return `absente de la source${year ? ` pour ${year}` : ''}${row?.note && row.note !== 'absent de la source pour cette année' ? ` (${row.note})` : ''}`;
  return `valeur masquée ou non renseignée par la source${row.note ? ` : ${row.note}` : ''}`;
}

export function CommuneDetails({
  name,
  code,
  row,
  def,
  year,
  sources,
  compact = false,
  missing = null,
}: {
  name: string;
  code: string;
  row: Row | undefined;
  def: IndicatorInfo;
  year: number | null;
  sources: Sources;
  compact?: boolean;
  /** Why the commune has no class on this map, when the map knows better than the row. */
  missing?: string | null;
}) {
  const src = row?.source_id ? sources[row.source_id] : undefined;
  return (
    <div className="commune-details">
      <strong>{name}</strong> <span className="muted">({code})</span>
      <br />
      {def.short_label} :{' '}
      {row && row.value !== null ? <strong>{figureWithInterval(def, row)}</strong> : <em>non disponible</em>}
      {row?.year ? ` (${row.year})` : ''}
      {(!row || row.value === null) && <div className="muted">{missing ?? missingText(row, year)}</div>}
      {row && row.value !== null && missing && <div className="muted">{missing}</div>}
      {row && row.value !== null && row.note && <div className="muted">{row.note}</div>}
      {row && row.flags.length > 0 && (
        <div>
          <Flags flags={row.flags} />
        </div>
      )}
      {src && (
        <div className="muted">
          Source : {src.producer}
          {compact ? '' : `, ${src.title}`} ({src.vintage})
        </div>
      )}
    </div>
  );
}
