/**
 * The shape of a fiche as the advocacy views use it (a structural subset of the API payload, so that
 * the pure generators can be unit-tested on hand-made fiches), and small helpers shared by the fiche,
 * the argument cards, the questions and the workshop pack. No React, no network.
 */
import { fillYear } from '../../../core/text';
import type { WhereToAskTemplate } from '../../../core/where-to-ask';
import { figureText, figureWithInterval, type FigureIndicator } from './figures';
import type { SourceLike } from './sources';

export { fillYear };

export interface TerritoryRef {
  level: string;
  code: string;
  name: string;
  ept?: string | null;
  departement?: string | null;
  extra?: Record<string, unknown> | null;
}

/**
 * An EPT or EPCI spread over several départements (Grand-Orly Seine Bièvre: 91 and 94) has one
 * « parent » département in the API, which does not stand for it: no comparison with it.
 */
export function spansSeveralDepartements(t: TerritoryRef): boolean {
  const deps = (t.extra as { departements?: unknown } | null | undefined)?.departements;
  return Array.isArray(deps) && deps.length > 1;
}

export interface Obs {
  year: number;
  value: number | null;
  /** Interval of a value deduced from a rounded input (null otherwise). */
  low?: number | null;
  high?: number | null;
  /** The producer's own text when it was not a plain number. */
  raw?: string | null;
  flags: string[];
  note: string | null;
  source_id: string;
  numerator?: number | null;
  denominator?: number | null;
  n_units?: number | null;
  n_units_expected?: number | null;
  last_year?: number;
  last_note?: string | null;
}

export interface IndicatorMeta {
  id: string;
  label: string;
  short_label: string;
  unit: string;
  unit_symbol?: string;
  /** How a value reads in a sentence (« {value} demandes pour une attribution »). */
  reading?: string;
  theme: string;
  decimals: number;
  polarity: string;
  reference: string;
  definition?: string;
  caveats?: string[];
  aggregation?: string;
  aggregate_unit_label?: string;
  target?: { value: number; label: string };
  series_breaks?: { year: number; label: string }[];
  open: boolean;
  /** Values copied by hand from a publication (flag `curated`), with their citation. */
  curated?: boolean;
  where_to_ask?: WhereToAskTemplate | string;
  /** Where the open file exists (région codes): outside, the indicator is a « donnée non ouverte ». */
  coverage?: { regions: string[]; label: string };
  family?: string;
  years?: number[];
}

export interface FicheIndicatorLike extends IndicatorMeta {
  reference_text: string | null;
  definition_text?: string;
  value: Obs | null;
}

export type { SourceLike };

export interface FicheLike {
  territory: TerritoryRef;
  parents: TerritoryRef[];
  indicators: FicheIndicatorLike[];
  context: { territory: TerritoryRef; values: Record<string, Obs> }[];
}

export type FlagMeanings = Record<string, { badge: string; meaning: string }>;

/** Gaps: no open file and no published figure — a « donnée non ouverte » card says where to ask. */
export function isGap(i: { open: boolean }): boolean {
  return !i.open && !isCurated(i);
}

/** Registry entries whose values are published figures copied by hand (flag `curated`). */
export function isCurated(i: object): boolean {
  return (i as { curated?: boolean }).curated === true;
}

/** Mandate of the municipal councils elected in March 2026. */
export const MANDATE = { from: 2026, to: 2032, years: 6 } as const;

/**
 * Flags that forbid quoting a value in a sentence: not published, out of bounds, contradicted by the
 * source itself, not applicable, or a ratio on too few units.
 */
export const UNQUOTABLE_FLAGS = ['masked', 'suspect', 'incoherent', 'not_applicable', 'small_count'];

/** A usable value: present, finite, and not flagged as unquotable (masked, suspect, incoherent…). */
export function usable(o: Obs | null | undefined): o is Obs & { value: number } {
  return (
    !!o && o.value !== null && Number.isFinite(o.value) && !o.flags.some((f) => UNQUOTABLE_FLAGS.includes(f))
  );
}

/** A value with its unit, its interval when it has one, « non disponible » when missing. */
export function valueText(ind: FigureIndicator, o: Obs | null | undefined, level: string): string {
  if (!o || o.value === null) return 'non disponible';
  return figureWithInterval(ind, o, level);
}

/** Value with its unit as French text (« 28,18 % », « 5 797 logements », « 8,2 pour 100 ménages »). */
export function quantityText(ind: FigureIndicator, value: number, level = 'commune'): string {
  return figureText(ind, value, level);
}

/** « À Meudon », « Dans l’EPT Vallée Sud Grand Paris », « En France »… */
export function inTerritory(t: TerritoryRef): string {
  switch (t.level) {
    case 'commune':
      return `À ${t.name}`;
    case 'ept':
      return `Dans l’EPT ${t.name}`;
    case 'epci':
      return `Dans l’intercommunalité ${t.name}`;
    case 'departement':
      return `Dans le département ${t.name} (${t.code})`;
    case 'region':
      return `En région ${t.name}`;
    default:
      return 'En France';
  }
}

/** « pour l’EPT Vallée Sud Grand Paris », « pour le département Hauts-de-Seine (92) », « en France ». */
export function forTerritory(t: TerritoryRef): string {
  switch (t.level) {
    case 'commune':
      return `à ${t.name}`;
    case 'ept':
      return `dans l’EPT ${t.name}`;
    case 'epci':
      return `dans l’intercommunalité ${t.name}`;
    case 'departement':
      return `dans le département ${t.name} (${t.code})`;
    case 'region':
      return `en région ${t.name}`;
    default:
      return 'en France';
  }
}

export function byId(f: FicheLike): Map<string, FicheIndicatorLike> {
  return new Map(f.indicators.map((i) => [i.id, i]));
}

/** Context values of the same indicator and the same year, for the parents worth comparing with. */
export function sameYearContext(
  f: FicheLike,
  id: string,
  year: number,
  levels: string[] = ['ept', 'departement', 'france'],
): { territory: TerritoryRef; obs: Obs & { value: number } }[] {
  const out: { territory: TerritoryRef; obs: Obs & { value: number } }[] = [];
  const multi = spansSeveralDepartements(f.territory);
  for (const level of levels) {
    if (multi && level === 'departement') continue;
    const c = f.context.find((x) => x.territory.level === level);
    const o = c?.values[id];
    if (c && usable(o) && o.year === year) out.push({ territory: c.territory, obs: o });
  }
  return out;
}

/** A reference text fit to stand inside parentheses: inner « (2025) » becomes « , 2025 ». */
export function refText(ref: string | null | undefined, year?: number): string {
  const r = ref ?? (year !== undefined ? String(year) : '');
  return r.replace(/\s*\(([^()]*)\)/g, ', $1');
}

export function lowerFirst(s: string): string {
  return s ? s[0]!.toLowerCase() + s.slice(1) : s;
}

/**
 * « One date at a time »: when the figures one source family gives for a rubric are not all of the same
 * year (Neuilly-sur-Seine: rate and social dwellings at 1 January 2024, as the 2025 file gives no rate for
 * it, beside statuses and levy of 2025), the sentence that says so above them; null when the years agree.
 * Copied figures from publications are left out (each carries its own date and citation).
 */
export function mixedYearsNote(items: readonly FicheIndicatorLike[]): string | null {
  const byFamily = new Map<string, Map<number, string[]>>();
  for (const i of items) {
    if (!i.value || i.value.value === null || isCurated(i)) continue;
    const family = i.family ?? '';
    const years = byFamily.get(family) ?? new Map<number, string[]>();
    years.set(i.value.year, [...(years.get(i.value.year) ?? []), i.short_label]);
    byFamily.set(family, years);
  }
  const parts: string[] = [];
  for (const years of byFamily.values()) {
    if (years.size < 2) continue;
    for (const [year, labels] of [...years].sort((a, b) => a[0] - b[0]))
      parts.push(`${year} pour ${labels.map(labelInSentence).join(', ')}`);
  }
  if (!parts.length) return null;
  return `Ces chiffres ne sont pas tous de la même année : ${parts.join(' ; ')}. Chacun porte sa date ; ne rapprocher que des chiffres de la même année.`;
}

/** « Taux SRU » → « taux SRU », but « RSA / 100 ménages » stays (an acronym keeps its capitals). */
function labelInSentence(label: string): string {
  return /^\p{Lu}\p{Ll}/u.test(label) ? lowerFirst(label) : label;
}
