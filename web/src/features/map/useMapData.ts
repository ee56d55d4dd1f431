/**
 * Everything the map loads for a state of its address: the projected layer (worker), its outlines on
 * demand, the indicator's values for the perimeter, the zones it can zoom to and the communes of the
 * zoom zone, with the view box that fits them.
 */
import { useEffect, useMemo, useState } from 'react';
import type { IndicatorInfo, ValuesResponse } from '../../api';
import { loadValues } from '../../model/values';
import { LEVEL_NAME, loadTerritoryList, parseRef, type LevelId, type TerritoryItem } from '../../territories';
import { useAsync, type AsyncState } from '../../useAsync';
import { loadProjected } from './data';
import { fitBox, type Box, type MapBase, type OutlineKind, type Perimeter } from './geo';
import { perimeterWithin, type MapState } from './state';

export type ZoneGroups = { level: LevelId; items: TerritoryItem[] }[];

/** Zones the map can zoom to, for a perimeter. */
async function zoneOptions(perimeter: Perimeter): Promise<ZoneGroups> {
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

export interface MapData {
  layer: AsyncState<MapBase>;
  base: MapBase | null;
  values: AsyncState<ValuesResponse | null>;
  data: ValuesResponse | null;
  zones: AsyncState<ZoneGroups>;
  /** Communes of the zoom zone, or null when the whole perimeter is shown. */
  zone: Set<string> | null;
  view: Box | null;
  outlines: OutlineKind[];
  zoneItem: TerritoryItem | undefined;
  zoneName: string | null;
  /** The indicator has values by commune. */
  mappable: boolean;
}

export function useMapData(state: MapState, info: IndicatorInfo | undefined): MapData {
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

  const zoneItem =
    state.zoom && zones.status === 'ok'
      ? zones.data.flatMap((g) => g.items).find((t) => `${t.level}:${t.code}` === state.zoom)
      : undefined;
  const zoneRef = state.zoom ? parseRef(state.zoom) : null;
  const zoneName = zoneItem ? zoneItem.name : zoneRef ? `${LEVEL_NAME[zoneRef.level]} ${zoneRef.code}` : null;

  return {
    layer,
    base,
    values,
    data: values.status === 'ok' ? values.data : null,
    zones,
    zone,
    view,
    outlines,
    zoneItem,
    zoneName,
    mappable,
  };
}
