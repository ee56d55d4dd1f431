/** The map's projected layers: fetched and projected once per page, in a worker. */
import { loadLayer, loadLayerList } from '../../model/layers';
import { buildBase, type MapBase, type OutlineKind, type Perimeter } from './geo';
import { unpack } from './packed';
import type { WorkerReply, WorkerRequest } from './project.worker';

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
