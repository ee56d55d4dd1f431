/** Map-only painting: canvas patterns and outline styles (fills themselves: `model/fills.ts`). */
import { PATTERNS } from '../../model/fills';

export {
  ABOVE,
  ABSENT,
  FLAGGED,
  HATCH,
  NOT_LISTED,
  OUT_OF_CLASSES,
  OUT_OF_ZONE_OPACITY,
  PATTERNS,
  classifiable,
  coveredDepartements,
  fillKind,
  fillsFor,
  svgFill,
  svgPatternDefs,
  type FillKind,
  type ValueLike,
} from '../../model/fills';

/** A pattern for a canvas context. */
export function canvasPattern(ctx: CanvasRenderingContext2D, key: string): CanvasPattern | string {
  const p = PATTERNS[key];
  if (!p) return key;
  const c = document.createElement('canvas');
  c.width = c.height = 8;
  const g = c.getContext('2d');
  if (!g) return p.background;
  g.fillStyle = p.background;
  g.fillRect(0, 0, 8, 8);
  if (p.kind === 'lines') {
    g.strokeStyle = p.ink;
    g.lineWidth = 1.5;
    g.beginPath();
    g.moveTo(0, 8);
    g.lineTo(8, 0);
    g.moveTo(-2, 2);
    g.lineTo(2, -2);
    g.moveTo(6, 10);
    g.lineTo(10, 6);
    g.stroke();
  } else {
    g.fillStyle = p.ink;
    g.beginPath();
    g.arc(4, 4, 1.6, 0, Math.PI * 2);
    g.fill();
  }
  return ctx.createPattern(c, 'repeat') ?? p.background;
}

export const OUTLINE_STYLE: Record<string, { color: string; width: number; dash?: string; label: string }> = {
  region: { color: '#111', width: 1.6, label: 'limites des régions' },
  departement: { color: '#222', width: 1.2, label: 'limites des départements' },
  ept: { color: '#333', width: 0.9, dash: '4 2', label: 'limites des EPT (Métropole du Grand Paris)' },
  epci: { color: '#6a3d9a', width: 0.7, dash: '2 2', label: 'limites des EPCI (intercommunalités)' },
};
