/**
 * `/` and `/carte`: choropleth of any registry indicator by commune — Île-de-France by default (SVG),
 * all of France on demand (canvas, geometry loaded only then). Everything that defines the view is in
 * the address: indicator, year, perimeter, zoom zone, selected commune and outlines.
 *
 * Jobs: `useMapData` loads, `useMapModel` derives (classes, fills, legend, coverage), `MapControls`
 * and `MapSidePanel` are the controls and the list; this file lays them out around the renderer.
 */
import { useEffect, useRef, useState } from 'react';
import { ExportBar, type FigureSource } from '../../components/export';
import { useNarrow } from '../../components/Collapsible';
import { useRegistry } from '../../registry';
import { Link, setQuery } from '../../router';
import { CanvasMap } from './CanvasMap';
import { CommuneDetails } from './CommuneDetails';
import { valuesUrl } from '../../model/values';
import { DataTable } from './DataTable';
import { vectorMap } from './exportMap';
import type { Perimeter } from './geo';
import { figureLegend, Legend } from './Legend';
import { MapControls } from './MapControls';
import { MapSidePanel } from './MapSidePanel';
import { mapStateQuery, parseMapState, perimeterWithin, type MapState } from './state';
import { SvgMap, type RendererProps } from './SvgMap';
import { useMapData } from './useMapData';
import { countText } from '../../model/plural';
import { useMapModel } from './useMapModel';

const PERIMETER_TEXT: Record<Perimeter, string> = {
  idf: 'communes d’Île-de-France',
  france: 'communes de France',
};

/** Marks read by the benchmark: set by the renderer that actually painted the layer (SVG for IDF, canvas for France). */
const markIdfPainted = () => performance.mark('map-idf-painted');
const markFrancePainted = () => performance.mark('map-france-painted');

/** Where the tooltip goes: beside the pointer, flipped so that it stays inside the map frame. */
function tooltipPosition(x: number, y: number, frame: DOMRect | undefined): { left: number; top: number } {
  const w = frame?.width ?? 800;
  const h = frame?.height ?? 600;
  const left = x > w / 2 ? Math.max(4, x - 14 - 260) : x + 14;
  const top = y > h / 2 ? Math.max(4, y - 14 - 120) : y + 14;
  return { left, top };
}

export function MapPage({ search }: { search: URLSearchParams }) {
  const state = parseMapState(search);
  const { indicators } = useRegistry();
  const update = (changes: Partial<MapState>, replace = false) =>
    setQuery(mapStateQuery({ ...state, ...changes }), { replace });
  const info = indicators.find((i) => i.id === state.indicator);
  const loaded = useMapData(state, info);
  const { base, data, zone, view, outlines, zoneName, mappable, layer, values } = loaded;
  const model = useMapModel(data, base, zone, zoneName, outlines);
  const { def, year, byCode, fills, legend, rows, source } = model;
  const narrow = useNarrow();

  const [hover, setHover] = useState<{ code: string; x: number; y: number } | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const frame = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);

  useEffect(() => {
    if (def) document.title = `Carte : ${def.short_label} — Observatoire précarité & logement`;
  }, [def]);

  const shown = hover?.code ?? active ?? state.commune;
  const shownFeature = shown && base ? base.features[base.index.get(shown) ?? -1] : undefined;
  const shownRow = shown ? byCode.get(shown) : undefined;
  const selectedRow = state.commune ? byCode.get(state.commune) : undefined;
  const selectedFeature =
    state.commune && base ? base.features[base.index.get(state.commune) ?? -1] : undefined;

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
  const summary = `${info?.short_label ?? state.indicator}, ${year ?? (state.year === 'latest' ? 'dernière année' : state.year)}, ${zoneName ?? (state.perimeter === 'idf' ? 'Île-de-France' : 'France')}`;

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
      // on a phone a tap selects: the details panel under the map says the rest, no tooltip
      if (narrow) return;
      const box = frame.current?.getBoundingClientRect();
      setHover(code && box ? { code, x: x - box.left, y: y - box.top } : null);
    },
    onPick: pick,
    label,
  });
  const tip = hover ? tooltipPosition(hover.x, hover.y, frame.current?.getBoundingClientRect()) : null;

  return (
    <section className="map-page">
      <h1>Carte {def ? `: ${def.short_label}` : 'des communes'}</h1>
      <MapControls
        state={state}
        update={update}
        years={data?.meta.years ?? info?.years ?? []}
        data={loaded}
        base={base}
        summary={summary}
      />

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
              <span className="coverage-line" data-values={model.coverage?.values}>
                {model.coverageLine}{' '}
                <Link href={`/couverture?indicateur=${def.id}${year ? `&annee=${year}` : ''}`}>
                  couverture par département
                </Link>
              </span>
              {state.year === 'latest' &&
                data.meta.newer_years.map((n) => (
                  <span key={n.year} className="newer-year" data-year={n.year}>
                    {n.year} : valeurs pour {countText(n.territories, 'communes')} seulement (une partie du
                    périmètre), d’où la carte de {year}.{' '}
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => update({ year: String(n.year) })}
                    >
                      Voir {n.year}
                    </button>
                  </span>
                ))}
            </figcaption>
            <div className="map-frame" ref={frame}>
              {base.perimeter === 'idf' ? (
                <SvgMap {...rendererProps(base, fills)} onPainted={markIdfPainted} svgRef={svgRef} />
              ) : (
                <CanvasMap {...rendererProps(base, fills)} onPainted={markFrancePainted} />
              )}
              {hover && tip && shownFeature && (
                <div className="tooltip" style={tip} aria-hidden="true">
                  <CommuneDetails
                    name={shownFeature.properties.nom}
                    code={hover.code}
                    row={shownRow}
                    def={def}
                    year={year}
                    sources={data.meta.sources}
                    missing={model.missingLabel(hover.code)}
                    compact
                  />
                </div>
              )}
            </div>
            <Legend m={legend} indicator={def.id} source={source} />
          </figure>

          <ExportBar
            label="Exporter la carte et ses données"
            figure={figure}
            table={{
              fileName: `${def.id}-${year ?? ''}-${state.zoom ?? state.perimeter}`,
              csvUrl: valuesUrl(apiQuery, 'csv'),
            }}
            apiUrl={valuesUrl(apiQuery)}
          />

          <MapSidePanel
            state={state}
            update={update}
            def={def}
            year={year}
            sources={data.meta.sources}
            items={model.listItems}
            listLabel={`Communes de la carte (${zoneName ?? (state.perimeter === 'idf' ? 'Île-de-France' : 'France')})`}
            active={active}
            setActive={setActive}
            pick={pick}
            shown={shown}
            shownFeature={shownFeature}
            shownRow={shownRow}
            selectedFeature={selectedFeature}
            selectedRow={selectedRow}
            missingLabel={model.missingLabel}
          />

          <DataTable
            rows={rows}
            def={def}
            year={year}
            caption={`${def.label} (${def.unit_label}), ${year ?? ''} — ${scopeText}. ${source}`}
            onActive={setActive}
          />
        </>
      )}
      <p className="lead map-help">
        Survolez ou touchez la carte, ou parcourez la liste au clavier, pour lire la valeur d’une commune ;
        cliquez pour la sélectionner. L’adresse de la page garde l’indicateur, l’année, le zoom et la
        sélection : copiez-la pour partager cette vue.
      </p>
    </section>
  );
}
