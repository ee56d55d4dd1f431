/** Map data: TopoJSON layers (fetched once per page) and indicator values of a scope. */
import type { Topology } from 'topojson-specification';
import { client, unwrap, type ValuesResponse } from '../../api';

const layers = new Map<string, Promise<Topology>>();

/** Fetches a TopoJSON layer once per page (`communes-idf`, `france`, …). */
export function loadLayer(layer: string): Promise<Topology> {
  let p = layers.get(layer);
  if (!p) {
    p = client.api.geo[':layer'].$get({ param: { layer } }).then((r) => unwrap<Topology>(r));
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

/** Public address of the same values (JSON), for « lien API ». */
export function valuesUrl(q: ValuesQuery, format: 'json' | 'csv' = 'json'): string {
  const qs = new URLSearchParams(fullQuery(q)).toString().replace(/%3A/gi, ':');
  return `/api/values${format === 'csv' ? '.csv' : ''}?${qs}`;
}
