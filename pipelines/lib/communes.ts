/**
 * Mapping commune codes found in source files to COG 2025 communes: current codes pass through,
 * arrondissements municipaux go to their commune (Paris, Lyon, Marseille), and codes that changed
 * since 2018 (fusions, changes of code) go to their successor through the crosswalk.
 */
import type { TerritoryIndex } from './pipeline.js';

export type CodeMatch = { code: string; via: 'cog2025' | 'arrondissement' | 'successeur' };

export function toCog2025(raw: string, index: TerritoryIndex): CodeMatch | undefined {
  const code = raw.trim().padStart(5, '0');
  if (index.communes.has(code)) return { code, via: 'cog2025' };
  const parent = index.arrondissementParent(code);
  if (parent) return { code: parent, via: 'arrondissement' };
  const next = index.successor(code);
  if (next && index.communes.has(next)) return { code: next, via: 'successeur' };
  return undefined;
}
