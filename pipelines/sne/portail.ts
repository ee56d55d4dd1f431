/**
 * Reader of the GIP SNE statistics portal's Excel reports (« Data Logement »): demandes en cours au
 * 31/12, attributions (demandes satisfaites) de l'année, ancienneté des demandes. No such report has been
 * seen yet (see `OBSERVATOIRE_MIRROR/sne/PROVENANCE.md`), so the layout is recognised by the labels the
 * provenance lists rather than by cell positions:
 *
 * - in each sheet, a header row among the first 30 rows with one territory-code column (« Code commune »
 *   / « Code INSEE », « Code EPT », « Code EPCI », « Code département », « Code région » — the level
 *   follows from it) and at least one measure column (see `MEASURES`);
 * - the year from an « Année » column, else from the titles above the header or the measure labels
 *   (« au 31/12/2023 », « année 2023 »), else from the sheet name; several years, or none → error;
 * - sheets without a recognised header and without any number (notes, cover) are skipped; a sheet with
 *   numbers (or numbers written as text) but no recognised header is an InputError naming the file, the sheet, the row that came closest and the labels expected.
 *
 * Values are never summed across levels: the portal publishes each level itself (an Île-de-France demand
 * can name several communes). Blank or masked cells give a documented missing value, never 0.
 */
import ExcelJS from 'exceljs';
import { searchKey } from '../../core/text.js';
import { InputError, type Location } from '../lib/errors.js';
import { reject, type ObservationRow, type SourceStats, type TerritoryIndex } from '../lib/pipeline.js';
import type { Level } from '../../core/registry.js';
import { parseFrenchNumber, type Parsed } from '../lib/values.js';

const HEADER_SEARCH_ROWS = 30;

interface MeasureDef {
  indicator: string;
  /** How the label reads, for error messages. */
  expected: string;
  test: RegExp;
  integer: boolean;
}

const AU_31 = '( au 31 (12|decembre)( \\d{4})?)?';
/** Measure columns, matched on the normalised label (`searchKey`: no accents, lower case, punctuation → space). */
export const MEASURES: MeasureDef[] = [
  {
    indicator: 'sne_demandes_en_cours',
    expected: 'Demandes en cours (au 31/12)',
    test: new RegExp(`^(nombre de )?demandes( de logement social)? en cours${AU_31}$`),
    integer: true,
  },
  {
    indicator: 'sne_demandes_en_cours',
    expected: 'Demandes actives au 31/12',
    test: /^(nombre de )?demandes( de logement social)? actives au 31 (12|decembre)( \d{4})?$/,
    integer: true,
  },
  {
    indicator: 'sne_attributions',
    expected: 'Attributions (dans l’année) / Demandes satisfaites',
    test: /^(nombre d )?(attributions|demandes satisfaites)( dans l annee| de l annee| en \d{4}| \d{4})?$/,
    integer: true,
  },
  {
    indicator: 'sne_anciennete_mediane_mois',
    expected: 'Ancienneté médiane (en mois)',
    test: new RegExp(`^anciennete mediane( des demandes( en cours)?)?${AU_31}( en)? mois$`),
    integer: false,
  },
  {
    indicator: 'sne_anciennete_moyenne_mois',
    expected: 'Ancienneté moyenne (en mois)',
    test: new RegExp(`^anciennete moyenne( des demandes( en cours)?)?${AU_31}( en)? mois$`),
    integer: false,
  },
];

/** Labels that look like a measure but carry another definition or unit: refused rather than ignored. */
const LOOKALIKES: { test: RegExp; why: string }[] = [
  {
    test: /^(nombre de )?demandes( de logement social)? actives(?! au 31)/,
    why: 'demandes « actives » sans date : peut-être les demandes actives au moins un jour dans l’année (définition ANCOLS), qui ne sont pas les demandes en cours au 31/12',
  },
  {
    test: /^anciennete (mediane|moyenne)(?!.* mois$)/,
    why: 'ancienneté dont l’unité n’est pas le mois',
  },
];

const CODE_COLUMNS: { level: Level; test: RegExp; expected: string }[] = [
  {
    level: 'commune',
    test: /^code (insee )?(de la )?commune( insee)?$|^code insee$|^code geographique$/,
    expected: 'Code commune / Code INSEE',
  },
  { level: 'ept', test: /^(code|siren) (de l )?ept$/, expected: 'Code EPT' },
  { level: 'epci', test: /^(code|siren) (de l )?epci$/, expected: 'Code EPCI' },
  { level: 'departement', test: /^code (du )?(departement|dep|dept)$/, expected: 'Code département' },
  { level: 'region', test: /^code (de la )?region$/, expected: 'Code région' },
];
const YEAR_COLUMN = /^(annee|millesime)$/;

export const EXPECTED_LABELS = `une colonne de code territorial (${CODE_COLUMNS.map((c) => `« ${c.expected} »`).join(', ')}) et au moins une colonne de mesure (${MEASURES.map((m) => `« ${m.expected} »`).join(', ')})`;

type Scalar = string | number | null;

/** The displayed value of a cell: formulas give their cached result, rich text its text. */
export function cellScalar(v: ExcelJS.CellValue): Scalar {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('result' in v) return cellScalar((v.result ?? null) as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('error' in v) return String(v.error);
  }
  return String(v);
}

const asText = (s: Scalar) => (s === null ? '' : String(s).trim());

interface Header {
  row: number;
  level: Level;
  codeCol: number;
  yearCol: number | null;
  measures: { col: number; label: string; def: MeasureDef }[];
}

function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function yearsIn(text: string): number[] {
  const k = searchKey(text);
  const out: number[] = [];
  for (const m of k.matchAll(
    /\b31 (?:12|decembre) ((?:19|20)\d\d)\b|\b(?:annee|en|millesime) ((?:19|20)\d\d)\b/g,
  ))
    out.push(Number(m[1] ?? m[2]));
  return out;
}

export interface SneReadResult {
  observations: ObservationRow[];
  /** For each observation: where it came from (file, sheet, row), to name duplicates. */
  origins: Location[];
}

/** Reads one SNE portal workbook. `label` is the file name used in messages. */
export async function readSneWorkbook(
  path: string,
  label: string,
  sourceId: string,
  index: TerritoryIndex,
  st: SourceStats,
): Promise<SneReadResult> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(path);
  } catch (err) {
    throw new InputError({ file: label }, `classeur Excel illisible (${(err as Error).message})`);
  }
  const regions = new Set([...index.departements.values()].map((d) => d.region));
  const epcis = new Set([...index.communes.values()].flatMap((c) => (c.epci ? [c.epci] : [])));
  const epts = new Set([...index.communes.values()].flatMap((c) => (c.ept ? [c.ept] : [])));
  const observations: ObservationRow[] = [];
  const origins: Location[] = [];
  const years = new Set<number>();
  const levels = new Set<string>();
  let readSheets = 0;

  for (const ws of wb.worksheets) {
    const file = `${label}, feuille « ${ws.name} »`;
    const rows: { n: number; cells: Scalar[] }[] = [];
    ws.eachRow({ includeEmpty: false }, (row, n) => {
      const cells: Scalar[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        cells[col] = cellScalar(cell.value);
      });
      rows.push({ n, cells });
    });
    const numeric = (c: Scalar) =>
      typeof c === 'number' ||
      (typeof c === 'string' && /^[-+]?[\d\s\u00a0\u202f.,]*\d[\d\s\u00a0\u202f.,]*%?$/.test(c.trim()));
    const hasNumbers = rows.some((r) => r.cells.some(numeric));

    // 1. Header row.
    let header: Header | null = null;
    let closest: { n: number; cells: Scalar[]; score: number } | null = null;
    const titles: string[] = [];
    for (const r of rows) {
      if (r.n > HEADER_SEARCH_ROWS) break;
      let code: { level: Level; col: number; rank: number } | null = null;
      let yearCol: number | null = null;
      const measures: Header['measures'] = [];
      r.cells.forEach((c, col) => {
        if (typeof c !== 'string' || !c.trim()) return;
        const k = searchKey(c);
        const rank = CODE_COLUMNS.findIndex((d) => d.test.test(k));
        if (rank >= 0 && (!code || rank < code.rank)) code = { level: CODE_COLUMNS[rank]!.level, col, rank };
        if (YEAR_COLUMN.test(k)) yearCol = col;
        const def = MEASURES.find((m) => m.test.test(k));
        if (def) measures.push({ col, label: c.trim(), def });
        else {
          const look = LOOKALIKES.find((l) => l.test.test(k));
          if (look)
            throw new InputError(
              { file, line: r.n, column: `${columnLetter(col)} — ${c.trim()}` },
              `colonne non chargée : ${look.why}`,
            );
        }
      });
      const found = code as { level: Level; col: number } | null;
      if (found && measures.length) {
        header = { row: r.n, level: found.level, codeCol: found.col, yearCol, measures };
        break;
      }
      const score = (found ? 1 : 0) + (measures.length ? 1 : 0);
      if (!closest || score > closest.score) closest = { ...r, score };
      titles.push(...r.cells.filter((c): c is string => typeof c === 'string'));
    }
    if (!header && !hasNumbers) continue; // notes, cover page
    if (!header) {
      const near = closest ?? rows[0]!;
      const seen = near.cells
        .map(asText)
        .filter(Boolean)
        .slice(0, 8)
        .map((t) => `« ${t} »`)
        .join(', ');
      throw new InputError(
        { file, line: near.n },
        `mise en page du rapport SNE non reconnue : aucune des lignes 1 à ${Math.min(HEADER_SEARCH_ROWS, rows.at(-1)!.n)} ne contient ${EXPECTED_LABELS} ; la ligne ${near.n} contient ${seen || 'des cellules vides'}`,
      );
    }
    const h: Header = header;
    for (const m of h.measures) {
      const dup = h.measures.find((o) => o.def.indicator === m.def.indicator && o.col !== m.col);
      if (dup)
        throw new InputError(
          { file, line: h.row, column: `${columnLetter(m.col)} — ${m.label}` },
          `deux colonnes pour ${m.def.indicator} (« ${dup.label} » aussi)`,
        );
    }

    // 2. Year of the sheet (when there is no year column).
    let sheetYear: number | null = null;
    if (h.yearCol === null) {
      const found = new Set([...titles, ...h.measures.map((m) => m.label)].flatMap(yearsIn));
      if (found.size > 1)
        throw new InputError(
          { file, line: h.row },
          `plusieurs années dans les titres et les libellés (${[...found].sort().join(', ')}) : mise en page non prise en charge`,
        );
      sheetYear = [...found][0] ?? null;
      if (sheetYear === null) {
        const m = /\b((?:19|20)\d\d)\b/.exec(ws.name);
        sheetYear = m ? Number(m[1]) : null;
      }
      if (sheetYear === null)
        throw new InputError(
          { file, line: h.row },
          'année introuvable : ni colonne « Année », ni « au 31/12/AAAA » ou « année AAAA » dans les titres, ni année dans le nom de la feuille',
        );
    }

    // 3. Data rows.
    readSheets++;
    levels.add(h.level);
    for (const r of rows) {
      if (r.n <= h.row) continue;
      const values = h.measures.map((m) => r.cells[m.col] ?? null);
      const rawCode = asText(r.cells[h.codeCol] ?? null);
      if (!rawCode && values.every((v) => asText(v) === '')) continue;
      st.rows_read++;
      const loc = (col: number, name: string): Location => ({
        file,
        line: r.n,
        column: `${columnLetter(col)} — ${name}`,
      });
      let year = sheetYear;
      if (h.yearCol !== null) {
        const y = asText(r.cells[h.yearCol] ?? null);
        if (!/^(19|20)\d\d$/.test(y))
          throw new InputError(loc(h.yearCol, 'Année'), `année sur 4 chiffres attendue, trouvé « ${y} »`);
        year = Number(y);
      }
      const code = normaliseCode(h.level, rawCode);
      if (!code) {
        reject(st, `ligne sans code de territoire (total ou sous-total : « ${rawCode || 'vide'} »)`);
        continue;
      }
      const known =
        h.level === 'commune'
          ? index.communes.has(code)
          : h.level === 'departement'
            ? index.departements.has(code)
            : h.level === 'region'
              ? regions.has(code)
              : h.level === 'epci'
                ? epcis.has(code)
                : epts.has(code);
      if (!known) {
        reject(st, `code ${h.level} absent du COG 2025 (non rattaché : les demandes ne s’additionnent pas)`);
        continue;
      }
      h.measures.forEach((m, i) => {
        const v = values[i] ?? null;
        const where = loc(m.col, m.label);
        let p: Parsed;
        if (typeof v === 'number') {
          if (!Number.isFinite(v)) throw new InputError(where, `nombre attendu, trouvé « ${v} »`);
          if (m.def.integer && !Number.isInteger(v))
            throw new InputError(where, `effectif entier attendu, trouvé « ${v} »`);
          p = { value: v };
        } else p = parseFrenchNumber(v, where, { integer: m.def.integer });
        observations.push({
          indicator: m.def.indicator,
          level: h.level,
          code,
          year: year!,
          value: p.value,
          source_id: sourceId,
          flags: p.value === null ? ['masked'] : [],
          note: p.value === null ? `${p.mask} (rapport SNE)` : null,
        });
        origins.push({ file, line: r.n, column: `${columnLetter(m.col)} — ${m.label}` });
      });
      years.add(year!);
      st.rows_kept++;
    }
  }
  if (!readSheets)
    throw new InputError({ file: label }, `aucune feuille ne contient de données : rapport SNE vide ?`);
  st.notes = [
    ...(st.notes ?? []),
    `Années lues : ${[...years].sort().join(', ')} ; niveaux : ${[...levels].join(', ')}.`,
  ];
  return { observations, origins };
}

function normaliseCode(level: Level, raw: string): string | null {
  const t = raw.replace(/\s/g, '').toUpperCase();
  if (level === 'commune') return /^\d{4,5}$|^2[AB]\d{3}$/.test(t) ? t.padStart(5, '0') : null;
  if (level === 'departement') return /^\d{1,3}$|^2[AB]$/.test(t) ? t.padStart(2, '0') : null;
  if (level === 'region') return /^\d{1,2}$/.test(t) ? t.padStart(2, '0') : null;
  return /^\d{9}$/.test(t) ? t : null;
}
