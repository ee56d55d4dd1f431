/**
 * Writes `core/places.ts` — the départements and régions of the COG with the French forms the
 * « où demander » texts need (« du Nord », « des Hauts-de-Seine », « de l’Essonne ») — from the INSEE
 * COG files of the mirror (`geo/insee-cog2025-departements.csv`, `geo/insee-cog2025-regions.csv`).
 * Run after a COG update: `tsx scripts/generate-places.ts` (then `npx prettier --write core/places.ts`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { ROOT } from '../core/paths.js';

const MIRROR = resolve(process.env.OBSERVATOIRE_MIRROR ?? join(ROOT, '..', 'shared', 'sources'));

/** INSEE « type de nom en clair » → the preposition-and-article put before the name (« du », « de l’ »…). */
export const CHARNIERE: Record<string, string> = {
  '0': 'de ',
  '1': 'd’',
  '2': 'du ',
  '3': 'de la ',
  '4': 'des ',
  '5': 'de l’',
  '6': 'des ',
  '7': 'de las ',
  '8': 'de los ',
};

/** COG names with the typographic apostrophe the French texts use (« Val-d’Oise »). */
function typo(name: string): string {
  return name.replace(/'/g, '’');
}

function rows(file: string): Record<string, string>[] {
  return parse(readFileSync(join(MIRROR, 'geo', file), 'utf8'), {
    columns: true,
    bom: true,
    skip_empty_lines: true,
  }) as Record<string, string>[];
}

function main(): void {
  const deps = rows('insee-cog2025-departements.csv').map((r) => ({
    code: r.DEP!,
    name: typo(r.NCCENR!),
    of: `${CHARNIERE[r.TNCC!] ?? 'de '}${typo(r.NCCENR!)}`,
    region: r.REG!,
  }));
  const regions = rows('insee-cog2025-regions.csv').map((r) => ({
    code: r.REG!,
    name: typo(r.NCCENR!),
    of: `${CHARNIERE[r.TNCC!] ?? 'de '}${typo(r.NCCENR!)}`,
  }));
  const out = `/**
 * Départements and régions of the COG with the French forms the « où demander » texts need. Generated
 * by \`scripts/generate-places.ts\` from the INSEE COG files of the mirror: do not edit by hand.
 * No dependency: the web app imports it.
 */

export interface DepartementPlace {
  code: string;
  name: string;
  /** The name after « de » with its article (« du Nord », « des Hauts-de-Seine », « de l’Essonne »). */
  of: string;
  region: string;
}

export const DEPARTEMENTS: Record<string, DepartementPlace> = {
${deps.map((d) => `  '${d.code}': ${JSON.stringify(d)},`).join('\n')}
};

export interface RegionPlace {
  code: string;
  name: string;
  /** The name after « de » with its article (« de la Guadeloupe », « d’Île-de-France »). */
  of: string;
}

export const REGIONS: Record<string, RegionPlace> = {
${regions.map((r) => `  '${r.code}': ${JSON.stringify(r)},`).join('\n')}
};
`;
  writeFileSync(join(ROOT, 'core', 'places.ts'), out);
  console.log(`core/places.ts : ${deps.length} départements, ${regions.length} régions.`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
