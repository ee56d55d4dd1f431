/**
 * Standalone figures for download: the chart or map SVG placed on a fixed-size page with its title,
 * legend and source line drawn in, so an exported image never travels without them. `composeFigure`
 * is a pure string function; `prepareSvg` and `rasterize` need a browser.
 */

export interface LegendItem {
  label: string;
  /** Fill colour of the swatch. */
  color?: string;
  /** Hatched swatch (masked or missing values). */
  hatch?: boolean;
  /** A patterned swatch (lines or dots of `ink` on `background`). */
  pattern?: { background: string; ink: string; kind: 'lines' | 'dots' };
  /** A line instead of a swatch (outlines, reference lines). */
  line?: { color?: string; width?: number; dash?: string };
}

export interface FigureLegend {
  title?: string;
  items: LegendItem[];
  notes?: string[];
}

export interface PreparedSvg {
  /** Complete `<svg …>…</svg>` markup with a viewBox and no external styles. */
  markup: string;
  width: number;
  height: number;
}

export interface FigureText {
  title: string;
  subtitle?: string;
  /** « Source : … » line(s), drawn at the bottom. */
  source: string;
  legend?: FigureLegend;
  /** Address of the view, printed under the source so the image leads back to the data. */
  link?: string;
}

export const SVG_NS = 'http://www.w3.org/2000/svg';

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Greedy word wrap for SVG text (no text metrics outside a browser: average glyph width). */
export function wrapText(text: string, maxWidth: number, fontSize: number): string[] {
  const maxChars = Math.max(8, Math.floor(maxWidth / (fontSize * 0.52)));
  const lines: string[] = [];
  let cur = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (!cur) cur = word;
    else if (cur.length + 1 + word.length <= maxChars) cur += ` ${word}`;
    else {
      lines.push(cur);
      cur = word;
    }
  }
  if (cur) lines.push(cur);
  return lines;
}

const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif';
const INK = '#1b1b1b';
const MUTED = '#444';

function textLines(
  lines: string[],
  x: number,
  y: number,
  size: number,
  lh: number,
  opts: { bold?: boolean; fill?: string } = {},
): string {
  const weight = opts.bold ? ' font-weight="700"' : '';
  return lines
    .map(
      (l, i) =>
        `<text x="${x}" y="${y + i * lh}" font-size="${size}" font-family="${FONT}" fill="${opts.fill ?? INK}"${weight}>${escapeXml(l)}</text>`,
    )
    .join('');
}

type Pattern = NonNullable<LegendItem['pattern']>;

function patternIndex(p: Pattern): string {
  return `${p.kind}-${p.background}-${p.ink}`.replace(/[^a-z0-9-]/gi, '');
}

function patternDef(p: Pattern): string {
  const mark =
    p.kind === 'lines'
      ? `<line x1="0" y1="0" x2="0" y2="6" stroke="${p.ink}" stroke-width="1.5"/>`
      : `<circle cx="3" cy="3" r="1.3" fill="${p.ink}"/>`;
  return `<pattern id="export-p${patternIndex(p)}" width="6" height="6" patternUnits="userSpaceOnUse"${p.kind === 'lines' ? ' patternTransform="rotate(45)"' : ''}><rect width="6" height="6" fill="${p.background}"/>${mark}</pattern>`;
}

function legendMarkup(
  legend: FigureLegend,
  x: number,
  y: number,
  width: number,
): { markup: string; height: number } {
  const parts: string[] = [];
  let cy = y;
  if (legend.title) {
    const lines = wrapText(legend.title, width, 19);
    parts.push(textLines(lines, x, cy + 18, 19, 24, { bold: true }));
    cy += lines.length * 24 + 10;
  }
  for (const item of legend.items) {
    const lines = wrapText(item.label, width - 44, 17);
    if (item.line) {
      const l = item.line;
      parts.push(
        `<line x1="${x}" y1="${cy + 10}" x2="${x + 30}" y2="${cy + 10}" stroke="${l.color ?? '#222'}" stroke-width="${l.width ?? 2}"${l.dash ? ` stroke-dasharray="${l.dash}"` : ''}/>`,
      );
    } else {
      const fill = item.pattern
        ? `url(#export-p${patternIndex(item.pattern)})`
        : item.hatch
          ? 'url(#export-hatch)'
          : (item.color ?? '#fff');
      parts.push(
        `<rect x="${x}" y="${cy}" width="30" height="20" fill="${fill}" stroke="#777" stroke-width="1"/>`,
      );
    }
    parts.push(textLines(lines, x + 42, cy + 16, 17, 21));
    cy += Math.max(26, lines.length * 21 + 6);
  }
  for (const note of legend.notes ?? []) {
    const lines = wrapText(note, width, 15);
    cy += 6;
    parts.push(textLines(lines, x, cy + 14, 15, 19, { fill: MUTED }));
    cy += lines.length * 19;
  }
  return { markup: parts.join(''), height: cy - y };
}

/**
 * Places `body` on a `width × height` page: title and subtitle on top, the legend on the right
 * (below the figure on narrow pages), the source and link at the bottom. Returns SVG markup.
 */
export function composeFigure(text: FigureText, body: PreparedSvg, width: number, height: number): string {
  const m = Math.round(Math.min(width, height) * 0.03);
  const parts: string[] = [];
  const titleLines = wrapText(text.title, width - 2 * m, 30);
  let y = m;
  parts.push(textLines(titleLines, m, y + 28, 30, 36, { bold: true }));
  y += titleLines.length * 36;
  if (text.subtitle) {
    const sub = wrapText(text.subtitle, width - 2 * m, 19);
    parts.push(textLines(sub, m, y + 22, 19, 24, { fill: MUTED }));
    y += sub.length * 24;
  }
  y += 14;

  const sourceLines = wrapText(text.source, width - 2 * m, 16);
  const linkLines = text.link ? [text.link] : [];
  const footerTop = height - m - (sourceLines.length + linkLines.length) * 21 - 8;
  parts.push(textLines(sourceLines, m, footerTop + 20, 16, 21, { fill: MUTED }));
  parts.push(textLines(linkLines, m, footerTop + 20 + sourceLines.length * 21, 14, 21, { fill: MUTED }));

  let bodyBox = { x: m, y, w: width - 2 * m, h: footerTop - y - 10 };
  if (text.legend && text.legend.items.length) {
    const side = width >= 1000;
    if (side) {
      const lw = Math.min(420, Math.round(width * 0.27));
      const lg = legendMarkup(text.legend, width - m - lw, y + 10, lw);
      parts.push(lg.markup);
      bodyBox = { ...bodyBox, w: bodyBox.w - lw - m };
    } else {
      const probe = legendMarkup(text.legend, m, 0, width - 2 * m);
      const top = footerTop - probe.height - 16;
      parts.push(legendMarkup(text.legend, m, top, width - 2 * m).markup);
      bodyBox = { ...bodyBox, h: top - y - 16 };
    }
  }
  const inner = body.markup.replace(
    /^<svg\b/,
    `<svg x="0" y="0" width="${body.width}" height="${body.height}"`,
  );
  parts.unshift(
    `<svg x="${bodyBox.x}" y="${bodyBox.y}" width="${Math.max(1, bodyBox.w)}" height="${Math.max(1, bodyBox.h)}" viewBox="0 0 ${body.width} ${body.height}" preserveAspectRatio="xMidYMid meet">${inner}</svg>`,
  );

  return (
    `<svg xmlns="${SVG_NS}" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<defs><pattern id="export-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#f2f2f2"/><line x1="0" y1="0" x2="0" y2="6" stroke="#8a8a8a" stroke-width="1.5"/></pattern>${(
      text.legend?.items ?? []
    )
      .filter((i) => i.pattern)
      .map((i) => patternDef(i.pattern!))
      .join('')}</defs>` +
    `<rect width="${width}" height="${height}" fill="#ffffff"/>` +
    parts.join('') +
    `</svg>`
  );
}

const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'stroke-linejoin',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
] as const;

/**
 * Clones a live SVG with its computed styles inlined (the page's CSS does not travel with a file),
 * sized to its viewBox. Elements marked `data-export="skip"` (focus rings, hover outlines) are dropped.
 */
export function prepareSvg(live: SVGSVGElement): PreparedSvg {
  const vb = live.viewBox?.baseVal;
  const box = live.getBoundingClientRect();
  const width = vb && vb.width ? vb.width : box.width || 800;
  const height = vb && vb.height ? vb.height : box.height || 600;
  const clone = live.cloneNode(true) as SVGSVGElement;
  const src = [live, ...live.querySelectorAll('*')];
  const dst = [clone, ...clone.querySelectorAll('*')];
  src.forEach((el, i) => {
    const target = dst[i] as SVGElement | undefined;
    if (!target || !(el instanceof SVGElement)) return;
    const cs = getComputedStyle(el);
    const style = STYLE_PROPS.map((p) => {
      const v = cs.getPropertyValue(p);
      return v ? `${p}:${v}` : '';
    })
      .filter(Boolean)
      .join(';');
    if (style) target.setAttribute('style', style);
  });
  clone.querySelectorAll('[data-export="skip"]').forEach((n) => n.remove());
  clone.querySelectorAll('title').forEach((n) => n.remove());
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute(
    'viewBox',
    vb && vb.width ? `${vb.x} ${vb.y} ${vb.width} ${vb.height}` : `0 0 ${width} ${height}`,
  );
  clone.removeAttribute('width');
  clone.removeAttribute('height');
  clone.removeAttribute('class');
  return { markup: new XMLSerializer().serializeToString(clone), width, height };
}

/** Draws SVG markup on a canvas of the given size and returns a PNG. */
export async function rasterize(svgMarkup: string, width: number, height: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgMarkup], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const img = new Image(width, height);
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('canvas indisponible');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    ctx.drawImage(img, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('conversion PNG impossible'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
