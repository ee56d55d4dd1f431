/** One indicator's bar chart, loaded with Observable Plot on first use (Plot stays out of the initial bundle). */
import { useEffect, useRef, useState } from 'react';
import type { Bar, BarsOptions } from '../../charts/bars';

type BarsModule = typeof import('../../charts/bars');
let plot: Promise<BarsModule> | null = null;

export function BarsFigure({
  bars,
  options,
  svgRef,
}: {
  bars: Bar[];
  options: BarsOptions;
  svgRef?: React.MutableRefObject<SVGSVGElement | null>;
}) {
  const host = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify(bars) + JSON.stringify({ ...options, format: undefined });
  useEffect(() => {
    let live = true;
    plot ??= import('../../charts/bars');
    plot.then(
      (m) => {
        if (!live || !host.current) return;
        const svg = m.barsChart(bars, options);
        svg.setAttribute('aria-hidden', 'true');
        host.current.replaceChildren(svg);
        if (svgRef) svgRef.current = svg;
      },
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return error ? (
    <p className="muted">Graphique indisponible : {error}</p>
  ) : (
    <div className="bars" ref={host} />
  );
}
