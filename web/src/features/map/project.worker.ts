/**
 * Map worker: fetches a TopoJSON layer, decodes and projects it (topojson-client, d3-geo) off the
 * main thread, and sends the shapes back as transferable typed arrays. Outlines not sent with the
 * layer (e.g. the EPCI of all France) are computed on request.
 */
import type { Topology } from 'topojson-specification';
import { buildBase, type MapBase, type OutlineKind, type Perimeter } from './geo';
import { packBase, transferables } from './packed';

export type WorkerRequest =
  | { type: 'load'; id: number; url: string; perimeter: Perimeter; outlines: OutlineKind[] }
  | { type: 'outline'; id: number; url: string; kind: OutlineKind };
export type WorkerReply =
  | { type: 'loaded'; id: number; layer: ReturnType<typeof packBase>; timings: Record<string, number> }
  | { type: 'outline'; id: number; d: string }
  | { type: 'error'; id: number; message: string };

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(m: WorkerReply, transfer?: Transferable[]): void;
};
const bases = new Map<string, MapBase>();

scope.onmessage = async (e) => {
  const m = e.data;
  try {
    if (m.type === 'load') {
      const t0 = performance.now();
      const res = await fetch(m.url);
      if (!res.ok) throw new Error(`fond de carte indisponible (erreur ${res.status})`);
      const text = await res.text();
      const t1 = performance.now();
      const topo = JSON.parse(text) as Topology;
      const t2 = performance.now();
      const base = buildBase(topo, m.perimeter);
      bases.set(m.url, base);
      const t3 = performance.now();
      const layer = packBase(base, m.outlines);
      const t4 = performance.now();
      const timings = { download: t1 - t0, parse: t2 - t1, decode: t3 - t2, project: t4 - t3 };
      scope.postMessage({ type: 'loaded', id: m.id, layer, timings }, transferables(layer));
    } else {
      const base = bases.get(m.url);
      scope.postMessage({ type: 'outline', id: m.id, d: base ? base.outline(m.kind) : '' });
    }
  } catch (err) {
    scope.postMessage({ type: 'error', id: m.id, message: (err as Error).message });
  }
};
