/**
 * The map's settings: indicator, year, perimeter, zoom zone and outlines. On a phone they fold into a
 * panel whose button sums up the current choice, so that the map itself is on the first screen.
 */
import { useId, useState } from 'react';
import { useNarrow } from '../../components/Collapsible';
import { IndicatorSelect, YearSelect } from '../../components/IndicatorSelect';
import { LEVEL_NAME } from '../../territories';
import type { MapBase, OutlineKind, Perimeter } from './geo';
import { DEFAULT_OUTLINES, type MapState } from './state';
import type { MapData } from './useMapData';

const OUTLINE_NAMES: Record<OutlineKind, string> = {
  region: 'régions',
  departement: 'départements',
  ept: 'EPT',
  epci: 'EPCI',
};

export function MapControls({
  state,
  update,
  years,
  data,
  base,
  summary,
}: {
  state: MapState;
  update: (changes: Partial<MapState>, replace?: boolean) => void;
  years: readonly number[];
  data: Pick<MapData, 'zones' | 'zoneItem' | 'zoneName'>;
  base: MapBase | null;
  /** The current choice in a few words (« Taux SRU, 2025, Île-de-France »), for the folded panel. */
  summary: string;
}) {
  const narrow = useNarrow();
  const [open, setOpen] = useState(false);
  const id = useId();
  const { zones, zoneItem, zoneName } = data;
  const shown = !narrow || open;
  return (
    <div className="map-controls">
      {narrow && (
        <button
          type="button"
          className="controls-toggle"
          aria-expanded={open}
          aria-controls={id}
          onClick={() => setOpen(!open)}
        >
          <span className="controls-summary">{summary}</span>
          <span className="controls-action">{open ? 'Fermer les réglages' : 'Réglages'}</span>
        </button>
      )}
      <div className="controls" role="group" aria-label="Réglages de la carte" id={id} hidden={!shown}>
        <IndicatorSelect
          value={state.indicator}
          onChange={(indicator) => update({ indicator, year: 'latest' })}
        />
        <YearSelect value={state.year} years={years} onChange={(y) => update({ year: y })} />
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
                  update({ perimeter: p, zoom: null, commune: state.commune, outlines: DEFAULT_OUTLINES[p] })
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
    </div>
  );
}
