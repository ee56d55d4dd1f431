/**
 * Fill keys shared by the map's SVG and canvas renderers, the workshop pack's map and the exports: a class colour, or one of the
 * patterns and greys that say why a commune has no class (masked, kept out of the classes, above 25 %
 * without inventory, not subject to the SRU law, not covered by the source).
 */
import { colorFor, type Classes } from './classes';
import { departementOf } from './coverage';

/** Commune in a département the source does not cover that year. */
export const ABSENT = '#e4e4e4';
/** Commune absent from a source that covers its département (SRU: not subject to the law). */
export const NOT_LISTED = '#f6f1e1';
export const HATCH = 'hatch';
export const FLAGGED = 'flagged';
export const ABOVE = 'above';
export const OUT_OF_ZONE_OPACITY = 0.3;

/** Flags whose values are drawn with their own pattern and kept out of the class limits. */
export const OUT_OF_CLASSES = ['suspect', 'incoherent', 'small_count'];

export interface ValueLike {
  value: number | null;
  source_id: string | null;
  flags?: string[];
}

/** A value that takes part in the class limits: present and not flagged doubtful. */
export function classifiable<T extends ValueLike>(r: T): r is T & { value: number } {
  return (
    r.value !== null && Number.isFinite(r.value) && !(r.flags ?? []).some((f) => OUT_OF_CLASSES.includes(f))
  );
}

export type FillKind = 'class' | 'masked' | 'flagged' | 'above' | 'not_listed' | 'absent';

/** Why a commune has the fill it has. `covered`: départements where the source has rows that year. */
export function fillKind(r: ValueLike | undefined, covered: Set<string> | null, code: string): FillKind {
  if (!r || !r.source_id) {
    if (r && r.value !== null) return 'class';
    return covered && covered.has(departementOf(code)) ? 'not_listed' : 'absent';
  }
  if ((r.flags ?? []).includes('not_inventoried')) return 'above';
  if (r.value === null) return 'masked';
  return classifiable(r) ? 'class' : 'flagged';
}

/** Départements where the source has at least one row (a value or a documented missing value). */
export function coveredDepartements(rows: { code: string; source_id: string | null }[]): Set<string> {
  const out = new Set<string>();
  for (const r of rows) if (r.source_id) out.add(departementOf(r.code));
  return out;
}

/** One fill per commune (same order as `codes`). */
export function fillsFor(
  codes: string[],
  byCode: Map<string, ValueLike>,
  classes: Classes,
  covered: Set<string> | null = null,
): string[] {
  return codes.map((code) => {
    const r = byCode.get(code);
    switch (fillKind(r, covered, code)) {
      case 'class':
        return colorFor(r!.value, classes) ?? ABSENT;
      case 'masked':
        return HATCH;
      case 'flagged':
        return FLAGGED;
      case 'above':
        return ABOVE;
      case 'not_listed':
        return NOT_LISTED;
      default:
        return ABSENT;
    }
  });
}

/** The patterns, described once for SVG (`<pattern>`), canvas and exported figures. */
export const PATTERNS: Record<string, { background: string; ink: string; kind: 'lines' | 'dots' }> = {
  [HATCH]: { background: '#f2f2f2', ink: '#8a8a8a', kind: 'lines' },
  [FLAGGED]: { background: '#ffffff', ink: '#b2182b', kind: 'dots' },
  [ABOVE]: { background: '#c6dbef', ink: '#08306b', kind: 'lines' },
};

/** SVG `<pattern>` elements for every pattern, ids `map-<key>`, scaled by `1/k` for a zoomed view. */
export function svgPatternDefs(k = 1, prefix = 'map'): string {
  return Object.entries(PATTERNS)
    .map(([key, p]) => {
      const mark =
        p.kind === 'lines'
          ? `<line x1="0" y1="0" x2="0" y2="6" stroke="${p.ink}" stroke-width="1.5"/>`
          : `<circle cx="3" cy="3" r="1.3" fill="${p.ink}"/>`;
      const rotate = p.kind === 'lines' ? 'rotate(45) ' : '';
      return `<pattern id="${prefix}-${key}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="${rotate}scale(${1 / k})"><rect width="6" height="6" fill="${p.background}"/>${mark}</pattern>`;
    })
    .join('');
}

/** A fill key as an SVG `fill` value. */
export function svgFill(fill: string, prefix = 'map'): string {
  return fill in PATTERNS ? `url(#${prefix}-${fill})` : fill;
}

/** Wording of each reason a commune has no class, for an indicator and a year. */
export function fillLabels(
  def: { family: string },
  year: number | null,
): Record<Exclude<FillKind, 'class'>, string> {
  const sru = def.family === 'sru';
  return {
    masked: 'valeur non diffusée par la source (hachures)',
    flagged: 'valeur à vérifier ou trop peu de cas : hors classes (points)',
    above: 'au-dessus de 25 % (non inventoriée)',
    not_listed: sru ? 'non soumise à la loi SRU' : `absente de la source${year ? ` en ${year}` : ''}`,
    absent: `département non couvert par la source${year ? ` en ${year}` : ''}`,
  };
}

/** The fill of each reason. */
export const REASON_FILL: Record<Exclude<FillKind, 'class'>, string> = {
  masked: HATCH,
  flagged: FLAGGED,
  above: ABOVE,
  not_listed: NOT_LISTED,
  absent: ABSENT,
};
