/** Readers of the four Filosofi layouts; each returns values before the choice between files. */
import { z } from 'zod';
import type { Flag, Level } from '../../core/registry.js';
import { toCog2025 } from '../lib/communes.js';
import { findColumn, type CsvTable } from '../lib/csv.js';
import { InputError } from '../lib/errors.js';
import { parseEntry, parseJson } from '../lib/json.js';
import { cellScalar, readSheet, type CellValue } from '../lib/xlsx.js';
import { reject, type PipelineContext, type SourceStats } from '../lib/pipeline.js';
import type { Resource } from '../lib/resources.js';
import { parseFrenchNumber, type Parsed } from '../lib/values.js';
import {
  D9D1,
  FRANCE_METRO,
  MEDIANE,
  NOTE_FILO,
  SECRET_NOTE,
  TAUX,
  TIER,
  type RevnResource,
  type RouagesFilosofiResource,
} from './resources.js';

/** One value read from a file, before the choice between files. */
export interface FiloValue {
  indicator: string;
  level: Level;
  code: string;
  year: number;
  parsed: Parsed;
  flags: Flag[];
  note?: string;
  sourceId: string;
  priority: number;
}

type Ctx = Pick<PipelineContext, 'territories'>;

const ARM_REASON = 'arrondissement municipal (un taux ne s’additionne pas ; la commune a sa propre valeur)';

/** A commune code of a rate file: only a current COG 2025 commune; a rate cannot be summed or moved. */
function communeForRate(raw: string, ctx: Ctx, st: SourceStats): string | undefined {
  const m = toCog2025(raw, ctx.territories);
  if (!m) reject(st, `code commune inconnu du COG 2025 (${raw})`);
  else if (m.via === 'arrondissement') reject(st, ARM_REASON);
  else if (m.via === 'successeur')
    reject(st, 'commune modifiée depuis (fusion ou changement de code) : taux non transposable au COG 2025');
  else return m.code;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// rouages.fr extracts of Filosofi 2023

const pair = z.tuple([z.number().nullable(), z.number().nullable()]);
const rouagesFile = z.object({
  maj: z.string(),
  millesime: z.number().int().min(2000).max(2100),
  metropole: pair,
  dep: pair,
  c: z.record(z.string(), z.unknown()),
});

/** `{maj, millesime, metropole: [MED_SL, PR_MD60], dep: [...], c: {code: [MED_SL, PR_MD60]}}`. */
export function readRouagesFilosofiJson(
  text: string,
  res: RouagesFilosofiResource,
  ctx: Ctx,
  st: SourceStats,
  priority: number = TIER.rouages,
): FiloValue[] {
  const data = parseJson(text, res.file, rouagesFile);
  const year = data.millesime;
  const out: FiloValue[] = [];
  const push = (level: Level, code: string, [med, tp]: [number | null, number | null]) => {
    const p = (v: number | null): Parsed => (v === null ? { value: null, mask: SECRET_NOTE } : { value: v });
    const base = { level, code, year, flags: ['derived'] as Flag[], sourceId: res.id, priority };
    out.push({ ...base, indicator: MEDIANE, parsed: p(med) }, { ...base, indicator: TAUX, parsed: p(tp) });
  };
  st.rows_read += 2;
  if (!ctx.territories.departements.has(res.dep))
    throw new InputError({ file: res.file }, `département ${res.dep} inconnu du COG 2025`);
  push('france', FRANCE_METRO.code, data.metropole);
  push('departement', res.dep, data.dep);
  st.rows_kept += 2;
  for (const [raw, entry] of Object.entries(data.c)) {
    st.rows_read++;
    const v = parseEntry(entry, res.file, `c.${raw}`, pair);
    const code = communeForRate(raw, ctx, st);
    if (!code) continue;
    push('commune', code, v);
    st.rows_kept++;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// REVN workbooks (INSEE QPV database, « Fiche Revenus »)

const REVN_HEADER_ROW = 6;
const REVN_COLUMNS = { DISP_Q2: MEDIANE, TP60: TAUX, DISP_D1D9: D9D1 } as const;

export interface RevnSheet {
  file: string;
  sheet: string;
  /** Text of rows 1–5 (titles), by row number. */
  titles: Map<number, string>;
  /** Variable codes on row 6 → 1-based column index. */
  header: Map<string, number>;
  rows: { line: number; values: CellValue[] }[];
}

/** Reads the `COM…` sheet of a REVN workbook (codes on row 6) with the streaming sheet reader. */
export async function readRevnSheet(path: string, file: string): Promise<RevnSheet> {
  const rows = await readSheet(path, file, {
    match: (name) => /^COM(_\d{4})?$/i.test(name),
    headerRow: REVN_HEADER_ROW,
    describe: 'feuille des communes (« COM » ou « COM_AAAA »)',
  });
  const header = new Map([...rows.header].map(([col, text]) => [text.toUpperCase(), col]));
  return { file, sheet: rows.sheet, titles: rows.titles, header, rows: rows.rows };
}

/** Turns the `COM…` sheet into Filosofi values (`DISP_Q2`, `TP60`, `DISP_D1D9`; masks explained by `NOTE_FILO`). */
export function revnValues(
  sheet: RevnSheet,
  res: RevnResource,
  ctx: Ctx,
  st: SourceStats,
  priority: number = TIER.revn,
): FiloValue[] {
  const file = `${sheet.file} (feuille ${sheet.sheet})`;
  const need = ['CODGEO', 'NOTE_FILO', ...Object.keys(REVN_COLUMNS)];
  const missing = need.filter((c) => !sheet.header.has(c));
  if (missing.length)
    throw new InputError(
      { file, line: REVN_HEADER_ROW },
      `disposition inconnue : codes de variables attendus en ligne ${REVN_HEADER_ROW} (${missing.join(', ')} manquant(s))`,
    );
  // The workbook states its communal geography; Filosofi year = geography year − 3 in every REVN file.
  const geo = /01\/01\/(\d{4})/.exec(sheet.titles.get(3) ?? '');
  if (geo && Number(geo[1]) - 3 !== res.filosofiYear)
    throw new InputError(
      { file, line: 3 },
      `géographie au 01/01/${geo[1]} : ce classeur ne correspond pas à Filosofi ${res.filosofiYear} déclaré pour ${res.id}`,
    );
  const col = (c: string) => sheet.header.get(c)!;
  const seen = new Set<string>();
  const merged = new Map<string, string[]>();
  const out: FiloValue[] = [];
  for (const row of sheet.rows) {
    const rawCode = cellScalar(row.values[col('CODGEO')]);
    if (rawCode === null || String(rawCode).trim() === '') {
      if (row.values.every((v) => cellScalar(v) === null || String(cellScalar(v)).trim() === '')) continue;
      throw new InputError({ file, line: row.line, column: 'CODGEO' }, 'code géographique vide');
    }
    st.rows_read++;
    const raw = typeof rawCode === 'number' ? String(rawCode).padStart(5, '0') : rawCode.trim();
    if (seen.has(raw))
      throw new InputError({ file, line: row.line, column: 'CODGEO' }, `commune ${raw} en double`);
    seen.add(raw);
    if (raw.length >= 10 && /^[0-9AB]+$/.test(raw)) {
      reject(st, 'CODGEO regroupant plusieurs communes (QPV à cheval) : pas une commune');
      continue;
    }
    if (!/^[0-9][0-9AB]\d{3}$/.test(raw))
      throw new InputError({ file, line: row.line, column: 'CODGEO' }, `code commune inattendu « ${raw} »`);
    const code = communeForRate(raw, ctx, st);
    if (!code) {
      const m = toCog2025(raw, ctx.territories);
      if (m?.via === 'successeur') merged.set(m.code, [...(merged.get(m.code) ?? []), raw]);
      continue;
    }
    const noteRaw = cellScalar(row.values[col('NOTE_FILO')]);
    let note: number | null = null;
    if (noteRaw !== null && String(noteRaw).trim() !== '') {
      note = Number(String(noteRaw).trim());
      if (!(note in NOTE_FILO))
        throw new InputError(
          { file, line: row.line, column: 'NOTE_FILO' },
          `code de note 0 à 5 attendu, trouvé « ${noteRaw} »`,
        );
    }
    for (const [column, indicator] of Object.entries(REVN_COLUMNS)) {
      const loc = { file, line: row.line, column };
      const v = cellScalar(row.values[col(column)]);
      let parsed: Parsed;
      if (v === null || (typeof v === 'string' && v.trim() === '')) {
        parsed = {
          value: null,
          mask:
            note !== null && note >= 2
              ? `non diffusé par l’INSEE (NOTE_FILO ${note} : ${NOTE_FILO[note]})`
              : `non diffusé par l’INSEE (cellule vide ; NOTE_FILO ${note ?? 'absent'} : aucune raison précisée)`,
        };
      } else if (typeof v === 'number') {
        if (!Number.isFinite(v)) throw new InputError(loc, `nombre attendu, trouvé « ${v} »`);
        parsed = { value: v };
      } else parsed = parseFrenchNumber(v, loc);
      out.push({
        indicator,
        level: 'commune',
        code,
        year: res.filosofiYear,
        parsed,
        flags: [],
        note: note === 1 && parsed.value !== null ? `NOTE_FILO 1 : ${NOTE_FILO[1]}` : undefined,
        sourceId: res.id,
        priority,
      });
    }
    st.rows_kept++;
  }
  // A commune that absorbed another commune of the sheet since: its value covers the old territory only.
  for (const v of out) {
    const parts = merged.get(v.code);
    if (!parts || v.parsed.value === null) continue;
    const why = `territoire d’avant la fusion avec ${parts.join(', ')} (géographie du classeur) : ne couvre pas toute la commune actuelle`;
    v.note = v.note ? `${v.note} ; ${why}` : why;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// DS_FILOSOFI_CC (Filosofi 2023, long format)

const CC_MEASURES: Record<string, string> = { MED_SL: MEDIANE, PR_MD60: TAUX, IR_D9_D1_SL: D9D1 };
/** First year of « Filosofi 2 »: earlier periods in this file are not loaded (other method, other readers). */
const FILOSOFI2_FIRST_YEAR = 2023;

export function readFilosofiCcCsv(
  table: CsvTable,
  res: Resource,
  ctx: Ctx,
  st: SourceStats,
  priority: number = TIER.official,
): FiloValue[] {
  const epcis = new Set<string>();
  const regions = new Set<string>();
  for (const c of ctx.territories.communes.values()) {
    if (c.epci) epcis.add(c.epci);
    regions.add(c.region);
  }
  const hasObsStatus = table.columns.has('obs_status');
  const hasConf = table.columns.has('conf_status');
  const seen = new Set<string>();
  const out: FiloValue[] = [];
  for (const row of table.rows) {
    st.rows_read++;
    const loc = (column: string) => ({ file: table.file, line: row.line, column });
    const measure = row.get('filosofi_measure').trim();
    const obj = row.get('geo_object').trim().toUpperCase();
    const geo = row.get('geo').trim();
    const period = row.get('time_period').trim();
    if (!/^\d{4}$/.test(period))
      throw new InputError(loc('TIME_PERIOD'), `année AAAA attendue, trouvé « ${period} »`);
    const key = `${obj}|${geo}|${measure}|${period}`;
    if (seen.has(key)) throw new InputError(loc('GEO'), `${obj} ${geo} en double pour ${measure} ${period}`);
    seen.add(key);
    const indicator = CC_MEASURES[measure];
    if (!indicator) {
      reject(st, 'mesure non retenue');
      continue;
    }
    const year = Number(period);
    if (year < FILOSOFI2_FIRST_YEAR) {
      reject(st, `millésime antérieur à Filosofi 2 (${period}), non chargé depuis ce fichier`);
      continue;
    }
    let level: Level;
    let code: string | undefined = geo;
    if (obj === 'COM' || obj === 'ARM') {
      level = 'commune';
      code = communeForRate(geo, ctx, st);
      if (!code) continue;
      if (obj === 'ARM') {
        reject(st, ARM_REASON);
        continue;
      }
    } else if (obj === 'DEP' && ctx.territories.departements.has(geo)) level = 'departement';
    else if (obj === 'REG' && regions.has(geo)) level = 'region';
    else if (obj === 'EPCI' && epcis.has(geo)) level = 'epci';
    else if (obj === 'FRANCE' && geo === 'FM') level = 'france';
    else {
      reject(
        st,
        ['COM', 'DEP', 'REG', 'EPCI', 'FRANCE'].includes(obj)
          ? `territoire ${obj} inconnu du COG 2025`
          : `niveau géographique non chargé (${obj})`,
      );
      continue;
    }
    let parsed: Parsed;
    const conf = hasConf ? row.get('conf_status').trim().toUpperCase() : '';
    const status = hasObsStatus ? row.get('obs_status').trim().toUpperCase() : '';
    if (conf === 'C') parsed = { value: null, mask: `${SECRET_NOTE} (CONF_STATUS C)` };
    else {
      parsed = parseFrenchNumber(row.get('obs_value'), loc('OBS_VALUE'));
      if (parsed.value === null && status === 'O')
        parsed = { value: null, mask: 'valeur manquante (OBS_STATUS O)' };
    }
    out.push({ indicator, level, code, year, parsed, flags: [], sourceId: res.id, priority });
    st.rows_kept++;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Filosofi 2021 commune files (FILO2021_DISP_COM.csv, FILO2021_DISP_PAUVRES_COM.csv)

const FILO_COLUMNS: [RegExp, string][] = [
  [/^q2(\d{2})$/, MEDIANE],
  [/^rd(\d{2})$/, D9D1],
  [/^tp60(\d{2})$/, TAUX],
];

export function readFiloCommunesCsv(
  table: CsvTable,
  res: Resource,
  ctx: Ctx,
  st: SourceStats,
  priority: number = TIER.official,
): FiloValue[] {
  const measures: { column: string; indicator: string; year: number }[] = [];
  for (const [re, indicator] of FILO_COLUMNS) {
    const column = findColumn(table.columns, re);
    if (column) measures.push({ column, indicator, year: 2000 + Number(re.exec(column)![1]) });
  }
  if (measures.length === 0)
    throw new InputError(
      { file: table.file, line: table.headerLine },
      'disposition inconnue : aucune colonne Q2AA (médiane), RDAA (D9/D1) ou TP60AA (taux de pauvreté)',
    );
  const seen = new Set<string>();
  const out: FiloValue[] = [];
  for (const row of table.rows) {
    st.rows_read++;
    const raw = row.get('codgeo').trim();
    const header = (c: string) => table.header[table.columns.get(c)!] ?? c;
    if (seen.has(raw))
      throw new InputError(
        { file: table.file, line: row.line, column: header('codgeo') },
        `commune ${raw} en double`,
      );
    seen.add(raw);
    const code = communeForRate(raw, ctx, st);
    if (!code) continue;
    for (const m of measures) {
      const loc = { file: table.file, line: row.line, column: header(m.column) };
      const parsed = parseFrenchNumber(row.get(m.column), loc);
      out.push({
        indicator: m.indicator,
        level: 'commune',
        code,
        year: m.year,
        parsed,
        flags: [],
        sourceId: res.id,
        priority,
      });
    }
    st.rows_kept++;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
