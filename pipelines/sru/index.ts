/**
 * Loi SRU (article 55): inventaire des logements sociaux, taux, taux cible, logements manquants,
 * communes déficitaires / carencées / exemptées, prélèvement. See `OBSERVATOIRE_MIRROR/sru/PROVENANCE.md`.
 *
 * Readers, by priority when two files give the same commune and year:
 * 1. the official « Communes et inventaire SRU » CSV files (any vintage, columns matched by prefix);
 * 2. the rouages.fr JSON extracts (`derived_rouages_<dep>-sru.json`), official values reshaped;
 * 3. the 2004–2022 series (`derived_Total_social_housing_2004_2022.csv`), derived and unverified.
 */
import { z } from 'zod';
import type { Flag } from '../../core/registry.js';
import { toCog2025 } from '../lib/communes.js';
import { findColumn, readCsvFile, type CsvTable } from '../lib/csv.js';
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
import type { Resource, ResolvedResource } from '../lib/resources.js';
import { parseFlag, parseFrenchNumber, type Parsed } from '../lib/values.js';

const STATIC = 'https://static.data.gouv.fr/resources/communes-et-inventaire-sru';

const official = (year: string, file: string, url: string, vintage: string): Resource => ({
  id: `sru-officiel-${year}`,
  family: 'sru',
  title: `Communes et inventaire SRU — fichier ${year}`,
  file,
  url,
  kind: 'official',
  vintage,
  required: false,
  expect: 'csv',
});

export const SRU_DEPS = ['75', '77', '78', '91', '92', '93', '94', '95', '13', '89'];

export const SRU_RESOURCES: Resource[] = [
  official(
    '2026',
    'donnees-sru-data-gouv-2026.csv',
    `${STATIC}/20260811-123753/donnees-sru-data-gouv-2026.csv`,
    'inventaire au 1er janvier 2025',
  ),
  official(
    '2025-v2',
    'donnees-sru-data-gouv-2025-v2.csv',
    `${STATIC}/20251219-143258/donnees-sru-data-gouv-2025-v2.csv`,
    'inventaire au 1er janvier 2024',
  ),
  official(
    '2024',
    'donnees-sru-data-gouv-maj2024-vf.csv',
    `${STATIC}/20250929-132410/donnees-sru-data-gouv-maj2024-vf.csv`,
    'inventaire au 1er janvier 2023',
  ),
  official(
    '2023',
    'donnees-sru-data-gouv-maj2023-vf.csv',
    `${STATIC}/20250922-104633/donnees-sru-data-gouv-maj2023-vf.csv`,
    'inventaire au 1er janvier 2022',
  ),
  ...SRU_DEPS.map((dep): Resource => ({
    id: `sru-rouages-${dep}`,
    family: 'sru',
    title: `Inventaire SRU, communes du ${dep} (extrait rouages.fr du fichier officiel)`,
    file: `derived_rouages_${dep}-sru.json`,
    kind: 'derived',
    vintage: 'inventaire au 1er janvier 2025 (déduit : millésime 2026 du fichier officiel)',
    required: false,
    notes: 'Valeurs officielles remises en forme par rouages.fr ; le millésime est une inférence du miroir.',
  })),
  {
    id: 'sru-serie-2004-2022',
    family: 'sru',
    title: 'Série des logements sociaux SRU et résidences principales 2004–2022 (extrait retraité)',
    file: 'derived_Total_social_housing_2004_2022.csv',
    kind: 'derived',
    vintage: 'inventaires 2004 à 2022',
    required: false,
    notes:
      'Source non citée par le dépôt d’origine ; colonne Total_unit_2007 corrompue dans 866 lignes ; ~700 communes soumises absentes.',
  },
];

interface SruRecord {
  code: string;
  year: number;
  lls: Parsed;
  taux?: Parsed;
  rp?: Parsed;
  cible?: Parsed;
  deficitaire?: boolean | null;
  carencee?: boolean | null;
  exemptee?: boolean | null;
  prelevement?: Parsed;
  flags: Flag[];
  note?: string;
  sourceId: string;
  priority: number;
}

const MISSING: Parsed = { value: null, mask: 'non renseigné dans la source' };

function pct(p: Parsed | undefined): number | null {
  return p && p.value !== null ? p.value : null;
}

/** Turns one commune-year record into observations (taux, RP, manquants derived as documented). */
export function sruObservations(r: SruRecord): ObservationRow[] {
  const out: ObservationRow[] = [];
  const base = { level: 'commune' as const, code: r.code, year: r.year, source_id: r.sourceId };
  const push = (
    indicator: string,
    p: Parsed | undefined,
    extra: Partial<ObservationRow> = {},
    flags: Flag[] = [],
  ) => {
    if (!p) return;
    const allFlags = [
      ...new Set([...r.flags, ...flags, ...(p.value === null ? (['masked'] as Flag[]) : [])]),
    ];
    out.push({
      ...base,
      indicator,
      value: p.value,
      flags: allFlags,
      note: p.value === null ? p.mask : (r.note ?? null),
      ...extra,
    });
  };
  const lls = pct(r.lls);
  let rp = pct(r.rp);
  let rpEstimated = false;
  const tauxGiven = pct(r.taux);
  if (rp === null && lls !== null && tauxGiven !== null && tauxGiven > 0) {
    rp = Math.round(lls / (tauxGiven / 100));
    rpEstimated = true;
  }
  push('sru_lls', r.lls);
  if (r.rp || rpEstimated || r.taux) {
    const rpParsed: Parsed =
      rp !== null
        ? { value: rp }
        : r.rp && r.rp.value === null
          ? r.rp
          : { value: null, mask: 'non calculable : taux ou logements sociaux absents' };
    push('sru_residences_principales', rpParsed, {}, rpEstimated ? ['estimated'] : []);
  }
  // Rate: as published when the source gives it, otherwise recomputed from counts.
  let taux: Parsed | undefined = r.taux;
  if (!taux && lls !== null && rp !== null && rp > 0) taux = { value: Math.round((lls / rp) * 10000) / 100 };
  if (!taux && (r.rp || r.lls))
    taux = { value: null, mask: 'non calculable : logements sociaux ou résidences principales absents' };
  if (taux) {
    const suspect: Flag[] = taux.value !== null && (taux.value < 0 || taux.value > 100) ? ['suspect'] : [];
    push('sru_taux', taux, { numerator: lls, denominator: rp }, suspect);
  }
  if (r.cible) push('sru_taux_cible', r.cible);
  const cible = pct(r.cible);
  if (r.cible) {
    if (cible !== null && lls !== null && rp !== null) {
      const gap = Math.max(0, Math.ceil((cible / 100) * rp - lls - 1e-9));
      push(
        'sru_logements_manquants',
        { value: gap },
        { numerator: lls, denominator: rp },
        rpEstimated ? ['estimated'] : [],
      );
    } else {
      push('sru_logements_manquants', {
        value: null,
        mask: 'non calculable : taux cible, logements sociaux ou résidences principales absents',
      });
    }
  }
  const flag = (id: string, v: boolean | null | undefined) => {
    if (v === undefined) return;
    push(id, v === null ? MISSING : { value: v ? 1 : 0 });
  };
  flag('sru_deficitaire', r.deficitaire);
  flag('sru_carencee', r.carencee);
  flag('sru_exemptee', r.exemptee);
  if (r.prelevement) push('sru_prelevement', r.prelevement);
  return out;
}

/** Texts the official SRU files write instead of a number, and the documented state each one means. */
const SRU_TEXTS: Record<string, string> = {
  "pas d'inventaire": '« Pas d’inventaire » dans la source (commune non inventoriée cette année-là)',
  nc: '« NC » dans la source (non communiqué)',
  'hors sru': '« Hors SRU » dans la source',
  '>25%': 'au-dessus de 25 % (non inventoriée) : « >25% » dans la source',
};

/** One LLS or rate cell of an official SRU file: a number, or one of the producer's documented texts. */
export function parseSruCell(
  raw: string,
  loc: { file: string; line?: number; column?: string },
  kind: 'lls' | 'taux',
): { parsed: Parsed; raw?: string } {
  const text = raw.trim();
  const key = text.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, '');
  const known = SRU_TEXTS[key] ?? SRU_TEXTS[text.toLowerCase().replace(/[’‘]/g, "'")];
  if (known) return { parsed: { value: null, mask: known }, raw: text };
  // A rate typed with a semicolon instead of a decimal comma (« 38;62% »): read as 38,62 %.
  if (kind === 'taux' && /^\d{1,3};\d{1,2}\s*%$/.test(text)) {
    const fixed = parseFrenchNumber(text.replace(';', ','), loc);
    return { parsed: fixed, raw: text };
  }
  const parsed = parseFrenchNumber(text, loc, kind === 'lls' ? { integer: true } : {});
  if (kind === 'taux' && parsed.value !== null && parsed.value > 100) {
    return {
      parsed: { value: null, mask: `taux publié « ${text} » impossible (plus de 100 %) : écarté` },
      raw: text,
    };
  }
  return { parsed, raw: text };
}

/** Reads an official « Communes et inventaire SRU » CSV of any vintage (2023 → 2026 layouts). */
export function readOfficialCsv(
  table: CsvTable,
  res: ResolvedResource | Resource,
  ctx: Pick<PipelineContext, 'territories'>,
  st: SourceStats,
  priority: number,
): SruRecord[] {
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
    const loc = (column: string) => ({
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
    const llsCell = parseSruCell(row.get(cLls), loc(cLls), 'lls');
    const tauxCell = parseSruCell(row.get(cTaux), loc(cTaux), 'taux');
    const rec: SruRecord = {
      code: m.code,
      year,
      lls: llsCell.parsed,
      taux: tauxCell.parsed,
      flags: res.kind === 'official' ? [] : ['derived'],
      sourceId: res.id,
      priority,
    };
    if (cCible) rec.cible = parseFrenchNumber(row.get(cCible), loc(cCible));
    if (cDef) rec.deficitaire = parseFlag(row.get(cDef), loc(cDef));
    if (cCar) rec.carencee = parseFlag(row.get(cCar), loc(cCar));
    if (cExe) rec.exemptee = parseFlag(row.get(cExe), loc(cExe));
    if (cPre) rec.prelevement = parseFrenchNumber(row.get(cPre), loc(cPre), { dashIsZero: true });
    if (m.via !== 'cog2025') rec.note = `code ${raw} de la source rattaché à ${m.code} (COG 2025)`;
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

export function readRouagesJson(
  text: string,
  res: Resource,
  ctx: Pick<PipelineContext, 'territories'>,
  st: SourceStats,
  priority: number,
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
    const num = (x: number | null, text?: string | null): Parsed =>
      x === null
        ? { value: null, mask: text ? `« ${text} » dans la source` : 'non renseigné dans la source' }
        : { value: x };
    out.push({
      code: m.code,
      year,
      lls: num(v.lls, v.llsTexte),
      taux: num(v.taux, v.tauxTexte),
      cible: num(v.cible),
      deficitaire: v.deficitaire,
      carencee: v.carencee,
      exemptee: v.exemptee,
      prelevement: num(v.prelevement),
      flags: ['derived'],
      sourceId: res.id,
      priority,
      note: m.via !== 'cog2025' ? `code ${raw} de la source rattaché à ${m.code} (COG 2025)` : undefined,
    });
    st.rows_kept++;
  }
  return out;
}

/** The 2004–2022 series: counts only; merged communes are summed, rates recomputed from the sums. */
export function readSeriesCsv(
  table: CsvTable,
  res: Resource,
  ctx: Pick<PipelineContext, 'territories'>,
  st: SourceStats,
  priority: number,
): SruRecord[] {
  // Every year must have both its columns: a missing one is an error, never a silently shorter series.
  const yearSet = new Set<number>();
  for (const k of table.columns.keys()) {
    const m = /^(?:social_units|total_unit)_(\d{4})$/.exec(k);
    if (m) yearSet.add(Number(m[1]));
  }
  const years = [...yearSet].sort();
  for (const y of years) {
    for (const c of [`social_units_${y}`, `total_unit_${y}`]) {
      if (!table.columns.has(c))
        throw new InputError(
          { file: table.file, line: table.headerLine, column: c },
          'colonne absente de l’en-tête',
        );
    }
  }
  for (let y = years[0]!; y <= years[years.length - 1]!; y++) {
    if (!yearSet.has(y)) {
      throw new InputError(
        { file: table.file, line: table.headerLine, column: `social_units_${y}` },
        `année ${y} absente de la série`,
      );
    }
  }
  const acc = new Map<
    string,
    { lls: (number | null)[]; rp: (number | null)[]; parts: string[]; corrupt: boolean[] }
  >();
  const seen = new Set<string>();
  for (const row of table.rows) {
    st.rows_read++;
    const raw = row.get('cod').trim();
    const loc = (column: string) => ({ file: table.file, line: row.line, column });
    if (seen.has(raw)) throw new InputError(loc('cod'), `commune ${raw} en double`);
    seen.add(raw);
    const m = toCog2025(raw, ctx.territories);
    if (!m) {
      reject(st, `code commune inconnu du COG 2025 (${raw})`);
      continue;
    }
    const cur = acc.get(m.code) ?? {
      lls: years.map(() => 0),
      rp: years.map(() => 0),
      parts: [],
      corrupt: years.map(() => false),
    };
    years.forEach((y, i) => {
      const l = parseFrenchNumber(row.get(`social_units_${y}`), loc(`social_units_${y}`), {
        integer: true,
      }).value;
      const r = parseFrenchNumber(row.get(`total_unit_${y}`), loc(`Total_unit_${y}`), {
        integer: true,
      }).value;
      // Known defect: Total_unit_2007 copied from social_units_2007 in 866 rows.
      if (l !== null && r !== null && r === l && l > 0) cur.corrupt[i] = true;
      cur.lls[i] = l === null || cur.lls[i] === null ? null : cur.lls[i]! + l;
      cur.rp[i] = r === null || cur.rp[i] === null ? null : cur.rp[i]! + r;
    });
    cur.parts.push(raw);
    acc.set(m.code, cur);
    st.rows_kept++;
  }
  const out: SruRecord[] = [];
  for (const [code, a] of acc) {
    years.forEach((year, i) => {
      const note =
        a.parts.length > 1 ? `somme des communes ${a.parts.join(', ')} regroupées au COG 2025` : undefined;
      out.push({
        code,
        year,
        lls: a.lls[i] === null ? MISSING : { value: a.lls[i]! },
        rp: a.corrupt[i]
          ? {
              value: null,
              mask: 'résidences principales corrompues dans l’extrait (égales aux logements sociaux)',
            }
          : a.rp[i] === null
            ? MISSING
            : { value: a.rp[i]! },
        flags: ['derived'],
        sourceId: res.id,
        priority,
        note,
      });
    });
  }
  return out;
}

export const sruPipeline: Pipeline = {
  family: 'sru',
  resources: SRU_RESOURCES,
  async run(ctx, inputs) {
    const stats: Record<string, SourceStats> = {};
    const records: SruRecord[] = [];
    SRU_RESOURCES.forEach((res, priority) => {
      const r = inputs.get(res.id);
      if (!r) return;
      const st = (stats[res.id] = emptyStats());
      if (r.file.endsWith('.json')) {
        records.push(...readRouagesJson(readJsonText(r.path, r.file), r, ctx, st, priority));
      } else if (r.id === 'sru-serie-2004-2022') {
        const table = readCsvFile(
          r.path,
          {
            encoding: 'utf-8',
            delimiter: ',',
            required: ['cod', /^social_units_\d{4}$/, /^total_unit_\d{4}$/],
          },
          r.file,
        );
        records.push(...readSeriesCsv(table, r, ctx, st, priority));
      } else {
        const table = readCsvFile(
          r.path,
          {
            encoding: 'auto',
            required: ['code_insee_commune', /^nombre_lls/, /^taux_sru_au_01_01_\d{4}$/],
            headerSearch: 1,
          },
          r.file,
        );
        records.push(...readOfficialCsv(table, r, ctx, st, priority));
      }
    });
    // One record per commune and year: the highest-priority file wins.
    const best = new Map<string, SruRecord>();
    for (const rec of records) {
      const key = `${rec.code}|${rec.year}`;
      const cur = best.get(key);
      if (!cur || rec.priority < cur.priority) best.set(key, rec);
      else if (cur.priority === rec.priority) {
        throw new InputError(
          { file: rec.sourceId },
          `deux lignes pour la commune ${rec.code} en ${rec.year}`,
        );
      }
    }
    const observations = [...best.values()].flatMap(sruObservations);
    return { observations, stats };
  },
};
