/**
 * Map labels that never overlap: each commune's label (name over value) is tried at its centroid,
 * then a little above, below, left and right; if every position collides with a label already placed
 * or leaves the map, it is hidden (the communes table gives every value). Larger communes are placed
 * first. Pure, unit-tested.
 */

export interface LabelRequest {
  code: string;
  /** Anchor (centroid), in map units. */
  x: number;
  y: number;
  /** Size of the label's box, centred on (x, y). */
  width: number;
  height: number;
  /** Higher first (e.g. the commune's area). */
  priority: number;
}

export interface PlacedLabel {
  code: string;
  x: number;
  y: number;
  shown: boolean;
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

function boxOf(r: LabelRequest, x: number, y: number): Box {
  // the two lines are drawn around y (name above, value below): the box is centred on it
  return { x0: x - r.width / 2, y0: y - r.height / 2, x1: x + r.width / 2, y1: y + r.height / 2 };
}

function overlaps(a: Box, b: Box, pad: number): boolean {
  return a.x0 < b.x1 + pad && b.x0 < a.x1 + pad && a.y0 < b.y1 + pad && b.y0 < a.y1 + pad;
}

/** Width of a label in map units, from its longest line (no text metrics outside a browser). */
export function labelWidth(lines: string[], fontSize: number): number {
  return Math.max(...lines.map((l) => l.length)) * fontSize * 0.56;
}

export function placeLabels(
  requests: readonly LabelRequest[],
  bounds: { width: number; height: number },
  pad = 2,
): PlacedLabel[] {
  const placed: Box[] = [];
  const out = new Map<string, PlacedLabel>();
  const order = [...requests].sort((a, b) => b.priority - a.priority || a.code.localeCompare(b.code));
  for (const r of order) {
    // one label's height up or down, half its width sideways: far enough to clear a neighbour
    const dy = r.height + 2 * pad;
    const dx = r.width / 2 + 2 * pad;
    const tries: [number, number][] = [
      [0, 0],
      [0, -dy],
      [0, dy],
      [-dx, 0],
      [dx, 0],
      [-dx, -dy],
      [dx, -dy],
      [-dx, dy],
      [dx, dy],
    ];
    let done = false;
    for (const [ox, oy] of tries) {
      const b = boxOf(r, r.x + ox, r.y + oy);
      if (b.x0 < 0 || b.y0 < 0 || b.x1 > bounds.width || b.y1 > bounds.height) continue;
      if (placed.some((p) => overlaps(p, b, pad))) continue;
      placed.push(b);
      out.set(r.code, { code: r.code, x: r.x + ox, y: r.y + oy, shown: true });
      done = true;
      break;
    }
    if (!done) out.set(r.code, { code: r.code, x: r.x, y: r.y, shown: false });
  }
  return requests.map((r) => out.get(r.code)!);
}
