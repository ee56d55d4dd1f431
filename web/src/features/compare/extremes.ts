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
