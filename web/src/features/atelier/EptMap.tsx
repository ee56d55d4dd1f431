/**
 * Map of an EPT's communes for one indicator (d3-geo on the `communes-idf` layer filtered by `ept`),
 * with commune names, a legend with units and classes, and hatching for masked values. Its data table
 * is the communes table of the pack.
 */
import { useMemo } from 'react';
import type { Topology } from 'topojson-specification';
import type { ValuesResponse } from '../../api';
import { formatValue } from '../../format';
import { countText } from '../../model/plural';
import { classify, classLabels, type Classes } from '../../model/classes';
import { figureText } from '../../model/figures';
import {
  PATTERNS,
  REASON_FILL,
  classifiable,
  coveredDepartements,
  fillKind,
  fillLabels,
  fillsFor,
  svgFill,
  svgPatternDefs,
  type FillKind,
} from '../../model/fills';
import { eptGeometry } from './geometry';
import { labelWidth, placeLabels } from './labels';

type Row = ValuesResponse['data'][number];
type Def = ValuesResponse['meta']['indicator'];

const WIDTH = 800;
const HEIGHT = 560;

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
    // flagged values (à vérifier, trop peu de cas) keep their own pattern, out of the class limits
    const nums = rows.filter(classifiable).map((r) => r.value);
    return classify(nums, {
      thresholds: def.thresholds,
      diverging: def.diverging,
      k: Math.min(5, Math.max(2, nums.length - 1)),
    });
  }, [rows, def]);
  const fmt = (v: number) => formatValue(v, def.unit, Number.isInteger(v) ? 0 : def.decimals);
  const labels = def.unit === 'booleen' ? ['non', 'oui'] : classLabels(classes, fmt);
  const covered = useMemo(() => coveredDepartements(rows), [rows]);
  const fills = useMemo(
    () =>
      fillsFor(
        geo.communes.map((c) => c.code),
        byCode,
        classes,
        covered,
      ),
    [geo, byCode, classes, covered],
  );
  const reasons = fillLabels(def, year);
  const counts = new Map<FillKind, number>();
  for (const c of geo.communes) {
    const k = fillKind(byCode.get(c.code), covered, c.code);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const small = geo.communes.length > 14;
  const labelSize = small ? 13 : 16;
  const valueLabel = (code: string) => {
    const row = byCode.get(code);
    if (row?.value === null || row?.value === undefined) return 'n.d.';
    if (def.unit === 'booleen') return row.value ? 'oui' : 'non';
    return fmt(row.value);
  };
  // labels that would overlap are moved a little, or hidden (the communes table gives every value)
  const placed = placeLabels(
    geo.communes.map((c) => ({
      code: c.code,
      x: c.centroid[0],
      y: c.centroid[1],
      width: labelWidth([c.nom, valueLabel(c.code)], labelSize),
      height: labelSize * 2.1,
      priority: c.area,
    })),
    { width: WIDTH, height: HEIGHT },
  );
  const hidden = placed.filter((p) => !p.shown).length;

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
          <defs dangerouslySetInnerHTML={{ __html: svgPatternDefs(1, 'atelier') }} />
          {geo.communes.map((c, i) => {
            const row = byCode.get(c.code);
            return (
              <path
                key={c.code}
                className="ept-commune"
                data-code={c.code}
                d={c.d}
                fill={svgFill(fills[i]!, 'atelier')}
              >
                <title>{`${c.nom} : ${row && row.value !== null ? figureText(def, row.value) : 'non disponible'}`}</title>
              </path>
            );
          })}
          <path d={geo.outline} className="ept-outline" />
          {geo.communes.map((c, i) => {
            const place = placed[i]!;
            if (!place.shown) return null;
            return (
              <g
                key={`l-${c.code}`}
                className="ept-label"
                data-label={c.code}
                transform={`translate(${place.x},${place.y})`}
              >
                <text y={-0.2 * labelSize} fontSize={labelSize} textAnchor="middle">
                  {c.nom}
                </text>
                <text
                  y={0.85 * labelSize}
                  fontSize={labelSize - 1}
                  textAnchor="middle"
                  className="ept-label-value"
                >
                  {valueLabel(c.code)}
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
            {(['flagged', 'above', 'masked', 'not_listed', 'absent'] as const)
              .filter((k) => (counts.get(k) ?? 0) > 0)
              .map((k) => (
                <li key={k} data-kind={k}>
                  <span
                    className={`swatch${PATTERNS[REASON_FILL[k]] ? ` swatch-${REASON_FILL[k]}` : ''}`}
                    style={PATTERNS[REASON_FILL[k]] ? undefined : { background: REASON_FILL[k] }}
                    aria-hidden="true"
                  />{' '}
                  {reasons[k]} ({countText(counts.get(k)!, 'communes')})
                </li>
              ))}
          </ul>
          <p className="muted">
            {classes.kind === 'seuils'
              ? 'Classes à seuils fixes'
              : 'Classes par quantiles des communes de l’EPT'}
            {def.target ? ` ; repère : ${def.target.label}` : ''}.
            {hidden > 0
              ? ` ${countText(hidden, 'noms non affichés')} faute de place : leurs valeurs sont dans le tableau des communes.`
              : ''}
          </p>
        </div>
      </div>
    </figure>
  );
}
