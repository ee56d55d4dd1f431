/** Map data: projected layers (fetched and projected once per page, in a worker) and indicator values. */
import type { Topology } from 'topojson-specification';
import { apiUrl, client, unwrap, type GeoLayersResponse, type ValuesResponse } from '../../api';
import { buildBase, type MapBase, type OutlineKind, type Perimeter } from './geo';
import { unpack } from './packed';
import type { WorkerReply, WorkerRequest } from './project.worker';

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

const valuesCache = new Map<string, Promise<ValuesResponse>>();

/** Values of one indicator for a perimeter; the last few answers are kept for the page's lifetime. */
export function loadValues(q: ValuesQuery): Promise<ValuesResponse> {
  const query = fullQuery(q);
  const key = JSON.stringify(Object.entries(query).sort());
  let p = valuesCache.get(key);
  if (!p) {
    p = client.api.values.$get({ query: query as never }).then((r) => unwrap<ValuesResponse>(r));
    valuesCache.set(key, p);
    p.catch(() => valuesCache.delete(key));
    if (valuesCache.size > 20) valuesCache.delete(valuesCache.keys().next().value!);
  }
  return p;
}

/** Public address of the same values: JSON for « lien API », or its CSV twin. */
export function valuesUrl(q: ValuesQuery, format?: 'csv'): string {
  return apiUrl('/api/values', fullQuery(q), format);
}

/** Versioned address of a layer (`?v=<hash>`: immutable, kept by the browser cache). */
async function layerUrl(layer: string): Promise<string> {
  const hash = await loadLayerList()
    .then((list) => list.data.find((l) => l.id === layer)?.hash)
    .catch(() => undefined);
  return `/api/geo/${layer}${hash ? `?v=${hash}` : ''}`;
}

let worker: Worker | null = null;
let seq = 0;
const calls = new Map<number, { resolve: (r: WorkerReply) => void; reject: (e: Error) => void }>();

function callWorker(req: WorkerRequest): Promise<WorkerReply> {
  if (!worker) {
    worker = new Worker(new URL('./project.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<WorkerReply>) => {
      const c = calls.get(e.data.id);
      calls.delete(e.data.id);
      if (!c) return;
      if (e.data.type === 'error') c.reject(new Error(e.data.message));
      else c.resolve(e.data);
    };
    worker.onerror = (e) => {
      for (const c of calls.values()) c.reject(new Error(e.message || 'erreur du calcul de la carte'));
      calls.clear();
      worker = null;
    };
  }
  return new Promise((resolve, reject) => {
    calls.set(req.id, { resolve, reject });
    worker!.postMessage(req);
  });
}

const projected = new Map<string, Promise<MapBase>>();

/**
 * A layer projected for a perimeter, with the outlines asked for. The JSON is parsed, decoded and
 * projected in a worker so the page stays responsive while the 34 868 communes of France load;
 * without workers, the same code runs on the page.
 */
export function loadProjected(
  layer: string,
  perimeter: Perimeter,
  outlines: OutlineKind[],
): Promise<MapBase> {
  const key = `${layer}|${perimeter}`;
  let p = projected.get(key);
  if (!p) {
    p = layerUrl(layer).then(async (url) => {
      if (typeof Worker === 'undefined') return buildBase(await loadLayer(layer), perimeter);
      const reply = await callWorker({ type: 'load', id: ++seq, url, perimeter, outlines });
      if (reply.type !== 'loaded') throw new Error('réponse inattendue du calcul de la carte');
      // The worker's steps, as measures of the page (performance panel, benchmarks).
      for (const [step, ms] of Object.entries(reply.timings))
        performance.measure(`map-${perimeter}-worker-${step}`, { duration: ms, end: performance.now() });
      return unpack(reply.layer, async (kind) => {
        const r = await callWorker({ type: 'outline', id: ++seq, url, kind });
        return r.type === 'outline' ? r.d : '';
      });
    });
    projected.set(key, p);
    p.catch(() => projected.delete(key));
  }
  return p;
}
