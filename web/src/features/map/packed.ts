/**
 * A projected layer as flat typed arrays, so that the heavy work (JSON parsing, TopoJSON decoding,
 * projection) runs in a worker and reaches the page as transferable buffers. The shapes are those
 * d3-geo drew in the worker (recorded from its path context); here they are only replayed.
 */
import type { GeoContext } from 'd3-geo';
import type { Box, CommuneProps, Inset, MapBase, OutlineKind, Perimeter } from './geo';

export interface PackedLayer {
  perimeter: Perimeter;
  width: number;
  height: number;
  props: CommuneProps[];
  /** x, y of every projected point. */
  coords: Float32Array;
  /** First point of each ring (one extra entry: the total). */
  ringStart: Uint32Array;
  /** First ring of each commune (one extra entry: the total). */
  featureRing: Uint32Array;
  /** x0, y0, x1, y1 of each commune. */
  bounds: Float32Array;
  insets: Inset[];
  outlineKinds: OutlineKind[];
  outlines: Partial<Record<OutlineKind, string>>;
}

/** Records every commune of a base (in the worker) into flat arrays. */
export function packBase(base: MapBase, outlines: OutlineKind[]): PackedLayer {
  const n = base.features.length;
  let coords = new Float32Array(1 << 20);
  let npts = 0;
  const rings: number[] = [];
  const featureRing = new Uint32Array(n + 1);
  const bounds = new Float32Array(n * 4);
  let x0 = 0;
  let y0 = 0;
  let x1 = 0;
  let y1 = 0;
  const push = (x: number, y: number) => {
    if (npts * 2 + 2 > coords.length) {
      const next = new Float32Array(coords.length * 2);
      next.set(coords);
      coords = next;
    }
    coords[npts * 2] = x;
    coords[npts * 2 + 1] = y;
    npts++;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  };
  const rec: GeoContext = {
    moveTo(x, y) {
      rings.push(npts);
      push(x, y);
    },
    lineTo: push,
    closePath() {},
    arc() {},
    beginPath() {},
  };
  for (let i = 0; i < n; i++) {
    featureRing[i] = rings.length;
    x0 = y0 = Infinity;
    x1 = y1 = -Infinity;
    base.renderInto(i, rec);
    bounds.set([x0, y0, x1, y1], i * 4);
  }
  featureRing[n] = rings.length;
  rings.push(npts);
  return {
    perimeter: base.perimeter,
    width: base.width,
    height: base.height,
    props: base.features.map((f) => f.properties),
    coords: coords.slice(0, npts * 2),
    ringStart: Uint32Array.from(rings),
    featureRing,
    bounds,
    insets: base.insets,
    outlineKinds: base.outlineKinds,
    outlines: Object.fromEntries(
      outlines.filter((k) => base.outlineKinds.includes(k)).map((k) => [k, base.outline(k)]),
    ),
  };
}

/** The page-side base over a packed layer; `fetchOutline` asks the worker for an outline not sent yet. */
export function unpack(p: PackedLayer, fetchOutline: (kind: OutlineKind) => Promise<string>): MapBase {
  const { coords, ringStart, featureRing, bounds } = p;
  const outlines = new Map(Object.entries(p.outlines) as [OutlineKind, string][]);
  const pending = new Map<OutlineKind, Promise<void>>();
  const render = (i: number, ctx: GeoContext) => {
    for (let r = featureRing[i]!; r < featureRing[i + 1]!; r++) {
      const a = ringStart[r]!;
      const b = ringStart[r + 1]!;
      ctx.moveTo(coords[a * 2]!, coords[a * 2 + 1]!);
      for (let k = a + 1; k < b; k++) ctx.lineTo(coords[k * 2]!, coords[k * 2 + 1]!);
      ctx.closePath();
    }
  };
  return {
    perimeter: p.perimeter,
    width: p.width,
    height: p.height,
    features: p.props.map((properties) => ({ properties })),
    index: new Map(p.props.map((f, i) => [f.code, i])),
    insets: p.insets,
    outlineKinds: p.outlineKinds,
    pathOf(i, digits = 2) {
      const parts: string[] = [];
      const f = (v: number) => String(Math.round(v * 10 ** digits) / 10 ** digits);
      render(i, {
        moveTo: (x, y) => void parts.push(`M${f(x)},${f(y)}`),
        lineTo: (x, y) => void parts.push(`L${f(x)},${f(y)}`),
        closePath: () => void parts.push('Z'),
        arc() {},
        beginPath() {},
      });
      return parts.join('');
    },
    boundsOf(i): Box {
      return [
        [bounds[i * 4]!, bounds[i * 4 + 1]!],
        [bounds[i * 4 + 2]!, bounds[i * 4 + 3]!],
      ];
    },
    renderInto: render,
    outline: (kind) => outlines.get(kind) ?? '',
    loadOutline(kind) {
      if (outlines.has(kind) || !p.outlineKinds.includes(kind)) return Promise.resolve();
      let w = pending.get(kind);
      if (!w) {
        w = fetchOutline(kind).then((d) => {
          outlines.set(kind, d);
        });
        pending.set(kind, w);
        w.catch(() => pending.delete(kind));
      }
      return w;
    },
  };
}

export function transferables(p: PackedLayer): ArrayBuffer[] {
  return [p.coords.buffer, p.ringStart.buffer, p.featureRing.buffer, p.bounds.buffer] as ArrayBuffer[];
}
