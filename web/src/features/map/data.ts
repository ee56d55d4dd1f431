/** Map data: TopoJSON layers (fetched once per page) and indicator values of a scope. */
import type { Topology } from 'topojson-specification';
import { apiUrl, client, unwrap, type GeoLayersResponse, type ValuesResponse } from '../../api';

const layers = new Map<string, Promise<Topology>>();

let layerList: Promise<GeoLayersResponse> | null = null;

/** The layer list with content hashes (`/api/geo`). */
export function loadLayerList(): Promise<GeoLayersResponse> {
  layerList ??= client.api.geo.$get().then((r) => unwrap<GeoLayersResponse>(r));
  layerList.catch(() => (layerList = null));
  return layerList;
}

/**
 * Fetches a TopoJSON layer once per page (`communes-idf`, `france`, …), by its versioned address
 * (`?v=<hash>`, served as immutable: the browser cache keeps the 12 MB national layer between visits).
 */
export function loadLayer(layer: string): Promise<Topology> {
  let p = layers.get(layer);
  if (!p) {
    p = loadLayerList()
      .then((list) => list.data.find((l) => l.id === layer)?.hash)
      .catch(() => undefined)
      .then((v) =>
        client.api.geo[':layer'].$get({ param: { layer }, ...(v ? { query: { v } } : {}) } as never),
      )
      .then((r) => unwrap<Topology>(r as Response));
    layers.set(layer, p);
    p.catch(() => layers.delete(layer));
  }
  return p;
}

export interface ValuesQuery {
  indicator: string;
  level?: string;
  within?: string;
  year?: string;
}

function fullQuery(q: ValuesQuery) {
  return { level: 'commune', within: 'france', year: 'latest', ...q };
}

export function loadValues(q: ValuesQuery): Promise<ValuesResponse> {
  return client.api.values.$get({ query: fullQuery(q) as never }).then((r) => unwrap<ValuesResponse>(r));
}

/** Public address of the same values: JSON for « lien API », or its CSV twin. */
export function valuesUrl(q: ValuesQuery, format?: 'csv'): string {
  return apiUrl('/api/values', fullQuery(q), format);
}
