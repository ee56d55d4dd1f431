/**
 * Readers of the three SRU file layouts: the official « Communes et inventaire SRU » CSV of any vintage
 * (2023 → 2026 layouts, columns matched by prefix without accents), the rouages.fr JSON extracts, and
 * the 2004–2022 series (its `_N` columns are the inventory at 1 January N−1).
 */
import { z } from 'zod';
import { toCog2025 } from '../lib/communes.js';
import { findColumn, type CsvTable } from '../lib/csv.js';
import { InputError, type Location } from '../lib/errors.js';
import { parseEntry, parseJson } from '../lib/json.js';
import { reject, type PipelineContext, type SourceStats } from '../lib/pipeline.js';
import type { Resource } from '../lib/resources.js';
import { parseFlag, parseFrenchNumber } from '../lib/values.js';
import { parseSruCell, type Cell, type SruRecord } from './records.js';

type Ctx = Pick<PipelineContext, 'territories'>;

function recodedNote(raw: string, code: string, via: string): string | undefined {
  return via !== 'cog2025' ? `code ${raw} de la source rattaché à ${code} (COG 2025)` : undefined;
}

/** Reads an official « Communes et inventaire SRU » CSV of any vintage. */
export function readOfficialCsv(table: CsvTable, res: Resource, ctx: Ctx, st: SourceStats): SruRecord[] {
  const col = (re: RegExp) => findColumn(table.columns, re);
  const cCode = col(/^code_insee_commune$/)!;
  const cLls = col(/^nombre_lls/)!;
  const cTaux = col(/^taux_sru_au_01_01_\d{4}$/)!;
  const cCible = col(/^taux_cible/);
  const cDef = col(/^commune_deficitaire/);
  const cCar = col(/^commune_caren/);
  const cExe = col(/^commune_exempt/);
  const cPre = col(/^prelevement_net/);
  const year = Number(/(\d{4})$/.exec(cTaux)![1]);
  const seen = new Set<string>();
  const out: SruRecord[] = [];
  for (const row of table.rows) {
    st.rows_read++;
    const loc = (column: string): Location => ({
      file: table.file,
      line: row.line,
      column: table.header[table.columns.get(column)!] ?? column,
    });
    const raw = row.get(cCode).trim();
    if (seen.has(raw)) throw new InputError(loc(cCode), `commune ${raw} en double`);
    seen.add(raw);
    const m = toCog2025(raw, ctx.territories);
    if (!m) {
      reject(st, `code commune inconnu du COG 2025 (${raw})`);
      continue;
    }
    const rec: SruRecord = {
      code: m.code,
      year,
      sourceId: res.id,
      lls: parseSruCell(row.get(cLls), loc(cLls), 'lls'),
      taux: parseSruCell(row.get(cTaux), loc(cTaux), 'taux'),
      flags: res.kind === 'official' ? [] : ['derived'],
      note: recodedNote(raw, m.code, m.via),
    };
    if (rec.taux?.flags?.includes('incoherent'))
      (st.incoherent ??= []).push(`ligne ${row.line}, ${row.get('nom_commune') || raw}, ${rec.taux.raw}`);
    if (cCible) rec.cible = parseFrenchNumber(row.get(cCible), loc(cCible)) as Cell;
    if (cDef) rec.deficitaire = parseFlag(row.get(cDef), loc(cDef));
    if (cCar) rec.carencee = parseFlag(row.get(cCar), loc(cCar));
    if (cExe) rec.exemptee = parseFlag(row.get(cExe), loc(cExe));
    if (cPre) rec.prelevement = parseFrenchNumber(row.get(cPre), loc(cPre), { dashIsZero: true }) as Cell;
    out.push(rec);
    st.rows_kept++;
  }
  return out;
}

const rouagesCommune = z
  .object({
    lls: z.number().int().nonnegative().nullable(),
    llsTexte: z.string().nullable().optional(),
    taux: z.number().nullable(),
    tauxTexte: z.string().nullable().optional(),
    cible: z.number().nullable(),
    deficitaire: z.boolean().nullable(),
    carencee: z.boolean().nullable(),
    exemptee: z.boolean().nullable(),
    prelevement: z.number().nullable(),
  })
  .strict();
const rouagesFile = z.object({ dep: z.string(), maj: z.string(), c: z.record(z.string(), z.unknown()) });

/** Reads a rouages.fr extract (official file 2026, inventory at 1 January 2025, reshaped). */
export function readRouagesJson(
  text: string,
  res: Resource,
  ctx: Ctx,
  st: SourceStats,
  year = 2025,
): SruRecord[] {
  const data = parseJson(text, res.file, rouagesFile);
  const out: SruRecord[] = [];
  for (const [raw, value] of Object.entries(data.c)) {
    st.rows_read++;
    const v = parseEntry(value, res.file, `c.${raw}`, rouagesCommune);
    const m = toCog2025(raw, ctx.territories);
    if (!m) {
      reject(st, `code commune inconnu du COG 2025 (${raw})`);
      continue;
    }
    const loc = (field: string): Location => ({ file: res.file, column: `c.${raw}.${field}` });
    // The extract keeps the producer's text where the official file had one: read it as the official reader does.
    const cell = (x: number | null, text: string | null | undefined, kind: 'lls' | 'taux'): Cell =>
      x !== null
        ? kind === 'taux' && x > 100
          ? parseSruCell(`${String(x).replace('.', ',')}%`, loc(kind), kind)
          : { value: x }
        : text
          ? parseSruCell(text, loc(kind), kind)
          : { value: null, mask: 'non renseigné dans la source' };
    const num = (x: number | null): Cell =>
      x === null ? { value: null, mask: 'non renseigné dans la source' } : { value: x };
    out.push({
      code: m.code,
      year,
      sourceId: res.id,
      lls: cell(v.lls, v.llsTexte, 'lls'),
      taux: cell(v.taux, v.tauxTexte, 'taux'),
      cible: num(v.cible),
      deficitaire: v.deficitaire,
      carencee: v.carencee,
      exemptee: v.exemptee,
      prelevement: num(v.prelevement),
      flags: ['derived'],
      note: recodedNote(raw, m.code, m.via),
    });
    st.rows_kept++;
  }
  return out;
}

interface HistoryRow {
  raw: string;
  line: number;
  category: string;
  via: string;
  lls: (number | null)[];
  rp: (number | null)[];
}

const FALSE_ZERO_CATEGORY = 'non soumise atteint taux legal';

/**
 * The 2004–2022 series. Its `social_units_N` / `Total_unit_N` columns are the inventory at 1 January
 * N−1 (checked against APUR and the Hauts-de-Seine's published figures), so years are shifted by one.
 *
 * Merged communes: the rows of former communes stay in the file, frozen after the merger (often with
 * LLS = RP). For each COG 2025 commune, the merger year is where its own row jumps by at least half the
 * former communes' résidences principales; before it the genuine rows of the former communes are added
 * (same territory as today), from it on the current row alone is used. Former rows that are never
 * genuine (LLS = RP every year, e.g. Fort-Mardyck) are never added.
 *
 * False zeros: a commune « Non soumise atteint taux légal » with 0 LLS and RP > 0 was not inventoried
 * (above the legal rate), never at 0 %. Corrupt résidences principales (the 2007 column equal to the LLS,
 * or a year both neighbours contradict) are masked with a note.
 */
export function readHistoryCsv(table: CsvTable, res: Resource, ctx: Ctx, st: SourceStats): SruRecord[] {
  const yearSet = new Set<number>();
  for (const k of table.columns.keys()) {
    const m = /^(?:social_units|total_unit)_(\d{4})$/.exec(k);
    if (m) yearSet.add(Number(m[1]));
  }
  const cols = [...yearSet].sort();
  for (const y of cols) {
    for (const c of [`social_units_${y}`, `total_unit_${y}`]) {
      if (!table.columns.has(c))
        throw new InputError(
          { file: table.file, line: table.headerLine, column: c },
          'colonne absente de l’en-tête',
        );
    }
  }
  for (let y = cols[0]!; y <= cols[cols.length - 1]!; y++) {
    if (!yearSet.has(y)) {
      throw new InputError(
        { file: table.file, line: table.headerLine, column: `social_units_${y}` },
        `année ${y} absente de la série`,
      );
    }
  }
  const hasCategory = table.columns.has('category');
  const groups = new Map<string, HistoryRow[]>();
  const seen = new Set<string>();
  for (const row of table.rows) {
    st.rows_read++;
    const raw = row.get('cod').trim();
    const loc = (column: string): Location => ({ file: table.file, line: row.line, column });
    if (seen.has(raw)) throw new InputError(loc('cod'), `commune ${raw} en double`);
    seen.add(raw);
    const m = toCog2025(raw, ctx.territories);
    if (!m) {
      reject(st, `code commune inconnu du COG 2025 (${raw})`);
      continue;
    }
    const num = (c: string, label: string) =>
      parseFrenchNumber(row.get(c), loc(label), { integer: true }).value;
    const h: HistoryRow = {
      raw,
      line: row.line,
      category: hasCategory ? row.get('category').trim() : '',
      via: m.via,
      lls: cols.map((y) => num(`social_units_${y}`, `social_units_${y}`)),
      rp: cols.map((y) => num(`total_unit_${y}`, `Total_unit_${y}`)),
    };
    const g = groups.get(m.code);
    if (g) g.push(h);
    else groups.set(m.code, [h]);
    st.rows_kept++;
  }
  const years = cols.map((c) => c - 1);
  const out: SruRecord[] = [];
  for (const [code, rows] of groups) {
    const own = rows.find((r) => r.via === 'cog2025');
    const former = rows.filter((r) => r !== own);

    // Without a jump of the commune's own row, the merger came after the series (e.g. Pierrefitte-sur-Seine
    // into Saint-Denis on 1 January 2025): the former communes' genuine rows are added every year.
    let mergerIndex = years.length;
    if (own && former.length) {
      for (let i = 1; i < years.length; i++) {
        const before = own.rp[i - 1] ?? null;
        const now = own.rp[i] ?? null;
        const formerRp = former.reduce((a, r) => a + (genuine(r, i - 1) ? r.rp[i - 1]! : 0), 0);
        if (before !== null && now !== null && formerRp > 0 && now - before >= formerRp / 2) {
          mergerIndex = i;
          break;
        }
      }
    }
    const neverGenuine = former.filter((r) => years.every((_y, i) => !genuine(r, i)));
    for (let k = 0; k < neverGenuine.length; k++)
      reject(
        st,
        'ligne d’une ancienne commune fusionnée, figée (logements sociaux = résidences principales) : jamais additionnée',
      );
    const parts = own ? [own] : [];
    years.forEach((year, i) => {
      const members = [...parts];
      const added: string[] = [];
      if (!own || i < mergerIndex) {
        for (const r of former) {
          if (neverGenuine.includes(r)) continue;
          members.push(r);
          added.push(r.raw);
        }
      }
      if (members.length === 0) return;
      const corrupt = members.some((r) => !genuineOrOwn(r, i, r === own));
      let lls: number | null = 0;
      let rp: number | null = 0;
      for (const r of members) {
        lls = lls === null || r.lls[i] === null ? null : lls + r.lls[i]!;
        rp = rp === null || r.rp[i] === null ? null : rp + r.rp[i]!;
      }
      // 0 LLS with RP > 0 in a commune the law does not cover: it was not inventoried, never « 0 % »;
      // a sum with such a member is not known either (Dunkerque + Fort-Mardyck + Saint-Pol-sur-Mer).
      const isFalseZero = (m: HistoryRow) =>
        m.lls[i] === 0 && (m.rp[i] ?? 0) > 0 && searchCategory(m.category).startsWith('non soumise');
      const zeroMember = members.find(isFalseZero);
      const falseZero = zeroMember !== undefined;
      const aboveRate = searchCategory((own ?? zeroMember ?? members[0]!).category) === FALSE_ZERO_CATEGORY;
      const note = added.length
        ? `somme de la commune et des anciennes communes ${added.join(', ')} (avant leur fusion)`
        : undefined;
      const llsCell: Cell = falseZero
        ? aboveRate
          ? {
              value: null,
              mask: '0 dans la série pour une commune « non soumise, taux légal atteint » : commune non inventoriée (au-dessus du taux légal), jamais 0 logement social',
              flags: ['not_inventoried'],
              raw: '0',
            }
          : {
              value: null,
              mask: `0 dans la série pour une commune « ${zeroMember!.category} » (${zeroMember!.raw}) : commune non inventoriée, pas un 0 logement social`,
              raw: '0',
            }
        : lls === null
          ? { value: null, mask: 'non renseigné dans la source' }
          : { value: lls };
      const rpCell: Cell = corrupt
        ? {
            value: null,
            mask: 'résidences principales corrompues dans la série (égales aux logements sociaux)',
          }
        : rp === null
          ? { value: null, mask: 'non renseigné dans la source' }
          : { value: rp };
      out.push({
        code,
        year,
        sourceId: res.id,
        lls: llsCell,
        rp: rpCell,
        flags: ['derived'],
        note,
      });
    });
  }
  maskContradictedRp(out);
  return out;
}

/** A former commune's cell is genuine when it is not frozen (LLS = RP) and RP is positive. */
function genuine(r: HistoryRow, i: number): boolean {
  return r.rp[i] !== null && r.rp[i]! > 0 && r.lls[i] !== null && r.rp[i] !== r.lls[i];
}

/** The commune's own row is corrupt only where RP = LLS > 0 (the known 2007-column defect). */
function genuineOrOwn(r: HistoryRow, i: number, isOwn: boolean): boolean {
  if (isOwn) return !(r.rp[i] !== null && r.lls[i] !== null && r.rp[i] === r.lls[i] && r.lls[i]! > 0);
  return genuine(r, i);
}

function searchCategory(c: string): string {
  return c
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();
}

/**
 * A résidences-principales value that both neighbouring years contradict (more than 20 % away from
 * each, while they agree within 10 %) is a typing or extraction error: masked with a note.
 */
function maskContradictedRp(records: SruRecord[]): void {
  const byCode = new Map<string, SruRecord[]>();
  for (const r of records) {
    const g = byCode.get(r.code);
    if (g) g.push(r);
    else byCode.set(r.code, [r]);
  }
  for (const g of byCode.values()) {
    g.sort((a, b) => a.year - b.year);
    for (let i = 1; i + 1 < g.length; i++) {
      const [a, b, c] = [g[i - 1]!.rp?.value, g[i]!.rp?.value, g[i + 1]!.rp?.value];
      if (a == null || b == null || c == null || a <= 0 || c <= 0) continue;
      const agree = Math.abs(a - c) / Math.max(a, c) <= 0.1;
      const off = Math.abs(b - a) / a > 0.2 && Math.abs(b - c) / c > 0.2;
      if (agree && off)
        g[i]!.rp = {
          value: null,
          raw: String(b),
          mask: `résidences principales ${b} dans la série, contredites par les années voisines (${a} et ${c}) : valeur écartée`,
        };
    }
  }
}
