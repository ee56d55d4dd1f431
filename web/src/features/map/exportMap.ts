/**
 * Vector drawing of a map for export: one `<path>` per fill (not one per commune), so that even the
 * 34 868 communes of France make a file a browser can rasterise. Used for the canvas renderer; the
 * SVG renderer is exported from its live element.
 */
import type { PreparedSvg } from '../../components/export';
import type { Box, MapBase, OutlineKind } from './geo';
import { OUTLINE_STYLE, OUT_OF_ZONE_OPACITY, svgFill, svgPatternDefs } from './paint';

export function vectorMap(
  base: MapBase,
  fills: string[],
  zone: Set<string> | null,
  view: Box | null,
  outlines: OutlineKind[],
  selected: string | null,
): PreparedSvg {
  const [[x0, y0], [x1, y1]] = view ?? [
    [0, 0],
    [base.width, base.height],
  ];
  const w = x1 - x0;
  const h = y1 - y0;
  const k = base.width / w;
  const groups = new Map<string, string[]>();
  base.features.forEach((f, i) => {
    const b = base.boundsOf(i);
    if (b[1][0] < x0 || b[0][0] > x1 || b[1][1] < y0 || b[0][1] > y1) return; // off view
    const key = `${fills[i]}|${!zone || zone.has(f.properties.code)}`;
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(base.pathOf(i, 1));
  });
  const parts: string[] = [];
  for (const [key, ds] of groups) {
    const [fill, inZone] = key.split('|');
    parts.push(
      `<path d="${ds.join('')}" fill="${svgFill(fill!)}"${inZone === 'true' ? '' : ` fill-opacity="${OUT_OF_ZONE_OPACITY}"`} stroke="#ffffff" stroke-width="${0.25 / k}"/>`,
    );
  }
  for (const o of base.outlineKinds.filter((x) => outlines.includes(x))) {
    const s = OUTLINE_STYLE[o]!;
    parts.push(
      `<path d="${base.outline(o)}" fill="none" stroke="${s.color}" stroke-width="${s.width / k}"${
        s.dash
          ? ` stroke-dasharray="${s.dash
              .split(' ')
              .map((d) => Number(d) / k)
              .join(' ')}"`
          : ''
      }/>`,
    );
  }
  for (const inset of base.insets) {
    const [[a, b], [c, d]] = inset.box;
    parts.push(
      `<rect x="${a}" y="${b}" width="${c - a}" height="${d - b}" fill="none" stroke="#888" stroke-width="${1 / k}"/>` +
        `<text x="${a}" y="${d + 13 / k}" font-size="${11 / k}" font-family="system-ui, sans-serif" fill="#333">${inset.name}</text>`,
    );
  }
  const si = selected ? base.index.get(selected) : undefined;
  if (si !== undefined)
    parts.push(`<path d="${base.pathOf(si, 1)}" fill="none" stroke="#d7191c" stroke-width="${3 / k}"/>`);
  const markup =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${x0} ${y0} ${w} ${h}">` +
    `<defs>${svgPatternDefs(k)}</defs>` +
    parts.join('') +
    `</svg>`;
  return { markup, width: w, height: h };
}
