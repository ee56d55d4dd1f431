/**
 * Map layers (TopoJSON stored in `geo_layers`): their list with a content hash, their text, and their
 * compressed bytes, each computed once per build. `departements` and `regions` are objects extracted
 * from the national layer (no geometry recomputed).
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import type { Topology } from 'topojson-specification';
import type { Store } from '../store.js';
import { extractObjects } from '../topology.js';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

export interface LayerInfo {
  id: string;
  title: string;
  features: number;
  source_ids: string[];
  /** Content hash: `/api/geo/<id>?v=<hash>` is served as immutable. */
  hash: string;
  bytes: number;
  /** Layer this one was extracted from (objects of the national topology), or null. */
  extracted_from: string | null;
  objects: string[];
}

/** Layers served by extracting one object of another layer (no geometry recomputed). */
const EXTRACTED: Record<string, { from: string; objects: string[]; title: string }> = {
  departements: { from: 'france', objects: ['departements'], title: 'Départements de France' },
  regions: { from: 'france', objects: ['regions'], title: 'Régions de France' },
};

export interface LayerContent {
  text: string;
  hash: string;
  objects: string[];
  br?: Promise<Buffer>;
  gzip?: Promise<Buffer>;
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

function rawContent(store: Store, id: string): Promise<string> {
  return store
    .all<{ content: string }>(`SELECT content FROM geo_layers WHERE id = $id`, { id })
    .then((rows) => rows[0]!.content);
}

/**
 * Every layer's text, hash and object names, with the extracted layers built from their source layer
 * parsed once (the national topology is 12 MB). Cached per build; only the texts stay in memory.
 */
export function layerContents(store: Store): Promise<Map<string, LayerContent>> {
  return store.cached('geo-contents', async () => {
    const ids = await store.all<{ id: string }>(`SELECT id FROM geo_layers ORDER BY id`);
    const out = new Map<string, LayerContent>();
    for (const { id } of ids) {
      const text = await rawContent(store, id);
      const topo = JSON.parse(text) as Topology;
      out.set(id, { text, hash: hashOf(text), objects: Object.keys(topo.objects) });
      for (const [exId, ex] of Object.entries(EXTRACTED)) {
        if (ex.from !== id || !ex.objects.every((o) => o in topo.objects)) continue;
        const exText = JSON.stringify(extractObjects(topo, ex.objects));
        out.set(exId, { text: exText, hash: hashOf(exText), objects: ex.objects });
      }
    }
    return out;
  });
}

/** The layer list, with a content hash per layer (cached per build). */
export function layers(store: Store): Promise<LayerInfo[]> {
  return store.cached('geo-layers', async () => {
    const rows = await store.all<Omit<LayerInfo, 'hash' | 'bytes' | 'extracted_from' | 'objects'>>(
      `SELECT id, title, features, source_ids FROM geo_layers ORDER BY id`,
    );
    const contents = await layerContents(store);
    const out: LayerInfo[] = [];
    for (const r of rows) {
      const c = contents.get(r.id)!;
      out.push({
        ...r,
        hash: c.hash,
        bytes: Buffer.byteLength(c.text),
        extracted_from: null,
        objects: c.objects,
      });
    }
    for (const [id, ex] of Object.entries(EXTRACTED)) {
      const c = contents.get(id);
      const from = rows.find((r) => r.id === ex.from);
      if (!c || !from) continue;
      const topo = JSON.parse(c.text) as Topology;
      const features = ex.objects.reduce(
        (n, o) => n + ((topo.objects[o] as { geometries?: unknown[] }).geometries?.length ?? 1),
        0,
      );
      out.push({
        id,
        title: ex.title,
        features,
        source_ids: from.source_ids,
        hash: c.hash,
        bytes: Buffer.byteLength(c.text),
        extracted_from: ex.from,
        objects: ex.objects,
      });
    }
    return out.sort((a, b) => a.id.localeCompare(b.id));
  });
}

/** Compressed once per build and encoding (brotli quality 9 for a 12 MB topology costs seconds). */
export function compressedLayer(layer: LayerContent, encoding: 'br' | 'gzip'): Promise<Buffer> {
  if (encoding === 'br')
    return (layer.br ??= brotli(Buffer.from(layer.text), {
      params: { [zlib.BROTLI_PARAM_QUALITY]: 9, [zlib.BROTLI_PARAM_SIZE_HINT]: layer.text.length },
    }));
  return (layer.gzip ??= gz(Buffer.from(layer.text), { level: 9 }));
}
