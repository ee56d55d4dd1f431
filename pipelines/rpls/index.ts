/**
 * RPLS (SDES): parc locatif social des bailleurs sociaux, par commune. See
 * `OBSERVATOIRE_MIRROR/rpls/PROVENANCE.md`.
 *
 * Readers, by priority when two of them give the same indicator, commune and year:
 * 1. the official « résultats RPLS » workbooks 2020–2024 (network mode, optional): columns of the
 *    workbook's own year (`nb_ls`, `nb_loues`, `nb_vacants`, `nb_ls_plai`, `tx_vac`, `tx_mob`, `loymoy`)
 *    of the `COMMUNES` sheet (technical names on row 6, data from row 7);
 * 2. the 10-column extract of the 2024 `COMMUNES` sheet (`export_parc_logements_sociaux_jan_2024.csv`);
 * 3. the back series of the workbooks (`nb_ls2013`…, `tx_vac_2013`…, `tx_mob_…`, `loymoy_…`) for earlier
 *    years, the newest workbook first. A back-series name that appears twice on row 6 (the 2024
 *    workbook has two `nb_ls2023` and two `loymoy_2023`) is ambiguous: that year is not read from it.
 * Plus a derived département file (average rent only) loaded at level département / France.
 *
 * Counts are summed when several source codes map to one COG 2025 commune (Paris, Lyon, Marseille
 * arrondissements; merged communes). Rates and rents are producer values: they are never recomputed,
 * so they are missing (with the reason) for a commune published only by arrondissement.
 */
import type { Flag } from '../../core/registry.js';
import { chooseObservations, setFlags, type Candidate } from '../lib/tiers.js';
import { toCog2025, type CodeMatch } from '../lib/communes.js';
import { findColumn, readCsvFile } from '../lib/csv.js';
import { InputError, type Location } from '../lib/errors.js';
import { cellError, cellScalar, cellText, readSheet, type CellValue } from '../lib/xlsx.js';
import {
  emptyStats,
  reject,
  type ObservationRow,
  type Pipeline,
  type PipelineContext,
  type SourceStats,
} from '../lib/pipeline.js';
import type { Resource, ResolvedResource } from '../lib/resources.js';
import { parseFrenchNumber, type Parsed } from '../lib/values.js';

const SDES = 'https://www.statistiques.developpement-durable.gouv.fr/media';

/** Column fields read from the RPLS `COMMUNES` sheet and the indicator each one feeds. */
export type Field = 'nb_ls' | 'nb_loues' | 'nb_vacants' | 'nb_ls_plai' | 'tx_vac' | 'tx_mob' | 'loymoy';
export const FIELDS: Record<Field, { indicator: string; count: boolean }> = {
  nb_ls: { indicator: 'rpls_parc_social', count: true },
  nb_loues: { indicator: 'rpls_loues', count: true },
  nb_vacants: { indicator: 'rpls_vacants', count: true },
  nb_ls_plai: { indicator: 'rpls_plai', count: true },
  tx_vac: { indicator: 'rpls_taux_vacance', count: false },
  tx_mob: { indicator: 'rpls_taux_mobilite', count: false },
  loymoy: { indicator: 'rpls_loyer_moyen_m2', count: false },
};
const BACK_SERIES: { field: Field; re: RegExp }[] = [
  { field: 'nb_ls', re: /^nb_ls_?(\d{4})$/ },
  { field: 'tx_vac', re: /^tx_vac_(\d{4})$/ },
  { field: 'tx_mob', re: /^tx_mob_(\d{4})$/ },
  { field: 'loymoy', re: /^loymoy_(\d{4})$/ },
];

const workbook = (year: number, media: number, file: string, mb: string): Resource => ({
  id: `rpls-resultats-${year}`,
  family: 'rpls',
  title: `Résultats RPLS au 1er janvier ${year} — classeur national (feuille COMMUNES)`,
  file,
  url: `${SDES}/${media}/download`,
  kind: 'official',
  vintage: `parc au 1er janvier ${year} (séries communales depuis 2013)`,
  required: false,
  expect: 'xlsx',
  producer: 'SDES',
  notes: `Classeur officiel (${mb}) ; seule la feuille COMMUNES est lue : noms techniques en ligne 6, données à partir de la ligne 7.`,
});

export const RPLS_WORKBOOKS: Resource[] = [
  workbook(2024, 7970, 'resultats_rpls_2024_v4.xlsx', '31,6 Mo'),
  workbook(2023, 6897, 'rpls_2023_resultats.xlsx', '19,7 Mo'),
  workbook(2022, 6006, 'resultats_rpls_2022.xlsx', '20,0 Mo'),
  workbook(2021, 4997, 'resultats_rpls_2021_0.xlsx', '19,8 Mo'),
  workbook(2020, 4096, 'resultats_rpls_2020_0.xlsx', '18,6 Mo'),
];

export const RPLS_EXTRACT: Resource = {
  id: 'rpls-communes-2024-extrait',
  family: 'rpls',
  title: 'Parc locatif social au 1er janvier 2024 par commune — extrait du classeur RPLS 2024 (10 colonnes)',
  file: 'export_parc_logements_sociaux_jan_2024.csv',
  kind: 'official',
  vintage: 'parc au 1er janvier 2024',
  required: false,
  producer: 'SDES',
  notes:
    'Extrait des 10 premières colonnes de la feuille COMMUNES du classeur officiel RPLS 2024 (DEPCOM_ARM, libellés, nb_loues, nb_vacants, nb_vides, nb_asso, nb_occup_finan, nb_occup_temp, nb_ls), valeurs inchangées, copié du dépôt dataforgoodfr/13_odis : ni taux de vacance ou de mobilité, ni loyers, ni financements. Cellules vides (petites communes) lues comme valeurs absentes, jamais 0.',
};

export const RPLS_DEPARTEMENTS_DERIVED: Resource = {
  id: 'rpls-departements-derive',
  family: 'rpls',
  title: 'Indicateurs RPLS par département (extrait retraité, libellés en anglais)',
  file: 'derived_RPLS_departements_2022_en.csv',
  kind: 'derived',
  vintage: 'parc au 1er janvier 2023 (le nom du fichier dit 2022)',
  required: false,
  producer: 'SDES (valeurs), remises en forme par un tiers',
  licence: 'Licence Ouverte 2.0 pour les données SDES ; dépôt tiers sans licence déclarée',
  notes:
    'Fichier du dépôt ananmaysharan/sru-project, sans source citée ; contenu conforme aux chiffres clés départementaux RPLS. Date vérifiée le 6 décembre 2026 : RPLS au 1er janvier 2023 (loyer moyen France 6,27 €/m², chiffre du SDES au 1er janvier 2023 ; 6,05 €/m² au 1er janvier 2022), malgré le « 2022 » du nom. Seul le loyer moyen (€/m²) est chargé ; les lignes P et M (agrégats métropolitains) sont écartées.',
};

export const RPLS_RESOURCES: Resource[] = [...RPLS_WORKBOOKS, RPLS_EXTRACT, RPLS_DEPARTEMENTS_DERIVED];

/** One source cell for one COG 2025 commune: several parts when arrondissements or merged communes. */
interface Acc {
  field: Field;
  code: string;
  year: number;
  parts: { raw: string; via: CodeMatch['via']; p: Parsed }[];
  sourceId: string;
  /** Lower wins. */
  priority: number;
  flags: Flag[];
}

/** Collects cells of one source file, keyed by field, COG 2025 code and year. */
export class Collector {
  readonly accs = new Map<string, Acc>();
  constructor(
    readonly sourceId: string,
    readonly file: string,
    readonly flags: Flag[] = [],
  ) {}
  add(field: Field, m: CodeMatch, raw: string, year: number, p: Parsed, priority: number): void {
    const key = `${field}|${m.code}|${year}`;
    let acc = this.accs.get(key);
    if (!acc) {
      acc = { field, code: m.code, year, parts: [], sourceId: this.sourceId, priority, flags: this.flags };
      this.accs.set(key, acc);
    }
    acc.parts.push({ raw, via: m.via, p });
    const vias = new Set(acc.parts.map((x) => x.via));
    if (vias.has('cog2025') && vias.has('arrondissement'))
      throw new InputError(
        { file: this.file },
        `commune ${m.code} présente à la fois sous son code et par arrondissement (${acc.parts.map((x) => x.raw).join(', ')}) : double compte`,
      );
  }
}

const PRIORITY_MAIN = 0;
const PRIORITY_EXTRACT = 1;
const backSeriesPriority = (workbookYear: number) => 100 + (3000 - workbookYear);

/** Turns the parts of one cell into a value, or a missing value with its reason. */
export function resolveAcc(acc: Acc): { p: Parsed; note: string | null } {
  const { parts } = acc;
  const first = parts[0]!;
  const grouped = parts.length > 1 || first.via === 'arrondissement';
  if (!grouped) {
    return {
      p: first.p,
      note:
        first.via === 'successeur'
          ? `code ${first.raw} de la source rattaché à ${acc.code} (COG 2025)`
          : null,
    };
  }
  const arr = parts.every((x) => x.via === 'arrondissement');
  const what = arr
    ? `${parts.length} arrondissements municipaux`
    : `communes ${parts.map((x) => x.raw).join(', ')} regroupées au COG 2025`;
  if (!FIELDS[acc.field].count) {
    return {
      p: {
        value: null,
        mask: `publié séparément pour les ${what} : un ${acc.field === 'loymoy' ? 'loyer moyen' : 'taux'} ne s’additionne pas, non recalculable pour la commune`,
      },
      note: null,
    };
  }
  const missing = parts.filter((x) => x.p.value === null);
  if (missing.length) {
    return {
      p: {
        value: null,
        mask: `somme non calculable : valeur absente pour ${missing.map((x) => x.raw).join(', ')} (${missing[0]!.p.mask}) parmi les ${what}`,
      },
      note: null,
    };
  }
  return {
    p: { value: parts.reduce((a, x) => a + x.p.value!, 0) },
    note: `somme des ${what}`,
  };
}

/** Observations of one collector, including the PLAI share computed within the same source. */
export function collectorObservations(c: Collector): Candidate[] {
  const out: Candidate[] = [];
  const resolved = new Map<string, { p: Parsed; priority: number }>();
  for (const acc of c.accs.values()) {
    const { p, note } = resolveAcc(acc);
    resolved.set(`${acc.field}|${acc.code}|${acc.year}`, { p, priority: acc.priority });
    out.push({ row: makeRow(FIELDS[acc.field].indicator, acc, p, note), tier: acc.priority });
  }
  for (const acc of c.accs.values()) {
    if (acc.field !== 'nb_ls_plai') continue;
    const plai = resolved.get(`nb_ls_plai|${acc.code}|${acc.year}`)!.p;
    const ls = resolved.get(`nb_ls|${acc.code}|${acc.year}`)?.p;
    let p: Parsed;
    let num: number | null = null;
    let den: number | null = null;
    if (!ls) p = { value: null, mask: 'parc social absent de la source pour cette année' };
    else if (plai.value === null || ls.value === null)
      p = { value: null, mask: `non calculable : ${plai.value === null ? plai.mask : ls.mask}` };
    else if (ls.value === 0) p = { value: null, mask: 'non calculable : aucun logement social' };
    else {
      num = plai.value;
      den = ls.value;
      p = { value: (100 * num) / den };
    }
    const row = makeRow('rpls_part_plai', acc, p, null);
    row.numerator = num;
    row.denominator = den;
    out.push({ row, tier: acc.priority });
  }
  return out;
}

/** A row before the shared flags (`lib/tiers.ts` sets masked, series_break and suspect). */
function makeRow(indicator: string, acc: Acc, p: Parsed, note: string | null): ObservationRow {
  return {
    indicator,
    level: 'commune',
    code: acc.code,
    year: acc.year,
    value: p.value,
    source_id: acc.sourceId,
    flags: [...acc.flags],
    note: p.value === null ? p.mask : note,
  };
}

type CodeResult = { kind: 'ok'; raw: string; m: CodeMatch } | { kind: 'unknown'; raw: string };

function matchCode(raw: string, ctx: Pick<PipelineContext, 'territories'>): CodeResult {
  const m = toCog2025(raw, ctx.territories);
  return m ? { kind: 'ok', raw, m } : { kind: 'unknown', raw };
}

const COMMUNE_CODE = /^(\d{5}|2[AB]\d{3})$/;

/** Reads the 10-column CSV extract of the 2024 COMMUNES sheet. */
export function readExtractCsv(
  path: string,
  res: Resource,
  ctx: Pick<PipelineContext, 'territories'>,
  st: SourceStats,
  year = 2024,
): Collector {
  const table = readCsvFile(
    path,
    { encoding: 'utf-8', delimiter: ',', required: ['depcom_arm', 'nb_ls', 'nb_loues', 'nb_vacants'] },
    res.file,
  );
  const c = new Collector(res.id, res.file, res.kind === 'derived' ? ['derived'] : []);
  const seen = new Map<string, number>();
  for (const row of table.rows) {
    st.rows_read++;
    const loc = (column: string): Location => ({
      file: table.file,
      line: row.line,
      column: table.header[table.columns.get(column)!] ?? column,
    });
    const raw = row.get('depcom_arm').trim();
    if (!COMMUNE_CODE.test(raw))
      throw new InputError(loc('depcom_arm'), `code commune attendu, trouvé « ${raw} »`);
    if (seen.has(raw))
      throw new InputError(loc('depcom_arm'), `commune ${raw} en double (déjà ligne ${seen.get(raw)})`);
    seen.set(raw, row.line);
    // Parse every count before mapping the code: bad text is an error even for an unknown commune.
    const values = (['nb_ls', 'nb_loues', 'nb_vacants'] as const).map(
      (f) => [f, parseFrenchNumber(row.get(f), loc(f), { integer: true })] as const,
    );
    const code = matchCode(raw, ctx);
    if (code.kind === 'unknown') {
      reject(st, `code commune inconnu du COG 2025 (${raw})`);
      continue;
    }
    for (const [f, p] of values) c.add(f, code.m, raw, year, p, PRIORITY_EXTRACT);
    st.rows_kept++;
  }
  return c;
}

/** A cell of an exceljs row as a number, text, or a documented missing value. */
function parseCell(v: CellValue, loc: Location, count: boolean): Parsed {
  const error = cellError(v);
  if (error) return { value: null, mask: `erreur dans le classeur du producteur (${error})` };
  if (v instanceof Date) throw new InputError(loc, 'date trouvée là où un nombre est attendu');
  const s = cellScalar(v);
  if (typeof s === 'number') {
    if (!Number.isFinite(s)) throw new InputError(loc, `nombre attendu, trouvé « ${s} »`);
    if (count && !Number.isInteger(s)) throw new InputError(loc, `effectif entier attendu, trouvé « ${s} »`);
    return { value: s };
  }
  return parseFrenchNumber(s ?? '', loc, { integer: count });
}

export const HEADER_ROW = 6;

export interface WorkbookSheet {
  file: string;
  /** Technical names of row 6 (lower case), by 1-based column number. */
  names: Map<number, string>;
  rows: { line: number; values: CellValue[] }[];
}

/** Streams the `COMMUNES` sheet of an RPLS results workbook: names of row 6, data rows below. */
export async function readCommunesSheet(path: string, file: string): Promise<WorkbookSheet> {
  const rows = await readSheet(path, file, {
    match: (name) => name.toUpperCase() === 'COMMUNES',
    headerRow: HEADER_ROW,
    describe: 'feuille « COMMUNES » (mise en page du classeur RPLS)',
  });
  const names = new Map([...rows.header].map(([col, text]) => [col, text.toLowerCase()]));
  const sheet: WorkbookSheet = { file: `${file} (feuille COMMUNES)`, names, rows: rows.rows };
  const have = new Set(sheet.names.values());
  const missing = ['depcom_arm', 'nb_ls'].filter((n) => !have.has(n));
  if (missing.length)
    throw new InputError(
      { file: sheet.file, line: HEADER_ROW },
      `noms techniques attendus en ligne ${HEADER_ROW} introuvables (${missing.join(', ')}) : mise en page inconnue du classeur RPLS (noms trouvés : ${[...have].slice(0, 8).join(', ') || 'aucun'})`,
    );
  return sheet;
}

/**
 * Reads one workbook's COMMUNES sheet: the columns of its own year and the back series of earlier
 * years. Returns the collector and notes on what was not read.
 */
export function workbookRecords(
  sheet: WorkbookSheet,
  res: Resource,
  workbookYear: number,
  ctx: Pick<PipelineContext, 'territories'>,
  st: SourceStats,
): Collector {
  const c = new Collector(res.id, res.file, res.kind === 'derived' ? ['derived'] : []);
  const notes = (st.notes ??= []);
  // Column of each (field, year); names present twice are ambiguous.
  const count = new Map<string, number>();
  for (const n of sheet.names.values()) count.set(n, (count.get(n) ?? 0) + 1);
  const colOf = new Map<string, number>();
  for (const [i, n] of sheet.names) if (!colOf.has(n)) colOf.set(n, i);
  for (const key of ['depcom_arm', 'nb_ls'])
    if (count.get(key)! > 1)
      throw new InputError(
        { file: sheet.file, line: HEADER_ROW, column: key },
        'nom technique présent deux fois en ligne 6 : mise en page inconnue',
      );
  const columns: { field: Field; year: number; col: number; name: string; priority: number }[] = [];
  for (const field of Object.keys(FIELDS) as Field[]) {
    const col = colOf.get(field);
    if (col === undefined) continue;
    if (count.get(field)! > 1) {
      notes.push(`colonne « ${field} » présente deux fois : non lue.`);
      continue;
    }
    columns.push({ field, year: workbookYear, col, name: field, priority: PRIORITY_MAIN });
  }
  const ambiguous: string[] = [];
  for (const [name, col] of colOf) {
    for (const { field, re } of BACK_SERIES) {
      const m = re.exec(name);
      if (!m) continue;
      const year = Number(m[1]);
      if (year >= workbookYear || year < 2000) continue;
      if (count.get(name)! > 1) {
        ambiguous.push(name);
        continue;
      }
      columns.push({ field, year, col, name, priority: backSeriesPriority(workbookYear) });
    }
  }
  if (ambiguous.length)
    notes.push(
      `Colonnes présentes deux fois en ligne 6, sens non établi, non lues : ${ambiguous.sort().join(', ')}.`,
    );
  const codeCol = colOf.get('depcom_arm')!;
  const seen = new Map<string, number>();
  const rateMax = new Map<string, { max: number; n: number }>();
  for (const row of sheet.rows) {
    const rawCell = row.values[codeCol];
    const raw =
      typeof rawCell === 'number' ? String(Math.trunc(rawCell)).padStart(5, '0') : cellText(rawCell);
    const hasData = columns.some((k) => cellText(row.values[k.col]) !== '');
    if (raw === '' && !hasData) continue;
    st.rows_read++;
    const loc = (column: string): Location => ({ file: sheet.file, line: row.line, column });
    if (!COMMUNE_CODE.test(raw)) {
      if (!hasData) {
        reject(st, 'ligne sans code commune ni valeur (note de bas de tableau)');
        continue;
      }
      throw new InputError(loc('DEPCOM_ARM'), `code commune attendu, trouvé « ${raw} »`);
    }
    if (seen.has(raw))
      throw new InputError(loc('DEPCOM_ARM'), `commune ${raw} en double (déjà ligne ${seen.get(raw)})`);
    seen.set(raw, row.line);
    const parsed = columns.map((k) => ({
      k,
      p: parseCell(row.values[k.col], loc(k.name), FIELDS[k.field].count),
    }));
    for (const { k, p } of parsed) {
      if ((k.field === 'tx_vac' || k.field === 'tx_mob') && p.value !== null) {
        const r = rateMax.get(k.name) ?? { max: -Infinity, n: 0 };
        r.max = Math.max(r.max, p.value);
        r.n++;
        rateMax.set(k.name, r);
      }
    }
    const code = matchCode(raw, ctx);
    if (code.kind === 'unknown') {
      reject(st, `code commune inconnu du COG 2025 (${raw})`);
      continue;
    }
    for (const { k, p } of parsed) c.add(k.field, code.m, raw, k.year, p, k.priority);
    st.rows_kept++;
  }
  // Rates must be percentages: a whole national column within [0, 1] means fractions, an unknown layout.
  for (const [name, r] of rateMax)
    if (r.n >= 50 && r.max <= 1)
      throw new InputError(
        { file: sheet.file, column: name },
        `les ${r.n} taux de la colonne sont tous compris entre 0 et 1 : fractions au lieu de pourcentages, mise en page inconnue du classeur RPLS`,
      );
  return c;
}

/** English number as in the derived file: `"1,263"` (thousands), `8.60` (decimal point). */
export function parseEnglishNumber(raw: string, loc: Location): Parsed {
  const t = raw.trim();
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) return parseFrenchNumber(t.replace(/,/g, ''), loc);
  if (t.includes(','))
    throw new InputError(
      loc,
      `nombre au format anglais attendu (ex. « 1,263 » ou « 8.60 »), trouvé « ${t} »`,
    );
  return parseFrenchNumber(t, loc);
}

/**
 * The file is named « 2022 » but holds RPLS at 1 January 2023 (checked 2026-12-06: its France row, 6.27
 * €/m², is the SDES « loyer moyen au 1er janvier 2023 »; the SDES gives 6.05 €/m² at 1 January 2022).
 */
const DERIVED_YEAR = 2023;
const DERIVED_NOTE =
  'Copie retraitée des chiffres clés départementaux RPLS au 1er janvier 2023 (le nom du fichier dit 2022 ; date vérifiée : loyer moyen France 6,27 €/m², chiffre publié par le SDES au 1er janvier 2023). Loyers du côté « après » la rupture de série de 2023.';

/** The derived département file: average rent per département and France (row `F`). */
export function readDepartementsCsv(
  path: string,
  res: Resource,
  ctx: Pick<PipelineContext, 'territories'>,
  st: SourceStats,
): ObservationRow[] {
  const table = readCsvFile(
    path,
    { encoding: 'utf-8', delimiter: ',', required: [/^average_rent/, /^number_of_social_housing/] },
    res.file,
  );
  const cRent = findColumn(table.columns, /^average_rent/)!;
  const cDensity = findColumn(table.columns, /^number_of_social_housing/)!;
  const out: ObservationRow[] = [];
  const seen = new Map<string, number>();
  for (const row of table.rows) {
    st.rows_read++;
    const loc = (column: string): Location => ({
      file: table.file,
      line: row.line,
      column: table.header[table.columns.get(column)!] || column,
    });
    const raw = (row.raw[0] ?? '').trim();
    if (seen.has(raw))
      throw new InputError(
        { file: table.file, line: row.line, column: 'code (1re colonne)' },
        `territoire ${raw} en double (déjà ligne ${seen.get(raw)})`,
      );
    seen.set(raw, row.line);
    // Both numeric columns are parsed: a shifted or corrupted row fails even where nothing is loaded.
    parseEnglishNumber(row.get(cDensity), loc(cDensity));
    const rent = parseEnglishNumber(row.get(cRent), loc(cRent));
    let level: 'departement' | 'france';
    let code: string;
    if (raw === 'F') {
      level = 'france';
      code = 'FR';
    } else if (raw === 'P' || raw === 'M') {
      reject(
        st,
        'ligne P ou M (France métropolitaine, hors Île-de-France ou non) : pas de territoire correspondant',
      );
      continue;
    } else if (ctx.territories.departements.has(raw)) {
      level = 'departement';
      code = raw;
    } else {
      reject(st, `code département inconnu (${raw})`);
      continue;
    }
    out.push({
      indicator: 'rpls_loyer_moyen_m2',
      level,
      code,
      year: DERIVED_YEAR,
      value: rent.value,
      source_id: res.id,
      flags: ['derived'],
      note: rent.value === null ? rent.mask : DERIVED_NOTE,
    });
    st.rows_kept++;
  }
  return out;
}

function workbookYearOf(res: Resource): number {
  return Number(/^rpls-resultats-(\d{4})$/.exec(res.id)![1]);
}

export const rplsPipeline: Pipeline = {
  family: 'rpls',
  resources: RPLS_RESOURCES,
  async run(ctx, inputs) {
    const stats: Record<string, SourceStats> = {};
    const candidates: Candidate[] = [];
    const observations: ObservationRow[] = [];
    // Département rows (producer values at their level) get the shared flags too.
    const departementRows: ObservationRow[] = [];
    for (const res of RPLS_RESOURCES) {
      const r: ResolvedResource | undefined = inputs.get(res.id);
      if (!r) continue;
      const st = (stats[r.id] = emptyStats());
      if (r.id === RPLS_EXTRACT.id) {
        candidates.push(...collectorObservations(readExtractCsv(r.path, r, ctx, st)));
      } else if (r.id === RPLS_DEPARTEMENTS_DERIVED.id) {
        departementRows.push(...readDepartementsCsv(r.path, r, ctx, st));
      } else {
        const sheet = await readCommunesSheet(r.path, r.file);
        candidates.push(...collectorObservations(workbookRecords(sheet, r, workbookYearOf(r), ctx, st)));
      }
    }
    observations.push(...chooseObservations(candidates), ...setFlags(departementRows));
    return { observations, stats };
  },
};
