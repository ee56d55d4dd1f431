/**
 * Filosofi (INSEE): niveau de vie médian, taux de pauvreté au seuil de 60 %, rapport interdécile D9/D1.
 * See `OBSERVATOIRE_MIRROR/filosofi/PROVENANCE.md`.
 *
 * Readers:
 * - Filosofi 2023 (« Filosofi 2 »): the official long-format `DS_FILOSOFI_CC_2023_data.csv` (network) or,
 *   before it, the rouages.fr extracts `derived_rouages_<dep>-revenus_filosofi2023.json` (communes, the
 *   département, France métropolitaine);
 * - Filosofi 2021: the official commune files `FILO2021_DISP_COM.csv` and `FILO2021_DISP_PAUVRES_COM.csv` (network);
 * - Filosofi 2017–2020: the `COM…` sheet of the INSEE QPV workbooks `REVN_20xx.xlsx` (communes with a QPV only).
 *
 * Rates, medians and ratios are never computed above the commune (aggregation `producer`): only the
 * values INSEE publishes for a département, a région, an EPCI or France métropolitaine (`france`/`FM`) are loaded.
 */
import { z } from 'zod';
import type { Flag, Level } from '../../core/registry.js';
import { toCog2025 } from '../lib/communes.js';
import { findColumn, readCsvFile, type CsvTable } from '../lib/csv.js';
import { InputError } from '../lib/errors.js';
import { parseEntry, parseJson, readJsonText } from '../lib/json.js';
import { chooseObservations } from '../lib/tiers.js';
import { cellScalar, readSheet, type CellValue } from '../lib/xlsx.js';
import {
  emptyStats,
  reject,
  type ObservationRow,
  type Pipeline,
  type PipelineContext,
  type SourceStats,
  type TerritoryRow,
} from '../lib/pipeline.js';
import type { Resource } from '../lib/resources.js';
import { parseFrenchNumber, type Parsed } from '../lib/values.js';

export const MEDIANE = 'filosofi_niveau_vie_median';
export const TAUX = 'filosofi_taux_pauvrete';
export const D9D1 = 'filosofi_rapport_interdecile';

export const FRANCE_METRO: TerritoryRow = { level: 'france', code: 'FM', name: 'France métropolitaine' };

export const FILOSOFI_DEPS = ['75', '77', '78', '91', '92', '93', '94', '95', '13', '89'];

/** Priority tiers (lower wins for one indicator, territory and year). */
const TIER = { official: 0, rouages: 1, revn: 2 } as const;

export const SECRET_NOTE = 'secret statistique (valeur non diffusée par l’INSEE)';

/** `NOTE_FILO` codes of the REVN workbooks (sheet `Variables`). */
export const NOTE_FILO: Record<number, string> = {
  0: 'aucun problème particulier',
  1: 'fortes évolutions, précaution d’interprétation',
  2: 'non diffusé : fusion de communes',
  3: 'non diffusé : seuil de diffusion',
  4: 'non diffusé : mauvaise qualité de géoréférencement',
  5: 'non diffusé : anomalies repérées lors des contrôles de cohérence',
};

const INSEE_ZIP_2023 = 'https://www.insee.fr/fr/statistiques/fichier/8984752/FILOSOFI_CC_csv.zip';
const INSEE_ZIP_2021 =
  'https://www.insee.fr/fr/statistiques/fichier/7756855/indic-struct-distrib-revenu-2021-COMMUNES_csv.zip';

export interface RevnResource extends Resource {
  filosofiYear: number;
}

const revn = (file: string, filosofiYear: number, online: string): RevnResource => ({
  id: `filosofi-revn-${filosofiYear}`,
  family: 'filosofi',
  title: `Base QPV « Revenus » (${file}) — communes contenant un QPV, Filosofi ${filosofiYear}`,
  file,
  kind: 'official',
  vintage: `Filosofi ${filosofiYear} (revenus ${filosofiYear}), géographie au 01/01/${filosofiYear + 3}, mise en ligne le ${online}`,
  required: false,
  expect: 'xlsx',
  producer: 'INSEE (Filosofi : Insee-DGFiP-Cnaf-Cnav-CCMSA)',
  filosofiYear,
  notes:
    'Ne couvre que les communes contenant au moins un quartier prioritaire (QPV 2015) : 9 communes dans le 92. Les lignes CODGEO regroupant plusieurs communes (QPV à cheval sur des communes) sont écartées.',
});

export const REVN_RESOURCES: RevnResource[] = [
  revn('REVN_2021_V1.xlsx', 2017, '04/03/2021'),
  revn('REVN_2022.xlsx', 2018, '09/03/2022'),
  revn('REVN_2023.xlsx', 2019, '14/03/2023'),
  revn('REVN_2024.xlsx', 2020, '17/12/2024'),
];

export interface RouagesFilosofiResource extends Resource {
  dep: string;
}

export const FILOSOFI_ROUAGES_RESOURCES: RouagesFilosofiResource[] = FILOSOFI_DEPS.map((dep) => ({
  id: `filosofi-rouages-${dep}`,
  family: 'filosofi',
  title: `Filosofi 2023, communes du ${dep}, le département et la France métropolitaine (extrait rouages.fr de DS_FILOSOFI_CC)`,
  file: `derived_rouages_${dep}-revenus_filosofi2023.json`,
  kind: 'derived',
  vintage: 'Filosofi 2023 (revenus 2023)',
  required: false,
  dep,
  notes:
    'Valeurs officielles (médiane et taux de pauvreté) remises en forme par rouages.fr ; null = secret statistique.',
}));

export const FILOSOFI_OFFICIAL = {
  cc2023: {
    id: 'filosofi-cc-2023',
    family: 'filosofi',
    title: 'Filosofi 2023 — indicateurs de niveau de vie et de pauvreté (DS_FILOSOFI_CC, format long)',
    file: 'DS_FILOSOFI_CC_2023_data.csv',
    url: INSEE_ZIP_2023,
    zipMember: 'DS_FILOSOFI_CC_2023_data.csv',
    kind: 'official',
    vintage: 'Filosofi 2023 (revenus 2023)',
    required: false,
    expect: 'zip',
  },
  disp2021: {
    id: 'filosofi-2021-disp-com',
    family: 'filosofi',
    title: 'Filosofi 2021 — distribution des niveaux de vie, communes (FILO2021_DISP_COM)',
    file: 'FILO2021_DISP_COM.csv',
    url: INSEE_ZIP_2021,
    zipMember: 'FILO2021_DISP_COM.csv',
    kind: 'official',
    vintage: 'Filosofi 2021 (revenus 2021)',
    required: false,
    expect: 'zip',
  },
  pauvres2021: {
    id: 'filosofi-2021-disp-pauvres-com',
    family: 'filosofi',
    title: 'Filosofi 2021 — taux de pauvreté, communes (FILO2021_DISP_PAUVRES_COM)',
    file: 'FILO2021_DISP_PAUVRES_COM.csv',
    url: INSEE_ZIP_2021,
    zipMember: 'FILO2021_DISP_PAUVRES_COM.csv',
    kind: 'official',
    vintage: 'Filosofi 2021 (revenus 2021)',
    required: false,
    expect: 'zip',
  },
} satisfies Record<string, Resource>;

const ALL_RESOURCES: Resource[] = [
  FILOSOFI_OFFICIAL.cc2023,
  ...FILOSOFI_ROUAGES_RESOURCES,
  FILOSOFI_OFFICIAL.disp2021,
  FILOSOFI_OFFICIAL.pauvres2021,
  ...REVN_RESOURCES,
];

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

/** File lineages of Filosofi: the QPV workbooks, the 2021 files, Filosofi 2023 (official or extract). */
export function filosofiLineage(sourceId: string): string {
  if (sourceId.startsWith('filosofi-revn-')) return 'bases QPV « Revenus » (REVN)';
  if (sourceId.startsWith('filosofi-2021-')) return 'Filosofi 2021';
  return 'Filosofi 2023';
}

/**
 * One observation per indicator, territory and year, by the shared precedence rule (`lib/tiers.ts`):
 * the lowest tier wins, a published value beats a masked one, two files of one tier must agree (France
 * métropolitaine is repeated in every extract); flags (masked, series_break, suspect) are set there.
 */
export function chooseValues(values: FiloValue[]): ObservationRow[] {
  return chooseObservations(
    values.map((v) => ({
      tier: v.priority,
      row: {
        indicator: v.indicator,
        level: v.level,
        code: v.code,
        year: v.year,
        value: v.parsed.value,
        source_id: v.sourceId,
        flags: [...v.flags],
        note: v.parsed.value === null ? v.parsed.mask : (v.note ?? null),
      },
    })),
    { lineage: filosofiLineage },
  );
}

/**
 * The rapport interdécile exists at commune level only in the QPV workbooks (communes with a QPV) and
 * the Filosofi 2021 files. For its latest year, a commune that has other Filosofi values but no
 * D9/D1 gets an explicit masked row saying why, rather than silently nothing.
 */
export function explainMissingInterdecile(
  rows: ObservationRow[],
  sources: Map<string, Resource>,
): ObservationRow[] {
  const d9 = rows.filter((r) => r.indicator === D9D1 && r.level === 'commune');
  if (d9.length === 0) return [];
  const year = Math.max(...d9.map((r) => r.year));
  const latest = d9.filter((r) => r.year === year);
  const have = new Set(latest.map((r) => r.code));
  const src = sources.get(latest[0]!.source_id)!;
  const isRevn = REVN_RESOURCES.some((r) => r.id === src.id);
  const note = isRevn
    ? `rapport interdécile non publié pour cette commune en ${year} : la base INSEE des quartiers prioritaires (${src.file}) ne couvre que les communes contenant un QPV, et Filosofi 2023 ne publie pas ce rapport à l’échelle communale`
    : `commune absente de ${src.file} (rapport interdécile non publié)`;
  const covered = new Set(rows.filter((r) => r.level === 'commune').map((r) => r.code));
  return [...covered]
    .filter((code) => !have.has(code))
    .map((code) => ({
      indicator: D9D1,
      level: 'commune' as const,
      code,
      year,
      value: null,
      source_id: src.id,
      flags: ['masked'] as Flag[],
      note,
    }));
}

export const filosofiPipeline: Pipeline = {
  family: 'filosofi',
  resources: ALL_RESOURCES,
  async run(ctx, inputs) {
    const stats: Record<string, SourceStats> = {};
    const values: FiloValue[] = [];
    for (const res of ALL_RESOURCES) {
      const r = inputs.get(res.id);
      if (!r) continue;
      const st = (stats[r.id] = emptyStats());
      const rouages = FILOSOFI_ROUAGES_RESOURCES.find((x) => x.id === r.id);
      const revnRes = REVN_RESOURCES.find((x) => x.id === r.id);
      if (rouages) {
        values.push(...readRouagesFilosofiJson(readJsonText(r.path, r.file), { ...rouages, ...r }, ctx, st));
      } else if (revnRes) {
        const sheet = await readRevnSheet(r.path, r.file);
        values.push(...revnValues(sheet, { ...revnRes, ...r }, ctx, st));
      } else if (r.id === FILOSOFI_OFFICIAL.cc2023.id) {
        const table = readCsvFile(
          r.path,
          {
            encoding: 'utf-8',
            delimiter: ';',
            required: ['geo', 'geo_object', 'filosofi_measure', 'time_period', 'obs_value'],
          },
          r.file,
        );
        values.push(...readFilosofiCcCsv(table, r, ctx, st));
      } else {
        const table = readCsvFile(
          r.path,
          { encoding: 'utf-8', delimiter: ';', required: ['codgeo'] },
          r.file,
        );
        values.push(...readFiloCommunesCsv(table, r, ctx, st));
      }
    }
    const observations = chooseValues(values);
    const sources = new Map<string, Resource>(ALL_RESOURCES.map((r) => [r.id, r]));
    observations.push(...explainMissingInterdecile(observations, sources));
    const territories = observations.some((o) => o.level === 'france' && o.code === FRANCE_METRO.code)
      ? [FRANCE_METRO]
      : [];
    return { observations, territories, stats };
  },
};
