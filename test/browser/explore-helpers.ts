/** Helpers shared by the explore browser tests: API reads, French formatting computed in the test. */
import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';

export async function api<T = { data: unknown; meta: Record<string, unknown> }>(
  base: string,
  path: string,
): Promise<T> {
  const res = await fetch(`${base}${path}`);
  if (!res.ok) throw new Error(`${path} : ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export interface IndicatorLike {
  id: string;
  unit: string;
  decimals: number;
  unit_symbol: string;
  thresholds?: number[];
  polarity: string;
  aggregation?: string;
  aggregate_unit_label?: string;
}

const SUFFIX: Record<string, string> = { pct: ' %', euros: ' €', euros_an: ' €/an', euros_m2: ' €/m²' };

/** How the dashboard must write a value (French grouping and decimal comma), computed independently. */
export function frenchValue(v: number | null, ind: IndicatorLike): string {
  if (v === null) return 'non disponible';
  if (ind.unit === 'booleen') return v ? 'oui' : 'non';
  const n = new Intl.NumberFormat('fr-FR', {
    minimumFractionDigits: ind.decimals,
    maximumFractionDigits: ind.decimals,
  }).format(v);
  return `${n}${SUFFIX[ind.unit] ?? ''}`;
}

/** Collapses the narrow and ordinary no-break spaces Intl uses, to compare texts. */
export function norm(s: string | null | undefined): string {
  return (s ?? '')
    .replace(/[\u202f\u00a0]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Width and height of a PNG file, read from its signature and IHDR chunk. */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!sig.every((b, i) => bytes[i] === b)) throw new Error('signature PNG absente');
  if (bytes.toString('ascii', 12, 16) !== 'IHDR') throw new Error('bloc IHDR absent');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

export async function downloadOf(
  page: Page,
  click: () => Promise<void>,
): Promise<{ d: Download; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click()]);
  const path = await d.path();
  return { d, bytes: readFileSync(path) };
}

export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return errors;
}
