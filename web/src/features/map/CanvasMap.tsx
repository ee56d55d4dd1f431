/**
 * Canvas renderer for France (34 868 communes): each commune is projected once into a Path2D; the
 * communes of one fill are merged into a single Path2D, so a redraw is a handful of fill calls.
 * Hover and click find the commune under the pointer through a grid of bounding boxes and an exact
 * `isPointInPath` test. Highlights are drawn on a second canvas on top.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Box, MapBase } from './geo';
import { OUTLINE_STYLE, OUT_OF_ZONE_OPACITY, PATTERNS, canvasPattern } from './paint';
import type { RendererProps } from './SvgMap';

interface Shapes {
  paths: Path2D[];
  boxes: Float32Array;
  grid: Map<number, number[]>;
  cell: number;
}

const GRID = 64;

/** Projects every commune once (Path2D + bounding box) and indexes the boxes in a grid. */
function buildShapes(base: MapBase): Shapes {
  const n = base.features.length;
  const paths: Path2D[] = new Array(n);
  const boxes = new Float32Array(n * 4);
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  let p: Path2D = new Path2D();
  const rec = {
    moveTo(x: number, y: number) {
      p.moveTo(x, y);
      upd(x, y);
    },
    lineTo(x: number, y: number) {
      p.lineTo(x, y);
      upd(x, y);
    },
    closePath() {
      p.closePath();
    },
    arc() {},
    beginPath() {},
  };
  function upd(x: number, y: number) {
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  const cell = Math.max(base.width, base.height) / GRID;
  const grid = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    p = new Path2D();
    x0 = y0 = Infinity;
    x1 = y1 = -Infinity;
    base.renderInto(i, rec);
    paths[i] = p;
    boxes.set([x0, y0, x1, y1], i * 4);
    if (!Number.isFinite(x0)) continue;
    for (let gx = Math.floor(x0 / cell); gx <= Math.floor(x1 / cell); gx++)
      for (let gy = Math.floor(y0 / cell); gy <= Math.floor(y1 / cell); gy++) {
        const key = gx * 10_000 + gy;
        let list = grid.get(key);
        if (!list) grid.set(key, (list = []));
        list.push(i);
      }
  }
  return { paths, boxes, grid, cell };
}

interface Transform {
  k: number;
  x: number;
  y: number;
}

function transformFor(base: MapBase, view: Box | null, cw: number, ch: number): Transform {
  const [[vx0, vy0], [vx1, vy1]] = view ?? [
    [0, 0],
    [base.width, base.height],
  ];
  const k = Math.min(cw / (vx1 - vx0), ch / (vy1 - vy0));
  return { k, x: (cw - (vx1 - vx0) * k) / 2 - vx0 * k, y: (ch - (vy1 - vy0) * k) / 2 - vy0 * k };
}

export function CanvasMap(p: RendererProps) {
  const { base, fills, zone, view, outlines, highlight, onPainted } = p;
  const wrap = useRef<HTMLDivElement>(null);
  const main = useRef<HTMLCanvasElement>(null);
  const over = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState<{ w: number; h: number } | null>(null);
  const shapes = useMemo(() => {
    const t0 = performance.now();
    const out = buildShapes(base);
    performance.measure('map-canvas-shapes', { start: t0, end: performance.now() });
    return out;
  }, [base]);

  // Size: the container's width, the base frame's aspect ratio.
  useEffect(() => {
    const el = wrap.current;
    if (!el) return;
    const measure = () => {
      const w = Math.max(200, Math.round(el.clientWidth));
      setSize((s) => (s && s.w === w ? s : { w, h: Math.round((w * base.height) / base.width) }));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [base]);

  // One merged Path2D per (fill, in/out of zone).
  const groups = useMemo(() => {
    const t0 = performance.now();
    const g = new Map<string, { fill: string; inZone: boolean; path: Path2D }>();
    base.features.forEach((f, i) => {
      const inZone = !zone || zone.has(f.properties.code);
      const key = `${fills[i]}|${inZone}`;
      let e = g.get(key);
      if (!e) g.set(key, (e = { fill: fills[i]!, inZone, path: new Path2D() }));
      e.path.addPath(shapes.paths[i]!);
    });
    performance.measure('map-canvas-groups', { start: t0, end: performance.now() });
    return [...g.values()];
  }, [base, fills, zone, shapes]);

  const outlinePaths = useMemo(
    () =>
      base.outlineKinds
        .filter((o) => outlines.includes(o))
        .map((o) => ({ kind: o, path: new Path2D(base.outline(o)) })),
    [base, outlines],
  );

  const t = size ? transformFor(base, view, size.w, size.h) : null;

  useEffect(() => {
    const c = main.current;
    if (!c || !size || !t) return;
    const t0 = performance.now();
    const dpr = window.devicePixelRatio || 1;
    c.width = Math.round(size.w * dpr);
    c.height = Math.round(size.h * dpr);
    const ctx = c.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, c.width, c.height);
    ctx.setTransform(dpr * t.k, 0, 0, dpr * t.k, dpr * t.x, dpr * t.y);
    const patterns = new Map(Object.keys(PATTERNS).map((key) => [key, canvasPattern(ctx, key)]));
    for (const g of groups) {
      ctx.globalAlpha = g.inZone ? 1 : OUT_OF_ZONE_OPACITY;
      ctx.fillStyle = patterns.get(g.fill) ?? g.fill;
      ctx.fill(g.path);
    }
    // Commune borders once zoomed in enough to tell communes apart (as the SVG map does).
    if (t.k > 2) {
      ctx.strokeStyle = '#fff';
      ctx.lineWidth = 0.5 / t.k;
      for (const g of groups) {
        ctx.globalAlpha = g.inZone ? 1 : OUT_OF_ZONE_OPACITY;
        ctx.stroke(g.path);
      }
    }
    ctx.globalAlpha = 1;
    for (const o of outlinePaths) {
      const s = OUTLINE_STYLE[o.kind]!;
      ctx.strokeStyle = s.color;
      ctx.lineWidth = s.width / t.k;
      ctx.setLineDash(s.dash ? s.dash.split(' ').map((d) => Number(d) / t.k) : []);
      ctx.stroke(o.path);
    }
    ctx.setLineDash([]);
    ctx.strokeStyle = '#888';
    ctx.lineWidth = 1 / t.k;
    ctx.fillStyle = '#333';
    ctx.font = `${11 / t.k}px system-ui, sans-serif`;
    for (const inset of base.insets) {
      const [[x0, y0], [x1, y1]] = inset.box;
      ctx.strokeRect(x0, y0, x1 - x0, y1 - y0);
      ctx.fillText(inset.name, x0, y1 + 13 / t.k);
    }
    c.dataset.painted = String(base.features.length);
    performance.measure('map-canvas-draw', { start: t0, end: performance.now() });
    onPainted?.();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [groups, outlinePaths, size, t?.k, t?.x, t?.y, base, onPainted]);

  // Highlights on the overlay canvas.
  useEffect(() => {
    const c = over.current;
    if (!c || !size || !t) return;
    const dpr = window.devicePixelRatio || 1;
    c.width = Math.round(size.w * dpr);
    c.height = Math.round(size.h * dpr);
    const ctx = c.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr * t.k, 0, 0, dpr * t.k, dpr * t.x, dpr * t.y);
    highlight.forEach((code, n) => {
      const i = code ? base.index.get(code) : undefined;
      if (i === undefined) return;
      ctx.lineWidth = (n === 0 ? 3 : 2.2) / t.k;
      ctx.strokeStyle = n === 0 ? '#d7191c' : '#000';
      ctx.stroke(shapes.paths[i]!);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [highlight.join(','), size, t?.k, t?.x, t?.y, shapes, base]);

  const pick = (clientX: number, clientY: number): string | null => {
    const c = main.current;
    if (!c || !t) return null;
    const r = c.getBoundingClientRect();
    const bx = (clientX - r.left - t.x) / t.k;
    const by = (clientY - r.top - t.y) / t.k;
    const list = shapes.grid.get(Math.floor(bx / shapes.cell) * 10_000 + Math.floor(by / shapes.cell));
    if (!list) return null;
    const ctx = c.getContext('2d')!;
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    try {
      for (const i of list) {
        const b = shapes.boxes;
        if (bx < b[i * 4]! || bx > b[i * 4 + 2]! || by < b[i * 4 + 1]! || by > b[i * 4 + 3]!) continue;
        if (ctx.isPointInPath(shapes.paths[i]!, bx, by)) return base.features[i]!.properties.code;
      }
    } finally {
      ctx.restore();
    }
    return null;
  };

  return (
    <div className="map-canvas" ref={wrap} style={size ? { height: size.h } : undefined}>
      <canvas
        ref={main}
        className="map-canvas-main"
        role="img"
        aria-label={p.label}
        data-features={base.features.length}
        style={size ? { width: size.w, height: size.h } : undefined}
        onMouseMove={(e) => p.onHover(pick(e.clientX, e.clientY), e.clientX, e.clientY)}
        onMouseLeave={(e) => p.onHover(null, e.clientX, e.clientY)}
        onClick={(e) => {
          const c = pick(e.clientX, e.clientY);
          if (c) p.onPick(c);
        }}
      />
      <canvas
        ref={over}
        className="map-canvas-overlay"
        aria-hidden="true"
        style={size ? { width: size.w, height: size.h } : undefined}
      />
    </div>
  );
}
