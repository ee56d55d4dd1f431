/** French number formatting shared by every view. */
const cache = new Map<number, Intl.NumberFormat>();

function nf(decimals: number): Intl.NumberFormat {
  let f = cache.get(decimals);
  if (!f) {
    f = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    cache.set(decimals, f);
  }
  return f;
}

export function formatNumber(value: number, decimals = 0): string {
  return nf(decimals).format(value);
}

const SYMBOLS: Record<string, string> = {
  pct: ' %',
  euros: ' €',
  euros_an: ' €/an',
  euros_m2: ' €/m²',
};

/** Formats a value with its unit. Flags (0/1) read « oui » / « non ». */
export function formatValue(value: number | null | undefined, unit: string, decimals = 0): string {
  if (value === null || value === undefined) return 'non disponible';
  if (unit === 'booleen') return value ? 'oui' : 'non';
  return `${formatNumber(value, decimals)}${SYMBOLS[unit] ?? ''}`;
}

export function formatDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });
}
