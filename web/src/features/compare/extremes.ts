/** Best and worst of a row of values, by the indicator's polarity. Pure, unit-tested. */

export type Polarity = 'higher_better' | 'higher_worse' | 'neutral';
export type Mark = 'best' | 'worst' | null;

/**
 * One mark per value: `best` / `worst` for the highest and lowest values (which is which depends on
 * the polarity; ties share the mark). Nothing is marked for a neutral indicator, with fewer than two
 * values, or when all values are equal. Missing values are never marked.
 */
export function extremes(values: (number | null | undefined)[], polarity: Polarity): Mark[] {
  const present = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (polarity === 'neutral' || present.length < 2) return values.map(() => null);
  const max = Math.max(...present);
  const min = Math.min(...present);
  if (max === min) return values.map(() => null);
  const high: Mark = polarity === 'higher_better' ? 'best' : 'worst';
  const low: Mark = polarity === 'higher_better' ? 'worst' : 'best';
  return values.map((v) => (typeof v !== 'number' ? null : v === max ? high : v === min ? low : null));
}

export const MARK_LABEL: Record<'best' | 'worst', string> = {
  best: 'la plus favorable',
  worst: 'la moins favorable',
};

const INTENSIVE_UNITS = new Set(['pct', 'ratio', 'pour_100', 'euros_m2', 'euros_an', 'mois']);

/**
 * A rate, median or ratio, comparable between territories of different sizes — unlike a count
 * (logements, habitants, communes déficitaires), which mostly measures size.
 */
export function isIntensive(ind: { unit: string; aggregation: string }): boolean {
  return ind.aggregation === 'ratio' || INTENSIVE_UNITS.has(ind.unit);
}

export interface Cell {
  value: number | null | undefined;
  year?: number | null;
}

/**
 * Marks for one indicator row. Only a rate, median or ratio with a direction is judged (a count of
 * foyers or logements mostly measures the size of the territory, whatever the level), and only when
 * every value is of the same year (a 2022 rate is not ranked against 2025 rates).
 */
export function rowMarks(
  cells: Cell[],
  ind: { unit: string; aggregation: string; polarity: Polarity },
): Mark[] {
  if (!isIntensive(ind)) return cells.map(() => null);
  if (yearsOf(cells).length > 1) return cells.map(() => null);
  return extremes(
    cells.map((c) => c.value),
    ind.polarity,
  );
}

/** Distinct years of the values present, in order. */
export function yearsOf(cells: Cell[]): number[] {
  return [
    ...new Set(cells.filter((c) => typeof c.value === 'number' && c.year).map((c) => c.year as number)),
  ].sort((a, b) => a - b);
}

/** Why a row carries no mark, in French, or null when it may. */
export function noMarkReason(
  cells: Cell[],
  ind: { unit: string; aggregation: string; polarity: Polarity },
): string | null {
  if (ind.polarity === 'neutral') return 'indicateur sans sens favorable';
  if (!isIntensive(ind)) return 'effectif : dépend surtout de la taille des territoires, pas de classement';
  if (yearsOf(cells).length > 1) return 'années différentes : pas de classement';
  return null;
}
