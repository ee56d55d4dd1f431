/**
 * Social-housing demand and allocations (DRIHL socle, Île-de-France) as the fiche, the argument cards,
 * the questions and the workshop pack use them. Pure functions on the fiche payload (no React, no
 * network): the summary sentence, the comparison rows (territory, EPT, département, région, same year
 * only), and whether a territory lies outside the file's coverage (then the indicators are a
 * « donnée non ouverte » card, never a 0).
 */
import { formatNumber } from '../../format';
import {
  inTerritory,
  spansSeveralDepartements,
  usable,
  type FicheIndicatorLike,
  type FicheLike,
  type Obs,
  type TerritoryRef,
} from '../../model/fiche';

/** The socle's indicators, in the order of the block. */
export const DEMAND_IDS = [
  'sne_demandes_choix1',
  'sne_attributions',
  'sne_demandes_par_attribution',
  'sne_delai_median_mois',
  'sne_part_anciennete_5ans',
  'sne_demandes_par_attribution_t1',
  'sne_demandes_par_attribution_t3',
] as const;
export type DemandId = (typeof DEMAND_IDS)[number];
const DEMAND_SET = new Set<string>(DEMAND_IDS);

export function isDemandIndicator(id: string): boolean {
  return DEMAND_SET.has(id);
}

export interface Coverage {
  regions: string[];
  label: string;
}

/** The région of a fiche's territory (its own code for a région; none for France). */
export function regionOf(f: Pick<FicheLike, 'territory' | 'parents'>): string | null {
  const t = f.territory;
  if (t.level === 'region') return t.code;
  if (t.level === 'france') return null;
  return f.parents.find((p) => p.level === 'region')?.code ?? null;
}

/** True when the indicator's open file does not cover this territory (France counts as outside). */
export function outsideCoverage(
  ind: { coverage?: Coverage | null },
  f: Pick<FicheLike, 'territory' | 'parents'>,
): boolean {
  if (!ind.coverage) return false;
  const region = regionOf(f);
  return region === null || !ind.coverage.regions.includes(region);
}

type Usable = Obs & { value: number };

export interface DemandCell {
  territory: TerritoryRef;
  obs: Obs | null;
  /** Same year as the territory's own value (only then is it a comparison). */
  sameYear: boolean;
}

export interface DemandRow {
  ind: FicheIndicatorLike;
  cells: DemandCell[];
}

export interface DemandSummary {
  year: number;
  sentence: string;
  /** The fiche's territory first, then its EPT (or EPCI), département and région. */
  columns: TerritoryRef[];
  rows: DemandRow[];
  sourceIds: string[];
}

const COMPARE_LEVELS: Record<string, string[]> = {
  commune: ['ept', 'departement', 'region'],
  ept: ['departement', 'region'],
  epci: ['departement', 'region'],
  departement: ['region'],
  region: [],
};

/** The parents worth comparing with (not a département that stands for only part of an EPT). */
export function comparisonTerritories(f: FicheLike): TerritoryRef[] {
  const levels = COMPARE_LEVELS[f.territory.level] ?? [];
  const multi = spansSeveralDepartements(f.territory);
  const out: TerritoryRef[] = [];
  for (const level of levels) {
    if (multi && level === 'departement') continue;
    const c = f.context.find((x) => x.territory.level === level);
    if (c) out.push(c.territory);
  }
  // A commune outside the Métropole du Grand Paris has no EPT: its intercommunalité instead.
  if (f.territory.level === 'commune' && !out.some((t) => t.level === 'ept')) {
    const epci = f.context.find((x) => x.territory.level === 'epci');
    if (epci) out.unshift(epci.territory);
  }
  return out;
}

const n = (v: number, decimals = 0) => formatNumber(v, decimals);

/** « visaient la commune », « visaient une commune de l’EPT »… */
function targetWords(t: TerritoryRef): string {
  switch (t.level) {
    case 'commune':
      return 'visaient la commune en premier choix';
    case 'ept':
      return 'visaient en premier choix une commune de l’EPT';
    case 'epci':
      return 'visaient en premier choix une commune de l’intercommunalité';
    case 'departement':
      return 'visaient en premier choix une commune du département';
    default:
      return 'visaient en premier choix une commune de la région';
  }
}

/**
 * « À Meudon, 2 436 demandes de logement social visaient la commune en premier choix fin 2025, pour
 * 274 logements attribués en 2025 : 8,9 demandes pour une attribution ; délai médian d’attribution
 * 27 mois. » — each part only when its value is usable and of the same year; masked values are said.
 */
export function demandSentence(f: FicheLike): { year: number; text: string } | null {
  const get = (id: DemandId) => f.indicators.find((i) => i.id === id);
  const dem = get('sne_demandes_choix1')?.value;
  const att = get('sne_attributions')?.value;
  const ratio = get('sne_demandes_par_attribution');
  const delay = get('sne_delai_median_mois');
  const year = dem?.year ?? att?.year;
  if (year === undefined) return null;
  const same = (o: Obs | null | undefined): o is Usable => usable(o) && o.year === year;
  const partial = (o: Obs) => (o.flags.includes('partial') ? ' (somme partielle)' : '');
  const t = f.territory;
  let text = `${inTerritory(t)}, `;
  if (same(dem))
    text += `${n(dem.value)} demande${dem.value > 1 ? 's' : ''} de logement social ${targetWords(t)} fin ${year}${partial(dem)}`;
  else
    text += `le nombre de demandes de logement social qui ${targetWords(t)} fin ${year} est masqué par la DRIHL (secret statistique)`;
  if (same(att)) {
    text +=
      att.value === 0
        ? `, pour aucun logement attribué en ${year}`
        : `, pour ${n(att.value)} logement${att.value > 1 ? 's' : ''} attribué${att.value > 1 ? 's' : ''} en ${year}${partial(att)}`;
  } else text += ` ; le nombre de logements attribués en ${year} est masqué (moins de 10)`;
  const r = ratio?.value;
  if (ratio && same(r)) text += ` : ${n(r.value, ratio.decimals)} demandes pour une attribution`;
  const d = delay?.value;
  if (delay && same(d)) text += ` ; délai médian d’attribution ${n(d.value, delay.decimals)} mois`;
  return { year, text: `${text}.` };
}

/** The block's content, or null when the territory has no value of the socle. */
export function demandSummary(f: FicheLike): DemandSummary | null {
  const sentence = demandSentence(f);
  if (!sentence) return null;
  const columns = [f.territory, ...comparisonTerritories(f)];
  const rows: DemandRow[] = [];
  const ids = new Set<string>();
  for (const id of DEMAND_IDS) {
    const ind = f.indicators.find((i) => i.id === id);
    if (!ind) continue;
    const cells = columns.map((territory, k): DemandCell => {
      const obs =
        k === 0 ? ind.value : (f.context.find((c) => c.territory === territory)?.values[id] ?? null);
      return { territory, obs, sameYear: !!obs && obs.year === sentence.year };
    });
    if (cells.every((c) => !c.obs)) continue;
    for (const c of cells) if (c.obs) ids.add(c.obs.source_id);
    rows.push({ ind, cells });
  }
  return { year: sentence.year, sentence: sentence.text, columns, rows, sourceIds: [...ids] };
}

/** A cell as text: the value, or why there is none (masked, not published at this level). */
export function cellText(ind: FicheIndicatorLike, c: DemandCell): string {
  if (!c.obs) return c.territory.level === 'ept' || c.territory.level === 'epci' ? 'non publié' : 'n.d.';
  if (c.obs.value === null) return c.obs.flags.includes('masked') ? 'masqué' : 'non calculable';
  return formatNumber(c.obs.value, ind.decimals);
}

/** The workshop pack's per-commune demand table: demands, allocations, ratio and median delay. */
export const ATELIER_DEMAND_IDS: DemandId[] = [
  'sne_demandes_choix1',
  'sne_attributions',
  'sne_demandes_par_attribution',
  'sne_delai_median_mois',
];
