/**
 * Map of an EPT's communes for one indicator (d3-geo on the `communes-idf` layer filtered by `ept`),
 * with commune names, a legend with units and classes, and hatching for masked values. Its data table
 * is the communes table of the pack.
 */
import { useMemo } from 'react';
import type { Topology } from 'topojson-specification';
import type { ValuesResponse } from '../../api';
import { formatValue } from '../../format';
import { classify, classLabels, colorFor, type Classes } from '../../model/classes';
import { eptGeometry } from './geometry';

type Row = ValuesResponse['data'][number];
type Def = ValuesResponse['meta']['indicator'];

const WIDTH = 800;
const HEIGHT = 560;
const ABSENT = '#e4e4e4';

function booleanClasses(): Classes {
  return { breaks: [0.5], colors: ['#edf8b1', '#2c7fb8'], kind: 'seuils' };
}

export function EptMap({
  topo,
  ept,
  eptName,
  def,
  rows,
  year,
}: {
  topo: Topology;
  ept: string;
  eptName: string;
  def: Def;
  rows: Row[];
  year: number | null;
}) {
  const geo = useMemo(() => eptGeometry(topo, ept, WIDTH, HEIGHT), [topo, ept]);
  const byCode = useMemo(() => new Map(rows.map((r) => [r.code, r])), [rows]);
  const classes = useMemo(() => {
    if (def.unit === 'booleen') return booleanClasses();
    const nums = rows.map((r) => r.value).filter((v): v is number => v !== null);
    return classify(nums, {
      thresholds: def.thresholds,
      diverging: def.diverging,
      k: Math.min(5, Math.max(2, nums.length - 1)),
    });
  }, [rows, def]);
  const fmt = (v: number) => formatValue(v, def.unit, Number.isInteger(v) ? 0 : def.decimals);
  const labels = def.unit === 'booleen' ? ['non', 'oui'] : classLabels(classes, fmt);
  const masked = rows.filter((r) => r.value === null && r.source_id).length;
  const absent = rows.filter((r) => r.value === null && !r.source_id).length;
  const small = geo.communes.length > 14;

  return (
    <figure className="ept-map" data-indicator={def.id}>
      <figcaption>
        <strong>{def.label}</strong>
        {year ? `, ${year}` : ''} — communes de l’EPT {eptName}
      </figcaption>
      <div className="ept-map-body">
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          role="img"
          aria-label={`Carte : ${def.label} par commune de l’EPT ${eptName}${year ? `, ${year}` : ''}. Les valeurs figurent dans le tableau des communes.`}
        >
          <defs>
            <pattern
              id="atelier-hatch"
              width="6"
              height="6"
              patternUnits="userSpaceOnUse"
              patternTransform="rotate(45)"
            >
              <rect width="6" height="6" fill="#f2f2f2" />
              <line x1="0" y1="0" x2="0" y2="6" stroke="#8a8a8a" strokeWidth="1.5" />
            </pattern>
          </defs>
          {geo.communes.map((c) => {
            const row = byCode.get(c.code);
            const fill =
              colorFor(row?.value ?? null, classes) ?? (row?.source_id ? 'url(#atelier-hatch)' : ABSENT);
            return (
              <path key={c.code} className="ept-commune" data-code={c.code} d={c.d} fill={fill}>
                <title>{`${c.nom} : ${formatValue(row?.value ?? null, def.unit, def.decimals)}`}</title>
              </path>
            );
          })}
          <path d={geo.outline} className="ept-outline" />
          {geo.communes.map((c) => {
            const row = byCode.get(c.code);
            const size = small ? 13 : 16;
            return (
              <g
                key={`l-${c.code}`}
                className="ept-label"
                transform={`translate(${c.centroid[0]},${c.centroid[1]})`}
              >
                <text y={-2} fontSize={size} textAnchor="middle">
                  {c.nom}
                </text>
                <text y={size} fontSize={size - 1} textAnchor="middle" className="ept-label-value">
                  {row?.value === null || row?.value === undefined
                    ? 'n.d.'
                    : def.unit === 'booleen'
                      ? row.value
                        ? 'oui'
                        : 'non'
                      : fmt(row.value)}
                </text>
              </g>
            );
          })}
        </svg>
        <div className="legend" aria-label="Légende">
          <p className="legend-title">
            {def.short_label} ({def.unit_label})
          </p>
          <ul>
            {classes.colors.map((c, i) => (
              <li key={c}>
                <span className="swatch" style={{ background: c }} aria-hidden="true" /> {labels[i]}
              </li>
            ))}
            {masked > 0 && (
              <li>
                <svg width="18" height="14" aria-hidden="true">
                  <rect width="18" height="14" fill="url(#atelier-hatch)" stroke="#999" />
                </svg>{' '}
                valeur masquée ou non renseignée ({masked})
              </li>
            )}
            {absent > 0 && (
              <li>
                <span className="swatch" style={{ background: ABSENT }} aria-hidden="true" /> absente de la
                source ({absent}
                {def.family === 'sru' ? ', communes non soumises à la loi SRU' : ''})
              </li>
            )}
          </ul>
          <p className="muted">
            {classes.kind === 'seuils'
              ? 'Classes à seuils fixes'
              : 'Classes par quantiles des communes de l’EPT'}
            {def.target ? ` ; repère : ${def.target.label}` : ''}.
          </p>
        </div>
      </div>
    </figure>
  );
}
