/** Hand-made fiches for the argument and question generators (registry metadata taken from the registry). */
import { INDICATORS, FLAGS, UNITS, fillYear } from '../../core/registry.js';
import type { FicheIndicatorLike, FicheLike, Obs, TerritoryRef } from '../../web/src/model/fiche.js';

export const SOURCES = {
  sru: {
    producer: 'Ministère chargé du logement — DGALN/DHUP',
    family: 'sru',
    kind: 'official',
    title: 'Communes et inventaire SRU — fichier 2025-v2',
    vintage: 'inventaire au 1er janvier 2025',
  },
  caf: {
    producer: 'Cnaf',
    family: 'caf',
    kind: 'official',
    title: 'Allocataires par commune',
    vintage: '2024',
  },
};

export const FLAG_MEANINGS = FLAGS as unknown as Record<string, { badge: string; meaning: string }>;

export function obs(value: number | null, year: number, extra: Partial<Obs> = {}): Obs {
  return {
    year,
    value,
    flags: value === null ? ['masked'] : [],
    note: value === null ? 'secret statistique' : null,
    source_id: 'sru',
    last_year: year,
    last_note: null,
    ...extra,
  };
}

/** A registry indicator (or an ad hoc one for themes not yet in the registry) with a value. */
export function ind(
  id: string,
  value: Obs | null,
  override: Partial<FicheIndicatorLike> = {},
): FicheIndicatorLike {
  const def = INDICATORS.find((i) => i.id === id);
  const base = def
    ? { ...def, unit_symbol: UNITS[def.unit].symbol }
    : {
        id,
        label: id,
        short_label: id,
        unit: 'pct',
        unit_symbol: '%',
        theme: 'precarite',
        decimals: 1,
        polarity: 'higher_worse',
        reference: 'au 31 décembre {year}',
        open: true,
      };
  const merged = { ...base, ...override } as FicheIndicatorLike;
  return {
    ...merged,
    reference_text: value ? fillYear(merged.reference, value.year) : null,
    value,
  };
}

export const COMMUNE: TerritoryRef = {
  level: 'commune',
  code: '99001',
  name: 'Villetest',
  ept: 'E1',
  departement: '99',
};
export const EPT: TerritoryRef = { level: 'ept', code: 'E1', name: 'Territoire Test' };
export const DEP: TerritoryRef = { level: 'departement', code: '99', name: 'Testie' };
export const FR: TerritoryRef = { level: 'france', code: 'FR', name: 'France' };

export function fiche(
  indicators: FicheIndicatorLike[],
  context: { territory: TerritoryRef; values: Record<string, Obs> }[] = [],
  territory: TerritoryRef = COMMUNE,
): FicheLike {
  return { territory, parents: context.map((c) => c.territory), indicators, context };
}
