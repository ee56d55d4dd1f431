/** The data behind the map, as a table (rendered when opened, 100 rows at a time). */
import { TableWrap } from '../../components/TableWrap';
import { useState } from 'react';
import type { IndicatorInfo, ValuesResponse } from '../../api';
import { Flags } from '../../components/Flags';
import { formatValue } from '../../format';
import { countText } from '../../model/plural';
import { Link } from '../../router';
import { missingText } from './CommuneDetails';

type Row = ValuesResponse['data'][number];
const PAGE = 100;

export function DataTable({
  rows,
  def,
  year,
  caption,
  onActive,
}: {
  rows: Row[];
  def: IndicatorInfo;
  year: number | null;
  caption: string;
  onActive: (code: string | null) => void;
}) {
  const [open, setOpen] = useState(false);
  const [limit, setLimit] = useState(PAGE);
  return (
    <details className="data-table" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>Tableau des données de la carte ({countText(rows.length, 'communes')})</summary>
      {open && (
        <TableWrap>
          <div onMouseLeave={() => onActive(null)}>
            <table>
              <caption>{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">Commune</th>
                  <th scope="col">Code</th>
                  <th scope="col">
                    {def.short_label} ({def.unit_label})
                  </th>
                  <th scope="col">Année</th>
                  <th scope="col">Qualité, valeur manquante</th>
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, limit).map((r) => (
                  <tr key={r.code} onMouseEnter={() => onActive(r.code)} onFocus={() => onActive(r.code)}>
                    <th scope="row">
                      <Link href={`/commune/${r.code}`}>{r.name}</Link>
                    </th>
                    <td>{r.code}</td>
                    <td className="num">
                      {r.value === null ? '—' : formatValue(r.value, def.unit, def.decimals)}
                    </td>
                    <td>{r.year ?? ''}</td>
                    <td>
                      {r.value === null ? missingText(r, year) : null}
                      <Flags flags={r.flags.filter((f) => f !== 'masked')} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {rows.length > limit && (
              <button type="button" className="secondary" onClick={() => setLimit((l) => l + PAGE)}>
                Afficher {Math.min(PAGE, rows.length - limit)} lignes de plus ({rows.length - limit}{' '}
                restantes)
              </button>
            )}
          </div>
        </TableWrap>
      )}
    </details>
  );
}
