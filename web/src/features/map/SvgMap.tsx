/**
 * SVG renderer (Île-de-France, 1 266 communes): one path per commune, outlines on top. Zooming
 * changes the view box only; strokes keep their width (non-scaling-stroke).
 */
import { memo, useEffect, useRef, type MouseEvent } from 'react';
import type { Box, MapBase, OutlineKind } from './geo';
import { OUTLINE_STYLE, OUT_OF_ZONE_OPACITY, svgFill, svgPatternDefs } from './paint';

export interface RendererProps {
  base: MapBase;
  fills: string[];
  zone: Set<string> | null;
  view: Box | null;
  outlines: OutlineKind[];
  /** Codes drawn with a highlight outline: [selected, active/hovered]. */
  highlight: (string | null)[];
  onHover: (code: string | null, clientX: number, clientY: number) => void;
  onPick: (code: string) => void;
  label: string;
  /** Called once the communes are in the DOM / on the canvas. */
  onPainted?: () => void;
  svgRef?: React.RefObject<SVGSVGElement | null>;
}

const Communes = memo(function Communes({
  base,
  fills,
  zone,
}: Pick<RendererProps, 'base' | 'fills' | 'zone'>) {
  return (
    <g className="communes">
      {base.features.map((f, i) => {
        const fill = fills[i]!;
        const inZone = !zone || zone.has(f.properties.code);
        return (
          <path
            key={f.properties.code}
            className={`commune${zone ? (inZone ? ' dans-zone' : ' hors-zone') : ''}`}
            data-code={f.properties.code}
            d={base.pathOf(i)}
            fill={svgFill(fill)}
            fillOpacity={inZone ? undefined : OUT_OF_ZONE_OPACITY}
          />
        );
      })}
    </g>
  );
});

export function SvgMap(p: RendererProps) {
  const { base, view } = p;
  const local = useRef<SVGSVGElement>(null);
  const ref = p.svgRef ?? local;
  const vb = view ?? [
    [0, 0],
    [base.width, base.height],
  ];
  const k = base.width / (vb[1][0] - vb[0][0]);
  const onPainted = p.onPainted;
  useEffect(() => {
    if (ref.current?.querySelector('path.commune')) onPainted?.();
  }, [base, p.fills, ref, onPainted]);

  const codeAt = (e: MouseEvent) => (e.target as Element).getAttribute?.('data-code');
  return (
    <svg
      ref={ref}
      className="map-svg"
      viewBox={`${vb[0][0]} ${vb[0][1]} ${vb[1][0] - vb[0][0]} ${vb[1][1] - vb[0][1]}`}
      role="img"
      aria-label={p.label}
      onMouseMove={(e) => p.onHover(codeAt(e) ?? null, e.clientX, e.clientY)}
      onMouseLeave={(e) => p.onHover(null, e.clientX, e.clientY)}
      onClick={(e) => {
        const c = codeAt(e);
        if (c) p.onPick(c);
      }}
    >
      <defs dangerouslySetInnerHTML={{ __html: svgPatternDefs(k) }} />
      <Communes base={base} fills={p.fills} zone={p.zone} />
      {base.outlineKinds
        .filter((o) => p.outlines.includes(o))
        .map((o) => (
          <path
            key={o}
            className={`outline outline-${o}`}
            d={base.outline(o)}
            fill="none"
            stroke={OUTLINE_STYLE[o]!.color}
            strokeWidth={OUTLINE_STYLE[o]!.width}
            strokeDasharray={OUTLINE_STYLE[o]!.dash}
            vectorEffect="non-scaling-stroke"
            pointerEvents="none"
          />
        ))}
      {p.highlight.map((code, n) => {
        const i = code ? base.index.get(code) : undefined;
        if (i === undefined) return null;
        return (
          <path
            key={`${n}-${code}`}
            className={n === 0 ? 'selected-commune' : 'active-commune'}
            data-export={n === 0 ? undefined : 'skip'}
            d={base.pathOf(i)}
            fill="none"
            vectorEffect="non-scaling-stroke"
            pointerEvents="none"
          />
        );
      })}
    </svg>
  );
}
