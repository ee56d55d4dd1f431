/**
 * CAF (Cnaf, Cafdata): foyers allocataires par prestation et par commune, droits de décembre.
 * See `OBSERVATOIRE_MIRROR/caf/PROVENANCE.md`.
 *
 * Readers, by priority for one indicator, commune and year (a published value beats a masked one):
 * 1. the official Cafdata CSV export of `s_ben_com_f` (network; Paris, Lyon, Marseille by arrondissement);
 * 2. the rouages.fr JSON extracts `derived_rouages_<dep>-caf_s_ben_com_f_2020-2024.json`: official values
 *    reshaped by a third party who wrote blank cells as 0, so a 0 there is loaded as a masked value;
 * 3. the official `rsa_s_type_com_f` export (RSA only: the majoré and non majoré rows are summed).
 *
 * Every count is rounded to 5 by the Cnaf (flag `rounded`); a value summed from several rounded values
 * (arrondissements, merged communes, RSA types) is flagged `sum_of_rounded`.
 */
import { z } from 'zod';
import type { Flag } from '../../core/registry.js';
import { toCog2025, type CodeMatch } from '../lib/communes.js';
import { readCsvFile, type CsvTable } from '../lib/csv.js';
import { InputError } from '../lib/errors.js';
import { parseEntry, parseJson, readJsonText } from '../lib/json.js';
import {
  emptyStats,
  reject,
  type ObservationRow,
  type Pipeline,
  type PipelineContext,
  type SourceStats,
} from '../lib/pipeline.js';
import type { Resource } from '../lib/resources.js';
import { chooseObservations } from '../lib/tiers.js';
import { parseFrenchNumber, type Parsed } from '../lib/values.js';

/** The Cafdata fields of `s_ben_com_f` we load, in the order of the rouages.fr value arrays. */
export const CAF_FIELDS = [
  { field: 'indfoy_ndur', indicator: 'caf_foyers_allocataires' },
  { field: 'indnbp_ndur', indicator: 'caf_personnes_couvertes' },
  { field: 'indfoy_rsa', indicator: 'caf_foyers_rsa' },
  { field: 'indfoy_ppa', indicator: 'caf_foyers_prime_activite' },
  { field: 'indfoy_ndural', indicator: 'caf_foyers_aide_logement' },
  { field: 'indfoy_af', indicator: 'caf_foyers_af' },
  { field: 'indfoy_ndurpaje', indicator: 'caf_foyers_paje' },
] as const;

export const CAF_DEPS = ['75', '77', '78', '91', '92', '93', '94', '95', '13', '89'];

const CAFDATA = 'https://data.caf.fr/api/explore/v2.1/catalog/datasets';

/** Priority tiers (lower wins); files of one tier must not overlap. */
const TIER = { official: 0, rouages: 1, rsaType: 2 } as const;

export const CAF_RESOURCES = {
  sBenComF: {
    id: 'caf-cafdata-s_ben_com_f',
    family: 'caf',
    title: 'Cafdata s_ben_com_f — allocataires selon la prestation, par commune (export CSV)',
    file: 's_ben_com_f.csv',
    url: `${CAFDATA}/s_ben_com_f/exports/csv?delimiter=%3B&select=dtreffre,numcomdo,${CAF_FIELDS.map((f) => f.field).join(',')}`,
    kind: 'official',
    vintage: 'droits de décembre 2020 et suivants',
    required: false,
    expect: 'csv',
    notes: 'Effectifs arrondis au multiple de 5 par la Cnaf ; seuls les mois de décembre sont chargés.',
  },
  rsaType: {
    id: 'caf-cafdata-rsa_s_type_com_f',
    family: 'caf',
    title: 'Cafdata rsa_s_type_com_f — foyers RSA selon le type de RSA, par commune (export CSV)',
    file: 'rsa_s_type_com_f.csv',
    url: `${CAFDATA}/rsa_s_type_com_f/exports/csv?delimiter=%3B`,
    kind: 'official',
    vintage: 'droits de décembre 2020 et suivants',
    required: false,
    expect: 'csv',
    notes:
      'Utilisé seulement en repli pour les foyers RSA (somme RSA majoré + non majoré, somme d’arrondis).',
  },
} satisfies Record<string, Resource>;

export const CAF_ROUAGES_RESOURCES: Resource[] = CAF_DEPS.map((dep) => ({
  id: `caf-rouages-${dep}`,
  family: 'caf',
  title: `Allocataires CAF par prestation, communes du ${dep} (extrait rouages.fr de Cafdata s_ben_com_f)`,
  file: `derived_rouages_${dep}-caf_s_ben_com_f_2020-2024.json`,
  kind: 'derived',
  vintage: 'droits de décembre 2020 à 2024',
  required: false,
  notes:
    'Valeurs officielles (arrondies à 5) remises en forme par rouages.fr, qui a écrit les cases vides de la source 0 : ces 0 sont chargés comme valeurs masquées.',
}));

const ALL_RESOURCES: Resource[] = [CAF_RESOURCES.sBenComF, ...CAF_ROUAGES_RESOURCES, CAF_RESOURCES.rsaType];

export const ZERO_NOTE =
  '0 dans l’extrait retraité (rouages.fr) : vaut 0 ou une case vide (valeur masquée) de la source, le tiers ayant écrit les cases vides 0 ; non chargé comme 0';
export const NULL_YEAR_NOTE = 'année absente pour cette commune dans l’extrait retraité (null)';

interface Part {
  parsed: Parsed;
  via: CodeMatch['via'];
  label: string;
}

interface Cell {
  indicator: string;
  code: string;
  year: number;
  sourceId: string;
  priority: number;
  flags: Set<Flag>;
  notes: string[];
  parts: Part[];
}

/** Collects values by source, indicator, commune and year; parts (arrondissements, old codes) are summed. */
export class CafAccumulator {
  private cells = new Map<string, Cell>();

  add(
    sourceId: string,
    priority: number,
    indicator: string,
    code: string,
    year: number,
    part: Part,
    flags: Flag[] = [],
    note?: string,
  ): void {
    const key = `${sourceId}|${indicator}|${code}|${year}`;
    let cell = this.cells.get(key);
    if (!cell) {
      cell = { indicator, code, year, sourceId, priority, flags: new Set(), notes: [], parts: [] };
      this.cells.set(key, cell);
    }
    for (const f of flags) cell.flags.add(f);
    if (note && !cell.notes.includes(note)) cell.notes.push(note);
    cell.parts.push(part);
  }

  /** One observation per indicator, commune and year: the shared precedence rule (`lib/tiers.ts`). */
  observations(stats: Record<string, SourceStats>): ObservationRow[] {
    return chooseObservations(
      [...this.cells.values()].map((c) => ({ row: cellObservation(c, stats[c.sourceId]), tier: c.priority })),
    );
  }
}

function cellObservation(c: Cell, st: SourceStats | undefined): ObservationRow {
  let parts = c.parts;
  // A commune published both as a whole and by arrondissement: the whole wins (no double count).
  if (parts.some((p) => p.via !== 'arrondissement') && parts.some((p) => p.via === 'arrondissement')) {
    const dropped = parts.filter((p) => p.via === 'arrondissement').length;
    for (let i = 0; st && i < dropped; i++)
      reject(st, 'valeur d’arrondissement ignorée : la commune a sa propre ligne');
    parts = parts.filter((p) => p.via !== 'arrondissement');
  }
  const flags = new Set<Flag>(c.flags);
  const notes = [...c.notes];
  const arm = new Set(parts.filter((p) => p.via === 'arrondissement').map((p) => p.label)).size;
  const old = parts.filter((p) => p.via === 'successeur').map((p) => p.label);
  if (arm > 1) notes.push(`somme des ${arm} arrondissements municipaux`);
  const labels = [...new Set(parts.map((p) => p.label))];
  if (old.length && labels.length > 1)
    notes.push(`somme des codes ${labels.join(', ')} regroupés au COG 2025`);
  else if (old.length) notes.push(`code ${old[0]} de la source rattaché à ${c.code} (COG 2025)`);
  if (parts.length > 1) flags.add('sum_of_rounded');
  const masked = parts.filter((p) => p.parsed.value === null);
  let value: number | null;
  if (masked.length) {
    value = null;
    flags.delete('rounded');
    flags.delete('sum_of_rounded');
    const reasons = [...new Set(masked.map((p) => p.parsed.mask!))];
    notes.unshift(
      masked.length < parts.length
        ? `somme incomplète, ${masked.length} ${masked.length > 1 ? 'parties masquées' : 'partie masquée'} sur ${parts.length} : ${reasons.join(' ; ')}`
        : reasons.join(' ; '),
    );
  } else {
    value = parts.reduce((a, p) => a + p.parsed.value!, 0);
    flags.add('rounded');
  }
  return {
    indicator: c.indicator,
    level: 'commune',
    code: c.code,
    year: c.year,
    value,
    source_id: c.sourceId,
    flags: [...flags],
    note: notes.length ? notes.join(' ; ') : null,
  };
}

/** `dtreffre` as AAAAMM (also AAAA-MM, AAAA-MM-JJ): year and month. */
export function parseDtreffre(raw: string, loc: { file: string; line: number; column: string }) {
  const m = /^(\d{4})-?(\d{2})(?:-\d{2})?$/.exec(raw.trim());
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12)
    throw new InputError(loc, `date de référence AAAAMM attendue, trouvé « ${raw} »`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

type Ctx = Pick<PipelineContext, 'territories'>;

/** Reads the official Cafdata export of `s_ben_com_f` (`;`, `dtreffre`, `numcomdo`, `indfoy_*`). */
export function readCafdataCsv(
  table: CsvTable,
  res: Resource,
  ctx: Ctx,
  st: SourceStats,
  acc: CafAccumulator,
  priority: number = TIER.official,
): void {
  const fields = CAF_FIELDS.filter((f) => table.columns.has(f.field));
  if (fields.length === 0)
    throw new InputError(
      { file: table.file, line: table.headerLine },
      `aucune colonne de comptage connue (attendu au moins une de : ${CAF_FIELDS.map((f) => f.field).join(', ')})`,
    );
  const seen = new Set<string>();
  for (const row of table.rows) {
    st.rows_read++;
    const loc = (column: string) => ({ file: table.file, line: row.line, column });
    const { year, month } = parseDtreffre(row.get('dtreffre'), loc('dtreffre'));
    const raw = row.get('numcomdo').trim();
    const key = `${raw}|${year}|${month}`;
    if (seen.has(key))
      throw new InputError(loc('numcomdo'), `commune ${raw} en double pour ${year}-${month}`);
    seen.add(key);
    if (month !== 12) {
      reject(st, 'mois autre que décembre (non retenu)');
      continue;
    }
    const m = toCog2025(raw, ctx.territories);
    if (!m) {
      reject(st, `code commune inconnu du COG 2025 (${raw})`);
      continue;
    }
    for (const f of fields) {
      const parsed = parseFrenchNumber(row.get(f.field), loc(f.field), { integer: true });
      if (parsed.value !== null && parsed.value < 0)
        throw new InputError(loc(f.field), `effectif négatif « ${row.get(f.field)} »`);
      acc.add(res.id, priority, f.indicator, m.code, year, { parsed, via: m.via, label: raw });
    }
    st.rows_kept++;
  }
}

/** Reads `rsa_s_type_com_f` (one row per commune, month and RSA type): foyers RSA, types summed. */
export function readRsaTypeCsv(
  table: CsvTable,
  res: Resource,
  ctx: Ctx,
  st: SourceStats,
  acc: CafAccumulator,
  priority: number = TIER.rsaType,
): void {
  const seen = new Set<string>();
  for (const row of table.rows) {
    st.rows_read++;
    const loc = (column: string) => ({ file: table.file, line: row.line, column });
    const { year, month } = parseDtreffre(row.get('dtreffre'), loc('dtreffre'));
    const raw = row.get('numcomdo').trim();
    const type = row.get('rsa_type').trim();
    const key = `${raw}|${year}|${month}|${type}`;
    if (seen.has(key))
      throw new InputError(loc('numcomdo'), `commune ${raw} en double pour ${year}-${month} (${type})`);
    seen.add(key);
    if (month !== 12) {
      reject(st, 'mois autre que décembre (non retenu)');
      continue;
    }
    const m = toCog2025(raw, ctx.territories);
    if (!m) {
      reject(st, `code commune inconnu du COG 2025 (${raw})`);
      continue;
    }
    const parsed = parseFrenchNumber(row.get('indfoy_rsa'), loc('indfoy_rsa'), { integer: true });
    acc.add(
      res.id,
      priority,
      'caf_foyers_rsa',
      m.code,
      year,
      { parsed, via: m.via, label: raw },
      ['sum_of_rounded'],
      'somme des foyers RSA majoré et non majoré (rsa_s_type_com_f)',
    );
    st.rows_kept++;
  }
}

const count = z.number().int().nonnegative();
const rouagesFile = z.object({
  maj: z.string(),
  annees: z.array(z.number().int().min(2000).max(2100)).min(1),
  c: z.record(z.string(), z.unknown()),
});
const rouagesCommune = z.tuple([
  z.array(z.array(count).length(CAF_FIELDS.length).nullable()),
  z.union([z.literal(0), z.literal(1)]),
]);

/** Reads a rouages.fr CAF extract: `{maj, annees, c: {code: [[[v0..v6] | null per year], plm]}}`. */
export function readRouagesCafJson(
  text: string,
  res: Resource,
  ctx: Ctx,
  st: SourceStats,
  acc: CafAccumulator,
  priority: number = TIER.rouages,
): void {
  const data = parseJson(text, res.file, rouagesFile);
  const years = data.annees;
  for (const [raw, entry] of Object.entries(data.c)) {
    const [series, plm] = parseEntry(entry, res.file, `c.${raw}`, rouagesCommune);
    if (series.length !== years.length)
      throw new InputError(
        { file: res.file, column: `c.${raw}` },
        `${series.length} années au lieu de ${years.length} (annees : ${years.join(', ')})`,
      );
    st.rows_read += years.length;
    const m = toCog2025(raw, ctx.territories);
    if (!m) {
      for (let i = 0; i < years.length; i++) reject(st, `code commune inconnu du COG 2025 (${raw})`);
      continue;
    }
    years.forEach((year, i) => {
      const values = series[i] ?? null;
      CAF_FIELDS.forEach((f, j) => {
        const v = values === null ? null : values[j]!;
        const p: Parsed =
          v === null
            ? { value: null, mask: NULL_YEAR_NOTE }
            : v === 0
              ? { value: null, mask: ZERO_NOTE }
              : { value: v };
        acc.add(
          res.id,
          priority,
          f.indicator,
          m.code,
          year,
          { parsed: p, via: m.via, label: raw },
          plm ? ['derived', 'sum_of_rounded'] : ['derived'],
          plm ? 'somme des arrondissements' : undefined,
        );
      });
      st.rows_kept++;
    });
  }
}

export const cafPipeline: Pipeline = {
  family: 'caf',
  resources: ALL_RESOURCES,
  async run(ctx, inputs) {
    const stats: Record<string, SourceStats> = {};
    const acc = new CafAccumulator();
    for (const res of ALL_RESOURCES) {
      const r = inputs.get(res.id);
      if (!r) continue;
      const st = (stats[r.id] = emptyStats());
      if (r.kind === 'derived') {
        readRouagesCafJson(readJsonText(r.path, r.file), r, ctx, st, acc);
      } else if (r.id === CAF_RESOURCES.rsaType.id) {
        const table = readCsvFile(
          r.path,
          { encoding: 'utf-8', delimiter: ';', required: ['dtreffre', 'numcomdo', 'rsa_type', 'indfoy_rsa'] },
          r.file,
        );
        readRsaTypeCsv(table, r, ctx, st, acc);
      } else {
        const table = readCsvFile(
          r.path,
          { encoding: 'utf-8', delimiter: ';', required: ['dtreffre', 'numcomdo'] },
          r.file,
        );
        readCafdataCsv(table, r, ctx, st, acc);
      }
    }
    return { observations: acc.observations(stats), stats };
  },
};
