/** Fill keys shared by the SVG and canvas renderers and the exports. */
import { colorFor, type Classes } from '../../model/classes';

export const ABSENT = '#e4e4e4';
export const HATCH = 'hatch';
export const OUT_OF_ZONE_OPACITY = 0.3;

export interface ValueLike {
  value: number | null;
  source_id: string | null;
}

/**
 * One fill per commune: its class colour, `hatch` when the source lists the commune without a value
 * (masked, secret, not filled in), the light grey ABSENT when the commune is not in the source at all.
 */
export function fillsFor(codes: string[], byCode: Map<string, ValueLike>, classes: Classes): string[] {
  return codes.map((code) => {
    const r = byCode.get(code);
    if (!r) return ABSENT;
    return colorFor(r.value, classes) ?? (r.source_id ? HATCH : ABSENT);
  });
}

export const OUTLINE_STYLE: Record<string, { color: string; width: number; dash?: string; label: string }> = {
  region: { color: '#111', width: 1.6, label: 'limites des régions' },
  departement: { color: '#222', width: 1.2, label: 'limites des départements' },
  ept: { color: '#333', width: 0.9, dash: '4 2', label: 'limites des EPT (Métropole du Grand Paris)' },
  epci: { color: '#6a3d9a', width: 0.7, dash: '2 2', label: 'limites des EPCI (intercommunalités)' },
};
