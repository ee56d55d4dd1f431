/**
 * `/` and `/carte`: choropleth of any registry indicator by commune — Île-de-France by default (SVG),
 * all of France on demand (canvas, geometry loaded only then). Everything that defines the view is in
 * the address: indicator, year, perimeter, zoom zone, selected commune and outlines.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ValuesResponse } from '../../api';
import { ExportBar, type FigureSource } from '../../components/export';
import { IndicatorSelect, YearSelect } from '../../components/IndicatorSelect';
import { formatValue } from '../../format';
import { useRegistry } from '../../registry';
import { Link, setQuery } from '../../router';
import { LEVEL_NAME, loadTerritoryList, parseRef, type LevelId, type TerritoryItem } from '../../territories';
import { sourceText } from '../../model/sources';
import { useAsync } from '../../useAsync';
import { CanvasMap } from './CanvasMap';
import { classCounts, classify, classLabels } from '../../model/classes';
import { CommuneDetails, missingText } from './CommuneDetails';
import { CommuneList, type ListItem } from './CommuneList';
import { DataTable } from './DataTable';
import { loadValues, valuesUrl } from '../../model/values';
import { loadProjected } from './data';
import { vectorMap } from './exportMap';
import { fitBox, type OutlineKind, type Perimeter } from './geo';
import { figureLegend, Legend, type LegendModel } from './Legend';
import { fillsFor } from './paint';
import { mapStateQuery, parseMapState, perimeterWithin, type MapState } from './state';
import { SvgMap, type RendererProps } from './SvgMap';

type Row = ValuesResponse['data'][number];

const PERIMETER_TEXT: Record<Perimeter, string> = {
  idf: 'communes d’Île-de-France',
  france: 'communes de France',
};
const OUTLINE_NAMES: Record<OutlineKind, string> = {
  region: 'régions',
  departement: 'départements',
  ept: 'EPT',
  epci: 'EPCI',
};

/** Zones the map can zoom to, for a perimeter. */
async function zoneOptions(perimeter: Perimeter): Promise<{ level: LevelId; items: TerritoryItem[] }[]> {
  const groups: [LevelId, string][] =
    perimeter === 'idf'
      ? [
          ['departement', 'region:11'],
          ['ept', 'region:11'],
          ['epci', 'region:11'],
        ]
      : [
          ['region', 'france'],
          ['departement', 'france'],
        ];
  return Promise.all(
    groups.map(async ([level, within]) => ({ level, items: await loadTerritoryList(level, within) })),
  );
}

/** Marks read by the benchmark: set by the renderer that actually painted the layer (SVG for IDF, canvas for France). */
const markIdfPainted = () => performance.mark('map-idf-painted');
const markFrancePainted = () => performance.mark('map-france-painted');

export function MapPage({ search }: { search: URLSearchParams }) {
  const state = parseMapState(search);
  const { indicators } = useRegistry();
  const update = (changes: Partial<MapState>, replace = false) =>
    setQuery(mapStateQuery({ ...state, ...changes }), { replace });

  const info = indicators.find((i) => i.id === state.indicator);
  const mappable = !!info && info.levels.includes('commune');
  const layerId = state.perimeter === 'idf' ? 'communes-idf' : 'france';
  const layer = useAsync(() => {
    const t0 = performance.now();
    return loadProjected(layerId, state.perimeter, state.outlines).then((b) => {
      performance.measure(`map-${state.perimeter}-project`, { start: t0, end: performance.now() });
      return b;
    });
  }, [layerId]);
  const base = layer.status === 'ok' ? layer.data : null;
  // Outlines computed in the worker on demand (e.g. the EPCI of all France) redraw the map when ready.
  const [outlineTick, setOutlineTick] = useState(0);
  const outlineKey = state.outlines.join(',');
  useEffect(() => {
    if (!base?.loadOutline) return;
    let live = true;
    for (const k of state.outlines)
      if (!base.outline(k)) void base.loadOutline(k).then(() => live && setOutlineTick((t) => t + 1));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [base, outlineKey]);
  const outlines = useMemo(
    () => state.outlines.filter((k) => base?.outlineKinds.includes(k) && base.outline(k)),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [base, outlineKey, outlineTick],
  );
  const values = useAsync(
    () =>
      mappable
        ? loadValues({
            indicator: state.indicator,
            within: perimeterWithin(state.perimeter),
            year: state.year,
          })
        : Promise.resolve(null),
    [state.indicator, state.perimeter, state.year, mappable],
  );
  const zones = useAsync(() => zoneOptions(state.perimeter), [state.perimeter]);
  const zoneCodes = useAsync(
    () => (state.zoom ? loadTerritoryList('commune', state.zoom) : Promise.resolve(null)),
    [state.zoom],
  );

  const [hover, setHover] = useState<{ code: string; x: number; y: number } | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const frame = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);

  const data = values.status === 'ok' ? values.data : null;
  const def = data?.meta.indicator ?? null;
  const byCode = useMemo(() => new Map<string, Row>((data?.data ?? []).map((r) => [r.code, r])), [data]);
  const classes = useMemo(() => {
    if (!def || !data) return null;
    const nums = data.data.map((r) => r.value).filter((v): v is number => v !== null);
    return classify(nums, {
      thresholds: def.thresholds,
      diverging: def.diverging,
      boolean: def.unit === 'booleen',
    });
  }, [def, data]);
  const fills = useMemo(
    () =>
      base && classes
        ? fillsFor(
            base.features.map((f) => f.properties.code),
            byCode,
            classes,
          )
        : null,
    [base, classes, byCode],
  );
  const zone = useMemo(
    () => (zoneCodes.status === 'ok' && zoneCodes.data ? new Set(zoneCodes.data.map((c) => c.code)) : null),
    [zoneCodes],
  );
  const view = useMemo(() => {
    if (!base || !zone) return null;
    const boxes = [...zone].map((c) => base.index.get(c)).filter((i): i is number => i !== undefined);
    return fitBox(
      boxes.map((i) => base.boundsOf(i)),
      base.width,
      base.height,
    );
  }, [base, zone]);

  useEffect(() => {
    if (def) document.title = `Carte : ${def.short_label} — Observatoire précarité & logement`;
  }, [def]);

  const zoneItem =
    state.zoom && zones.status === 'ok'
      ? zones.data.flatMap((g) => g.items).find((t) => `${t.level}:${t.code}` === state.zoom)
      : undefined;
  const zoneRef = state.zoom ? parseRef(state.zoom) : null;
  const zoneName = zoneItem
    ? `${zoneItem.name}`
    : zoneRef
      ? `${LEVEL_NAME[zoneRef.level]} ${zoneRef.code}`
      : null;

  const rows = useMemo(() => {
    if (!data) return [];
    return zone ? data.data.filter((r) => zone.has(r.code)) : data.data;
  }, [data, zone]);

  const year = data?.meta.year ?? null;

  const legend: LegendModel | null = useMemo(() => {
    if (!def || !classes || !data) return null;
    const nums = data.data.map((r) => r.value).filter((v): v is number => v !== null);
    const range: [number, number] | undefined = nums.length
      ? [Math.min(...nums), Math.max(...nums)]
      : undefined;
    return {
      title: `${def.short_label} (${def.unit_label}), ${year ?? 'année inconnue'}`,
      classes,
      labels: classLabels(
        classes,
        (v) => formatValue(v, def.unit, Number.isInteger(v) ? 0 : def.decimals),
        range,
      ),
      // Classes and limits are those of the whole perimeter; counts are those of the view (zoom zone).
      counts: classCounts(
        rows.map((r) => r.value).filter((v): v is number => v !== null),
        classes,
      ),
      masked: rows.filter((r) => r.value === null && r.source_id).length,
      absent: rows.filter((r) => r.value === null && !r.source_id).length,
      what: 'communes',
      scope: zoneName ? `communes de ${zoneName} (${rows.length})` : null,
      outlines,
      target: def.target?.label,
      maskedText: 'valeur masquée ou non renseignée par la source (hachures)',
      absentText: `commune absente de la source${year ? ` pour ${year}` : ''}`,
    };
  }, [def, classes, data, rows, zoneName, year, outlines]);

  const listItems: ListItem[] = useMemo(
    () =>
      def
        ? [...rows]
            .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
            .map((r) => ({
              code: r.code,
              name: r.name,
              valueText: r.value === null ? 'n.d.' : formatValue(r.value, def.unit, def.decimals),
            }))
        : [],
    [rows, def],
  );

  const shown = hover?.code ?? active ?? state.commune;
  const shownFeature = shown && base ? base.features[base.index.get(shown) ?? -1] : undefined;
  const shownRow = shown ? byCode.get(shown) : undefined;
  const selectedRow = state.commune ? byCode.get(state.commune) : undefined;
  const selectedFeature =
    state.commune && base ? base.features[base.index.get(state.commune) ?? -1] : undefined;

  const source = data ? sourceText(data.meta.sources) : '';
  const scopeText = `${PERIMETER_TEXT[state.perimeter]}${zoneName ? `, zoom sur ${zoneName}` : ''}`;
  const apiQuery = {
    indicator: state.indicator,
    within: state.zoom ?? perimeterWithin(state.perimeter),
    year: year ? String(year) : state.year,
  };

  const figure: FigureSource | undefined =
    def && legend && base && fills
      ? {
          title: `${def.label}, ${year ?? ''}`,
          subtitle: `${scopeText} — ${def.unit_label}`,
          source,
          legend: figureLegend(legend),
          fileName: `carte-${def.id}-${year ?? ''}-${state.zoom ?? state.perimeter}`,
          width: 1600,
          height: 1000,
          svg: () =>
            base.perimeter === 'idf'
              ? svgRef.current
              : vectorMap(base, fills, zone, view, outlines, state.commune),
        }
      : undefined;

  const pick = (code: string) => update({ commune: code === state.commune ? null : code });
  const label = def
    ? `Carte : ${def.label} par commune, ${scopeText}, ${year ?? ''}. Le tableau des données et la liste des communes donnent les mêmes valeurs.`
    : 'Carte';

  // Props shared by both renderers (SVG for Île-de-France, canvas for France).
  const rendererProps = (
    b: RendererProps['base'],
    f: RendererProps['fills'],
  ): Omit<RendererProps, 'onPainted'> => ({
    base: b,
    fills: f,
    zone,
    view,
    outlines,
    highlight: [state.commune, hover?.code ?? active],
    onHover: (code: string | null, x: number, y: number) => {
      const box = frame.current?.getBoundingClientRect();
      setHover(code && box ? { code, x: x - box.left, y: y - box.top } : null);
    },
    onPick: pick,
    label,
  });

  return (
    <section className="map-page">
      <h1>Carte {def ? `: ${def.short_label}` : 'des communes'}</h1>
      <p className="lead">
        Survolez ou parcourez la liste au clavier pour lire la valeur d’une commune ; cliquez pour la
        sélectionner. L’adresse de la page garde l’indicateur, l’année, le zoom et la sélection : copiez-la
        pour partager cette vue.
      </p>

      <div className="controls" role="group" aria-label="Réglages de la carte">
        <IndicatorSelect
          value={state.indicator}
          onChange={(indicator) => update({ indicator, year: 'latest' })}
        />
        <YearSelect
          value={state.year}
          years={data?.meta.years ?? info?.years ?? []}
          onChange={(y) => update({ year: y })}
        />
        <fieldset className="field">
          <legend>Périmètre</legend>
          {(['idf', 'france'] as Perimeter[]).map((p) => (
            <label key={p} className="inline">
              <input
                type="radio"
                name="perimetre"
                value={p}
                checked={state.perimeter === p}
                onChange={() =>
                  update({
                    perimeter: p,
                    zoom: null,
                    commune: state.commune,
                    outlines: p === 'idf' ? ['departement', 'ept'] : ['region', 'departement'],
                  })
                }
              />{' '}
              {p === 'idf' ? 'Île-de-France' : 'France entière'}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="map-zoom">Zoomer sur</label>
          <select
            id="map-zoom"
            value={state.zoom ?? ''}
            onChange={(e) => update({ zoom: e.target.value || null })}
          >
            <option value="">
              {state.perimeter === 'idf' ? 'toute l’Île-de-France' : 'toute la France'}
            </option>
            {zones.status === 'ok' &&
              zones.data.map((g) => (
                <optgroup key={g.level} label={LEVEL_NAME[g.level]}>
                  {g.items.map((t) => (
                    <option key={t.code} value={`${t.level}:${t.code}`}>
                      {t.name} ({t.code})
                    </option>
                  ))}
                </optgroup>
              ))}
            {state.zoom && !zoneItem && <option value={state.zoom}>{zoneName}</option>}
          </select>
        </div>
        {base && (
          <fieldset className="field">
            <legend>Limites</legend>
            {base.outlineKinds.map((o) => (
              <label key={o} className="inline">
                <input
                  type="checkbox"
                  checked={state.outlines.includes(o)}
                  onChange={(e) =>
                    update(
                      {
                        outlines: e.target.checked
                          ? [...state.outlines, o]
                          : state.outlines.filter((x) => x !== o),
                      },
                      true,
                    )
                  }
                />{' '}
                {OUTLINE_NAMES[o]}
              </label>
            ))}
          </fieldset>
        )}
      </div>

      {!mappable && (
        <p role="alert" className="notice">
          {info
            ? `« ${info.label} » n’a pas de valeur par commune : voyez les classements ou les fiches des territoires.`
            : `Indicateur inconnu : « ${state.indicator} ».`}
        </p>
      )}
      {layer.status === 'error' && (
        <p role="alert">Impossible de charger le fond de carte : {layer.error.message}</p>
      )}
      {values.status === 'error' && (
        <p role="alert">Impossible de charger les valeurs : {values.error.message}</p>
      )}
      {mappable &&
        (!base || !data || !fills || !legend || !def) &&
        layer.status !== 'error' &&
        values.status !== 'error' && (
          <p aria-busy="true" className="loading">
            {layer.status === 'loading' && state.perimeter === 'france'
              ? 'Chargement du fond de carte des 34 868 communes de France…'
              : 'Chargement de la carte…'}
          </p>
        )}

      {base && data && fills && legend && def && (
        <>
          <ExportBar
            label="Exporter la carte et ses données"
            figure={figure}
            table={{
              fileName: `${def.id}-${year ?? ''}-${state.zoom ?? state.perimeter}`,
              csvUrl: valuesUrl(apiQuery, 'csv'),
            }}
            apiUrl={valuesUrl(apiQuery)}
          />
          <figure className="map" data-indicator={def.id} data-year={year ?? undefined}>
            <figcaption>
              <strong>{def.label}</strong>, {year ?? 'année inconnue'} — {scopeText}
              {state.zoom && (
                <>
                  {' '}
                  <button type="button" className="secondary" onClick={() => update({ zoom: null })}>
                    Dézoomer
                  </button>
                </>
              )}
            </figcaption>
            <div className="map-frame" ref={frame}>
              {base.perimeter === 'idf' ? (
                <SvgMap {...rendererProps(base, fills)} onPainted={markIdfPainted} svgRef={svgRef} />
              ) : (
                <CanvasMap {...rendererProps(base, fills)} onPainted={markFrancePainted} />
              )}
              {hover && shownFeature && (
                <div className="tooltip" style={{ left: hover.x + 14, top: hover.y + 14 }} aria-hidden="true">
                  <CommuneDetails
                    name={shownFeature.properties.nom}
                    code={hover.code}
                    row={shownRow}
                    def={def}
                    year={year}
                    sources={data.meta.sources}
                    compact
                  />
                </div>
              )}
            </div>
            <Legend m={legend} indicator={def.id} source={source} />
          </figure>

          <div className="map-side">
            <CommuneList
              items={listItems}
              active={active}
              onActive={setActive}
              onSelect={pick}
              label={`Communes de la carte (${zoneName ?? (state.perimeter === 'idf' ? 'Île-de-France' : 'France')})`}
            />
            <div className="panel" aria-live="polite">
              <h2 className="panel-title">{state.commune ? 'Commune sélectionnée' : 'Détail'}</h2>
              {shown && (shownFeature || shownRow) ? (
                <CommuneDetails
                  name={shownFeature?.properties.nom ?? shownRow?.name ?? shown}
                  code={shown}
                  row={shownRow}
                  def={def}
                  year={year}
                  sources={data.meta.sources}
                />
              ) : (
                <p className="muted">Survolez la carte ou choisissez une commune dans la liste.</p>
              )}
              {state.commune && (
                <p className="actions">
                  <Link href={`/commune/${state.commune}`}>
                    Fiche de {selectedFeature?.properties.nom ?? selectedRow?.name ?? state.commune}
                  </Link>
                  {' · '}
                  <Link href={`/comparer?codes=${state.commune}`}>Comparer</Link>
                  {selectedFeature && state.zoom !== `departement:${selectedFeature.properties.dep}` && (
                    <>
                      {' · '}
                      <button
                        type="button"
                        className="linklike"
                        onClick={() => update({ zoom: `departement:${selectedFeature.properties.dep}` })}
                      >
                        Zoomer sur son département
                      </button>
                    </>
                  )}
                  {' · '}
                  <button type="button" className="linklike" onClick={() => update({ commune: null })}>
                    Désélectionner
                  </button>
                </p>
              )}
              {selectedRow && selectedRow.value === null && (
                <p className="muted">{missingText(selectedRow, year)}</p>
              )}
            </div>
            {def.caveats.length > 0 && (
              <details className="caveats">
                <summary>Précautions de lecture</summary>
                <ul>
                  {def.caveats.map((c) => (
                    <li key={c}>{c}</li>
                  ))}
                </ul>
              </details>
            )}
          </div>

          <DataTable
            rows={rows}
            def={def}
            year={year}
            caption={`${def.label} (${def.unit_label}), ${year ?? ''} — ${scopeText}. ${source}`}
            onActive={setActive}
          />
        </>
      )}
    </section>
  );
}
