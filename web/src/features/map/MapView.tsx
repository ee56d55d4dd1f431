/**
 * Choropleth of one indicator over the communes of Île-de-France, drawn with d3-geo from TopoJSON,
 * with département and EPT outlines, a legend with classes and units, a tooltip, hatching for
 * missing values, and the data table behind it.
 */
import { geoConicConformal, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { useEffect, useMemo, useRef, useState } from 'react';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { ValuesResponse } from '../../api';
import { formatValue } from '../../format';
import { navigate } from '../../router';
import { useAsync } from '../../useAsync';
import { classify, classLabels, colorFor } from './classes';
import { loadLayer, loadValues } from './data';

type Props = { indicator: string; within?: string; year?: string };
type CommuneProps = { code: string; nom: string; dep: string; ept: string | null };
type Row = ValuesResponse['data'][number];

const ABSENT = '#e4e4e4';
const WIDTH = 800;
const HEIGHT = 640;

export function MapView({ indicator, within = 'region:11', year = 'latest' }: Props) {
  const topo = useAsync(() => loadLayer('communes-idf'), []);
  const values = useAsync(() => loadValues({ indicator, within, year }), [indicator, within, year]);
  const [hover, setHover] = useState<{ x: number; y: number; f: Feature<Geometry, CommuneProps> } | null>(
    null,
  );
  const svgRef = useRef<SVGSVGElement>(null);

  const geo = useMemo(() => {
    if (topo.status !== 'ok') return null;
    const t = topo.data as Topology;
    const communes = feature(t, t.objects.communes as GeometryCollection<CommuneProps>) as FeatureCollection<
      Geometry,
      CommuneProps
    >;
    const projection = geoConicConformal()
      .parallels([44, 49])
      .rotate([-3, 0])
      .fitSize([WIDTH, HEIGHT], communes);
    const path = geoPath(projection);
    const deps = path(mesh(t, t.objects.departements as GeometryCollection)) ?? '';
    const epts = path(mesh(t, t.objects.ept as GeometryCollection)) ?? '';
    return { communes, path, deps, epts, d: communes.features.map((f) => path(f) ?? '') };
  }, [topo]);

  const byCode = useMemo(() => {
    const m = new Map<string, Row>();
    if (values.status === 'ok') for (const r of values.data.data) m.set(r.code, r);
    return m;
  }, [values]);

  const def = values.status === 'ok' ? values.data.meta.indicator : null;
  const classes = useMemo(() => {
    if (!def) return null;
    const nums = [...byCode.values()].map((r) => r.value).filter((v): v is number => v !== null);
    return classify(nums, { thresholds: def.thresholds, diverging: def.diverging });
  }, [byCode, def]);

  useEffect(() => {
    if (geo && classes && svgRef.current?.querySelector('path.commune')) {
      performance.mark('map-idf-painted');
    }
  }, [geo, classes]);

  if (topo.status === 'error')
    return <p role="alert">Impossible de charger le fond de carte : {topo.error.message}</p>;
  if (values.status === 'error')
    return <p role="alert">Impossible de charger les valeurs : {values.error.message}</p>;
  if (!geo || values.status !== 'ok' || !classes || !def)
    return <p aria-busy="true">Chargement de la carte…</p>;

  const fmt = (v: number) => formatValue(v, def.unit, Number.isInteger(v) ? 0 : def.decimals);
  const meta = values.data.meta;
  const sourceIds = [...new Set(values.data.data.map((r) => r.source_id).filter(Boolean))] as string[];
  const sourceLine = sourceIds
    .map((id) => meta.sources[id]?.producer)
    .filter((v, i, a) => v && a.indexOf(v) === i)
    .join(' ; ');
  const labels = classLabels(classes, fmt);
  const masked = values.data.data.filter((r) => r.value === null && r.source_id).length;
  const absent = values.data.data.filter((r) => r.value === null && !r.source_id).length;
  const hoverRow = hover ? byCode.get(hover.f.properties.code) : undefined;

  return (
    <figure className="map">
      <figcaption>
        <strong>{def.label}</strong>, {meta.year ?? 'année inconnue'} — communes d’Île-de-France
      </figcaption>
      <div className="map-frame">
        <svg
          ref={svgRef}
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          role="img"
          aria-label={`Carte : ${def.label} par commune d’Île-de-France, ${meta.year}. Le tableau des données suit la carte.`}
          onMouseLeave={() => setHover(null)}
        >
          <defs>
            <pattern
              id="hatch"
              width="6"
              height="6"
              patternUnits="userSpaceOnUse"
              patternTransform="rotate(45)"
            >
              <rect width="6" height="6" fill="#f2f2f2" />
              <line x1="0" y1="0" x2="0" y2="6" stroke="#9a9a9a" strokeWidth="1.5" />
            </pattern>
          </defs>
          <g>
            {geo.communes.features.map((f, i) => {
              const row = byCode.get(f.properties.code);
              const fill = colorFor(row?.value ?? null, classes) ?? (row?.source_id ? 'url(#hatch)' : ABSENT);
              return (
                <path
                  key={f.properties.code}
                  className="commune"
                  data-code={f.properties.code}
                  d={geo.d[i]}
                  fill={fill}
                  onMouseMove={(e) => {
                    const box = svgRef.current!.getBoundingClientRect();
                    setHover({ x: e.clientX - box.left, y: e.clientY - box.top, f });
                  }}
                  onClick={() => navigate(`/commune/${f.properties.code}`)}
                >
                  <title>{`${f.properties.nom} : ${formatValue(row?.value ?? null, def.unit, def.decimals)}`}</title>
                </path>
              );
            })}
          </g>
          <path d={geo.epts} className="outline-ept" />
          <path d={geo.deps} className="outline-dep" />
        </svg>
        {hover && (
          <div className="tooltip" style={{ left: hover.x + 12, top: hover.y + 12 }} role="status">
            <strong>{hover.f.properties.nom}</strong> ({hover.f.properties.code})
            <br />
            {def.short_label} : {formatValue(hoverRow?.value ?? null, def.unit, def.decimals)}
            {hoverRow?.year ? ` (${hoverRow.year})` : ''}
            {hoverRow?.value === null && hoverRow?.note ? <div className="muted">{hoverRow.note}</div> : null}
            {hoverRow?.source_id && (
              <div className="muted">
                Source : {meta.sources[hoverRow.source_id]?.producer},{' '}
                {meta.sources[hoverRow.source_id]?.title}
              </div>
            )}
            {hoverRow?.flags.length ? (
              <div className="muted">Qualité : {hoverRow.flags.join(', ')}</div>
            ) : null}
          </div>
        )}
      </div>
      <div className="legend" aria-label="Légende">
        <p className="legend-title">
          {def.short_label} ({def.unit_label}) — classes{' '}
          {classes.kind === 'seuils' ? 'à seuils fixes' : classes.kind}
        </p>
        <ul>
          {classes.colors.map((c, i) => (
            <li key={c}>
              <span className="swatch" style={{ background: c }} aria-hidden="true" /> {labels[i]}
            </li>
          ))}
          <li>
            <svg width="18" height="14" aria-hidden="true">
              <rect width="18" height="14" fill="url(#hatch)" stroke="#999" />
            </svg>{' '}
            valeur masquée ou non renseignée par la source ({masked} communes)
          </li>
          <li>
            <span className="swatch" style={{ background: ABSENT }} aria-hidden="true" /> commune absente de
            la source pour cette année ({absent} communes
            {def.family === 'sru' ? ', le plus souvent non soumises à la loi SRU' : ''})
          </li>
        </ul>
        {def.target && <p className="muted">Repère : {def.target.label}.</p>}
        <p className="muted">
          Traits : limites des départements (épais) et des EPT de la Métropole du Grand Paris (fins).
        </p>
        <p className="source">Source : {sourceLine}</p>
      </div>
      <details className="data-table">
        <summary>Tableau des données de la carte ({values.data.data.length} communes)</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Commune</th>
              <th scope="col">Code</th>
              <th scope="col">
                {def.short_label} ({def.unit_label})
              </th>
              <th scope="col">Année</th>
              <th scope="col">Qualité</th>
            </tr>
          </thead>
          <tbody>
            {values.data.data.map((r) => (
              <tr key={r.code}>
                <td>
                  <a href={`/commune/${r.code}`}>{r.name}</a>
                </td>
                <td>{r.code}</td>
                <td className="num">{formatValue(r.value, def.unit, def.decimals)}</td>
                <td>{r.year ?? ''}</td>
                <td>{r.value === null ? r.note : r.flags.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
