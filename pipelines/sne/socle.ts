/**
 * Readers of the DRIHL Île-de-France « socle de données demandes et attributions de logements
 * sociaux » (see `OBSERVATOIRE_MIRROR/sne/PROVENANCE.md`, § 0). Two inputs give the same table:
 *
 * - the official workbooks `socle_demandes_attributions_<YYYY>.xlsx` (network mode, or dropped in the
 *   mirror): sheet « Ensemble », a header row holding « Niveau géographique » among the first rows,
 *   columns matched by their label (never by position); a missing label is an InputError naming the
 *   file, the sheet, the header row and the label;
 * - the mirror's reshaped extract `derived_drihl_socle_demandes_attributions_2025.csv` (`;`, UTF-8),
 *   a transcription of a third-party copy of the 2025 workbook.
 *
 * Both give one `SocleRow` per territory row (région, départements, communes and Paris
 * arrondissements) with the seven measures. A masked cell (« - » in the workbook, empty in the
 * extract: fewer than 10 demands or attributions) is kept as a null value, never 0; text that is
 * neither a number nor a mask is an InputError naming the cell.
 */
import ExcelJS from 'exceljs';
import { searchKey } from '../../core/text.js';
import { readCsvFile } from '../lib/csv.js';
import { InputError, type Location } from '../lib/errors.js';
import { reject, type SourceStats } from '../lib/pipeline.js';
import { parseFrenchNumber } from '../lib/values.js';
import { cellScalar, type Scalar } from '../lib/xlsx.js';

export const MEASURES = ['demandes', 'attributions', 'tension', 'delai', 'anc5', 't1', 't3'] as const;
export type Measure = (typeof MEASURES)[number];

/** Registry id of each measure. */
export const MEASURE_INDICATOR: Record<Measure, string> = {
  demandes: 'sne_demandes_choix1',
  attributions: 'sne_attributions',
  tension: 'sne_demandes_par_attribution',
  delai: 'sne_delai_median_mois',
  anc5: 'sne_part_anciennete_5ans',
  t1: 'sne_demandes_par_attribution_t1',
  t3: 'sne_demandes_par_attribution_t3',
};

export type Niveau = 'region' | 'departement' | 'commune';

/** One cell: its value (null when masked by the DRIHL) and the text as published. */
export interface Cell {
  value: number | null;
  raw: string;
}

export interface SocleRow {
  /** Row number in the file (1-based, header included). */
  line: number;
  niveau: Niveau;
  /** Code as published (région, département or commune/arrondissement code). */
  code: string;
  name: string;
  cells: Record<Measure, Cell>;
  /** The extract's own note (Paris). */
  note: string;
}

export interface SocleTable {
  /** File name used in messages (with the sheet for a workbook). */
  file: string;
  year: number;
  rows: SocleRow[];
  /** What the extract or the workbook says about its own layout (stats notes). */
  notes: string[];
}

const NIVEAUX: Record<string, Niveau> = {
  region: 'region',
  departement: 'departement',
  commune: 'commune',
};

/** « - » (workbook) and empty (extract): masked by the DRIHL, fewer than 10. */
const MASKS = new Set(['', '-', '–', '—']);

function parseCell(raw: Scalar, loc: Location, integer: boolean): Cell {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) throw new InputError(loc, `nombre attendu, trouvé « ${raw} »`);
    if (integer && !Number.isInteger(raw))
      throw new InputError(loc, `effectif entier attendu, trouvé « ${raw} »`);
    return { value: raw, raw: String(raw) };
  }
  const text = (raw ?? '').trim();
  if (MASKS.has(text)) return { value: null, raw: text };
  const p = parseFrenchNumber(text, loc, { integer, required: true });
  return { value: p.value, raw: text };
}

const INTEGER: Record<Measure, boolean> = {
  demandes: true,
  attributions: true,
  tension: false,
  delai: false,
  anc5: false,
  t1: false,
  t3: false,
};

function niveauOf(raw: string, st: SourceStats): Niveau | null {
  const n = NIVEAUX[searchKey(raw)];
  if (!n)
    reject(st, `niveau géographique « ${raw.trim()} » non chargé (région, département, commune attendus)`);
  return n ?? null;
}

/** The reshaped 2025 extract (mirror): `niveau;code;nom;dep;demandes;…;note`. */
export function readSocleCsv(path: string, label: string, year: number, st: SourceStats): SocleTable {
  const table = readCsvFile(
    path,
    {
      encoding: 'utf-8',
      delimiter: ';',
      required: [
        'niveau',
        'code',
        'nom',
        'demandes',
        'attributions',
        'tension',
        'delaimois',
        'delaimoisexact',
        'partanc5ans',
        'tensiont1',
        'tensiont3',
        'note',
      ],
    },
    label,
  );
  const columns: Record<Measure, string> = {
    demandes: 'demandes',
    attributions: 'attributions',
    tension: 'tension',
    delai: 'delaimoisexact',
    anc5: 'partanc5ans',
    t1: 'tensiont1',
    t3: 'tensiont3',
  };
  const rows: SocleRow[] = [];
  const roundedDelay: number[] = [];
  for (const r of table.rows) {
    st.rows_read++;
    const loc = (column: string): Location => ({ file: label, line: r.line, column });
    const niveau = niveauOf(r.get('niveau'), st);
    if (!niveau) continue;
    const cells = {} as Record<Measure, Cell>;
    for (const m of MEASURES) cells[m] = parseCell(r.get(columns[m]), loc(columns[m]), INTEGER[m]);
    // The extract gives the delay with 3 decimals (as in the workbook) and rounded; use the rounded one
    // only where the exact one is missing.
    if (cells.delai.value === null) {
      const rounded = parseCell(r.get('delaimois'), loc('delaiMois'), false);
      if (rounded.value !== null) {
        cells.delai = rounded;
        roundedDelay.push(r.line);
      }
    }
    rows.push({
      line: r.line,
      niveau,
      code: r.get('code').trim(),
      name: r.get('nom').trim(),
      cells,
      note: r.get('note').trim(),
    });
  }
  const notes = roundedDelay.length
    ? [
        `Délai médian arrondi au mois (colonne delaiMois, sans valeur à 3 décimales) : ${roundedDelay.length > 1 ? 'lignes' : 'ligne'} ${roundedDelay.join(', ')}.`,
      ]
    : [];
  return { file: label, year, rows, notes };
}

interface ColumnDef {
  key: Measure | 'niveau' | 'code' | 'nom';
  /** The label as published, for messages. */
  label: string;
  /** Tested on `searchKey(label)`; group 1, when present, is a year. */
  test: RegExp;
}

/** The documented labels of the sheet « Ensemble » (PROVENANCE § 0). */
export const WORKBOOK_COLUMNS: ColumnDef[] = [
  { key: 'niveau', label: 'Niveau géographique', test: /^niveau geographique$/ },
  { key: 'code', label: 'Code', test: /^code$/ },
  { key: 'nom', label: 'Nom', test: /^nom$/ },
  {
    key: 'demandes',
    label: 'Nombre de demandes ciblant le territoire en choix 1 au 31/12/AAAA',
    test: /^nombre de demandes ciblant le territoire en choix 1(?: au 31 12 (\d{4}))?$/,
  },
  {
    key: 'attributions',
    label: 'Nombre d’attributions en AAAA',
    test: /^nombre d attributions(?: en (\d{4}))?$/,
  },
  {
    key: 'tension',
    label: 'Nombre de demandes pour une attribution',
    test: /^nombre de demandes pour une attribution$/,
  },
  {
    key: 'delai',
    label: 'Délai médian d’attribution (en mois)',
    test: /^delai median d attribution en mois$/,
  },
  {
    key: 'anc5',
    label: 'Part des ménages ayant déposé leur demande il y a au moins 5 ans',
    test: /^part des menages ayant depose leur demande il y a au moins 5 ans$/,
  },
  {
    key: 't1',
    label: 'Nombre de demandes pour une attribution - T1',
    test: /^nombre de demandes pour une attribution t1$/,
  },
  {
    key: 't3',
    label: 'Nombre de demandes pour une attribution - T3',
    test: /^nombre de demandes pour une attribution t3$/,
  },
];

const HEADER_SEARCH_ROWS = 30;

/** One vintage of the official workbook: sheet « Ensemble », columns found by their label. */
export async function readSocleWorkbook(
  path: string,
  label: string,
  year: number,
  st: SourceStats,
): Promise<SocleTable> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(path);
  } catch (err) {
    throw new InputError({ file: label }, `classeur Excel illisible (${(err as Error).message})`);
  }
  const ws = wb.worksheets.find((w) => searchKey(w.name) === 'ensemble');
  if (!ws)
    throw new InputError(
      { file: label },
      `feuille « Ensemble » introuvable (feuilles du classeur : ${wb.worksheets.map((w) => `« ${w.name} »`).join(', ') || 'aucune'})`,
    );
  const file = `${label}, feuille « ${ws.name} »`;
  const rows: { n: number; cells: Scalar[] }[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    const cells: Scalar[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col] = cellScalar(cell.value);
    });
    rows.push({ n, cells });
  });
  const text = (s: Scalar | undefined) => (s === null || s === undefined ? '' : String(s).trim());
  const header = rows.find(
    (r) => r.n <= HEADER_SEARCH_ROWS && r.cells.some((c) => searchKey(text(c)) === 'niveau geographique'),
  );
  if (!header)
    throw new InputError(
      { file },
      `ligne d’en-tête introuvable : aucune des lignes 1 à ${HEADER_SEARCH_ROWS} ne contient le libellé « Niveau géographique »`,
    );
  const col = new Map<ColumnDef['key'], number>();
  const labels = new Map<ColumnDef['key'], string>();
  const found: string[] = [];
  header.cells.forEach((c, i) => {
    const t = text(c);
    if (!t) return;
    found.push(`« ${t} »`);
    const k = searchKey(t);
    const def = WORKBOOK_COLUMNS.find((d) => d.test.test(k));
    if (!def) return;
    const y = def.test.exec(k)?.[1];
    if (y && Number(y) !== year)
      throw new InputError(
        { file, line: header.n, column: t },
        `millésime ${y} dans le libellé, ${year} attendu pour ce classeur`,
      );
    if (col.has(def.key))
      throw new InputError(
        { file, line: header.n, column: t },
        `deux colonnes « ${def.label} » : mise en page non reconnue`,
      );
    col.set(def.key, i);
    labels.set(def.key, t);
  });
  const missing = WORKBOOK_COLUMNS.filter((d) => !col.has(d.key));
  if (missing.length)
    throw new InputError(
      { file, line: header.n },
      `mise en page du socle DRIHL non reconnue : ${missing.length > 1 ? 'colonnes introuvables' : 'colonne introuvable'} ${missing.map((d) => `« ${d.label} »`).join(', ')} (libellés trouvés : ${found.join(', ')})`,
    );

  const out: SocleRow[] = [];
  for (const r of rows) {
    if (r.n <= header.n) continue;
    const niveauText = text(r.cells[col.get('niveau')!]);
    const code = text(r.cells[col.get('code')!]);
    if (!niveauText && !code) continue; // blank or footnote row
    st.rows_read++;
    const loc = (key: ColumnDef['key']): Location => ({ file, line: r.n, column: labels.get(key)! });
    if (!code) {
      reject(st, 'ligne sans code de territoire (titre, total ou note)');
      continue;
    }
    const niveau = niveauOf(niveauText, st);
    if (!niveau) continue;
    const cells = {} as Record<Measure, Cell>;
    for (const m of MEASURES) cells[m] = parseCell(r.cells[col.get(m)!] ?? null, loc(m), INTEGER[m]);
    out.push({ line: r.n, niveau, code, name: text(r.cells[col.get('nom')!]), cells, note: '' });
  }
  // The share of old demands is a proportion in the workbook (0,231): loaded as a percentage. A column
  // already in percent (a value above 1) is kept as it is.
  const shares = out.flatMap((r) => (r.cells.anc5.value === null ? [] : [r.cells.anc5.value]));
  const notes: string[] = [];
  if (shares.length && Math.max(...shares) <= 1) {
    for (const r of out)
      if (r.cells.anc5.value !== null)
        r.cells.anc5 = { ...r.cells.anc5, value: Math.round(r.cells.anc5.value * 100 * 1e9) / 1e9 };
    notes.push('part des demandes de 5 ans et plus : proportion du classeur convertie en pourcentage.');
  }
  return { file, year, rows: out, notes };
}
