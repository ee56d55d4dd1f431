/**
 * Published figures copied by hand, with their citation: `pipelines/curated/figures.csv` (UTF-8, one
 * row per figure). Used for what has no open data file (SNE demand and allocations, DALO, hébergement).
 *
 * One file for every family, read by each family's module (`sne`, `hebergement-dalo-expulsions`), which
 * keeps the rows of the indicators of its own family. The build reuses and rebuilds rows family by family
 * (sources are copied by `family`), so a single module emitting two families would break `--only`.
 *
 * Every row is checked (zod, then the registry and the COG): unknown indicator, indicator that is not a
 * published-figure indicator (`curated`, or an open series taking `published_points`), unit differing from the registry, unknown
 * territory, duplicate (indicator, level, code, year), incomplete citation, or one citation id written
 * two ways → InputError naming the file, line and column. Nothing is skipped silently.
 *
 * Each distinct citation (`source_id`) becomes one `sources` row (kind `curated`, origin `repository`,
 * file = this CSV, producer = publisher, url, publication date, page); each figure becomes one
 * observation flagged `curated` whose note carries the publisher's definition.
 */
import { z } from 'zod';
import type { FamilyId } from '../../core/families.js';
import {
  LEVELS,
  hasIndicator,
  indicator,
  type Flag,
  type IndicatorDef,
  type Level,
} from '../../core/registry.js';
import { searchKey } from '../../core/text.js';
import { readCsvFile, type CsvTable } from './csv.js';
import { InputError } from './errors.js';
import type { ObservationRow, SourceStats, TerritoryIndex } from './pipeline.js';
import type { Resource, ResolvedResource } from './resources.js';

export const CURATED_FILE = 'pipelines/curated/figures.csv';
/** Families whose module reads the curated file: a row of another family would be lost, so it is refused. */
export const CURATED_FAMILIES: FamilyId[] = ['sne', 'hebergement-dalo-expulsions'];
/** What a row says when the publication does not give a URL, a date or a page. */
export const NOT_GIVEN = 'non précisée';

export const CURATED_COLUMNS = [
  'indicator',
  'level',
  'code',
  'year',
  'value',
  'unit',
  'flags',
  'definition',
  'source_id',
  'source_title',
  'publisher',
  'url',
  'published',
  'page',
  'recorded_on',
  'notes',
] as const;
type Column = (typeof CURATED_COLUMNS)[number];
const CITATION_COLUMNS = ['source_title', 'publisher', 'url', 'published', 'page', 'recorded_on'] as const;

export function curatedResource(family: FamilyId): Resource {
  return {
    id: `${family}-chiffres-publies`,
    family,
    title: `Chiffres publiés recopiés avec leur référence (${CURATED_FILE})`,
    file: CURATED_FILE,
    kind: 'curated',
    vintage: 'voir chaque citation',
    required: true,
    repository: true,
    perCitation: true,
  };
}

const isNotGiven = (s: string) => searchKey(s) === searchKey(NOT_GIVEN);
const orNotGiven = (test: (s: string) => boolean, what: string) =>
  z
    .string()
    .trim()
    .refine((s) => isNotGiven(s) || test(s), `${what}, ou « ${NOT_GIVEN} » si la publication ne le donne pas`)
    .transform((s) => (isNotGiven(s) ? null : s));
const ALLOWED_FLAGS = ['rounded', 'estimated', 'partial', 'suspect', 'series_break'] as const;

const Row = z.object({
  indicator: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]+$/, 'identifiant d’indicateur du registre attendu'),
  level: z.enum(LEVELS, `niveau attendu parmi : ${LEVELS.join(', ')}`),
  code: z
    .string()
    .trim()
    .regex(/^[0-9A-Z]{2,9}$/, 'code de territoire attendu (ex. 92, 11, 92050)'),
  year: z
    .string()
    .trim()
    .regex(/^(19|20)\d\d$/, 'année sur 4 chiffres attendue')
    .transform(Number),
  value: z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/, 'nombre attendu, avec un point décimal (ex. 30.1), sans espace ni unité')
    .transform(Number),
  unit: z.string().trim().min(1, 'unité du registre attendue'),
  flags: z
    .string()
    .trim()
    .transform((s) => (s ? s.split(/[\s|]+/) : []))
    .pipe(z.array(z.enum(ALLOWED_FLAGS, `drapeaux possibles : ${ALLOWED_FLAGS.join(', ')}`))),
  definition: z.string().trim().min(3, 'définition de la publication manquante (citez son libellé)'),
  source_id: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{2,59}$/, 'identifiant de citation attendu (minuscules, chiffres, tirets)'),
  source_title: z.string().trim().min(3, 'titre de la publication manquant'),
  publisher: z.string().trim().min(2, 'éditeur de la publication manquant'),
  url: orNotGiven((s) => /^https?:\/\/\S+$/.test(s), 'adresse http(s) de la publication attendue'),
  published: orNotGiven(
    (s) => /^\d{4}(-\d\d(-\d\d)?)?$/.test(s),
    'date de publication attendue (AAAA, AAAA-MM ou AAAA-MM-JJ)',
  ),
  page: orNotGiven((s) => s.length > 0, 'page, tableau ou rubrique attendu'),
  recorded_on: z
    .string()
    .trim()
    .regex(/^\d{4}-\d\d-\d\d$/, 'date du relevé attendue (AAAA-MM-JJ)'),
  notes: z.string().trim(),
});
export type CuratedRow = z.output<typeof Row>;

export interface CuratedFigure {
  line: number;
  row: CuratedRow;
  def: IndicatorDef;
}

export interface Citation {
  id: string;
  family: FamilyId;
  title: string;
  publisher: string;
  url: string | null;
  published: string | null;
  page: string | null;
  recorded_on: string;
  line: number;
}

function territorySets(index: TerritoryIndex): Record<Level, Set<string>> {
  const communes = [...index.communes.values()];
  return {
    commune: new Set(index.communes.keys()),
    departement: new Set(index.departements.keys()),
    region: new Set([...index.departements.values()].map((d) => d.region)),
    epci: new Set(communes.flatMap((c) => (c.epci ? [c.epci] : []))),
    ept: new Set(communes.flatMap((c) => (c.ept ? [c.ept] : []))),
    france: new Set(['FR']),
  };
}

const COUNT_UNITS = new Set([
  'habitants',
  'logements',
  'menages',
  'foyers',
  'demandes',
  'attributions',
  'recours',
  'places',
  'personnes',
  'decisions',
  'commandements',
]);

/** Reads and checks the whole curated file (every family), in file order. */
export function readCuratedTable(
  table: CsvTable,
  index: TerritoryIndex,
): { figures: CuratedFigure[]; citations: Map<string, Citation> } {
  const territories = territorySets(index);
  const figures: CuratedFigure[] = [];
  const citations = new Map<string, Citation>();
  const seen = new Map<string, number>();
  for (const r of table.rows) {
    const header = (c: Column) => table.header[table.columns.get(c)!] ?? c;
    const loc = (c: Column) => ({ file: table.file, line: r.line, column: header(c) });
    const raw = Object.fromEntries(CURATED_COLUMNS.map((c) => [c, r.get(c)]));
    const parsed = Row.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const col = String(issue.path[0] ?? 'indicator') as Column;
      throw new InputError(loc(col), `${issue.message} (trouvé « ${raw[col] ?? ''} »)`);
    }
    const row = parsed.data;
    if (!hasIndicator(row.indicator))
      throw new InputError(loc('indicator'), `indicateur « ${row.indicator} » inconnu du registre`);
    const def = indicator(row.indicator);
    if (!def.curated && !def.published_points)
      throw new InputError(
        loc('indicator'),
        `« ${row.indicator} » n’est pas un indicateur de chiffres publiés (curated) du registre : ajoutez un identifiant propre à la définition de cette publication`,
      );
    if (!CURATED_FAMILIES.includes(def.family))
      throw new InputError(
        loc('indicator'),
        `« ${row.indicator} » relève de la famille ${def.family}, dont aucun module ne lit ce fichier`,
      );
    if (row.unit !== def.unit)
      throw new InputError(loc('unit'), `unité « ${def.unit} » attendue pour ${row.indicator}`);
    if (COUNT_UNITS.has(def.unit) && !Number.isInteger(row.value))
      throw new InputError(loc('value'), `effectif entier attendu, trouvé « ${raw.value} »`);
    if (def.unit === 'pct' && !def.diverging && (row.value < 0 || row.value > 100))
      throw new InputError(loc('value'), `pourcentage entre 0 et 100 attendu, trouvé « ${raw.value} »`);
    if (!territories[row.level].has(row.code))
      throw new InputError(
        loc('code'),
        `territoire ${row.level} « ${row.code} » inconnu du COG 2025 (code courant attendu)`,
      );
    const key = `${row.indicator}|${row.level}|${row.code}|${row.year}`;
    const first = seen.get(key);
    if (first !== undefined)
      throw new InputError(
        loc('year'),
        `chiffre en double : ${row.indicator}, ${row.level} ${row.code}, ${row.year} déjà donné ligne ${first}`,
      );
    seen.set(key, r.line);
    const cited: Citation = {
      id: row.source_id,
      family: def.family,
      title: row.source_title,
      publisher: row.publisher,
      url: row.url,
      published: row.published,
      page: row.page,
      recorded_on: row.recorded_on,
      line: r.line,
    };
    const known = citations.get(row.source_id);
    if (!known) citations.set(row.source_id, cited);
    else {
      if (known.family !== cited.family)
        throw new InputError(
          loc('source_id'),
          `la citation « ${row.source_id} » sert déjà à la famille ${known.family} (ligne ${known.line}) : donnez-lui un autre identifiant pour la famille ${cited.family}`,
        );
      const names: Record<(typeof CITATION_COLUMNS)[number], keyof Citation> = {
        source_title: 'title',
        publisher: 'publisher',
        url: 'url',
        published: 'published',
        page: 'page',
        recorded_on: 'recorded_on',
      };
      for (const c of CITATION_COLUMNS) {
        if (known[names[c]] !== cited[names[c]])
          throw new InputError(
            loc(c),
            `la citation « ${row.source_id} » est écrite autrement ligne ${known.line} (« ${known[names[c]] ?? NOT_GIVEN} ») : une citation, une seule écriture`,
          );
      }
    }
    figures.push({ line: r.line, row, def });
  }
  return { figures, citations };
}

export function readCuratedFile(
  path: string,
  label: string,
  index: TerritoryIndex,
): ReturnType<typeof readCuratedTable> {
  const table = readCsvFile(
    path,
    { encoding: 'utf-8', delimiter: ',', required: [...CURATED_COLUMNS] },
    label,
  );
  return readCuratedTable(table, index);
}

/** Observations, citation sources and stats of one family, from the resolved curated file. */
export function curatedOutput(
  family: FamilyId,
  res: ResolvedResource,
  index: TerritoryIndex,
): { observations: ObservationRow[]; sources: ResolvedResource[]; stats: Record<string, SourceStats> } {
  const { figures, citations } = readCuratedFile(res.path, res.file, index);
  const mine = figures.filter((f) => f.def.family === family);
  const stats: Record<string, SourceStats> = {
    [res.id]: { rows_read: mine.length, rows_kept: mine.length, rejected: {} },
  };
  const observations: ObservationRow[] = mine.map(({ row }) => ({
    indicator: row.indicator,
    level: row.level,
    code: row.code,
    year: row.year,
    value: row.value,
    source_id: row.source_id,
    flags: ['curated', ...row.flags] as Flag[],
    note: `Définition de la publication : « ${row.definition} »${row.notes ? ` — ${row.notes}` : ''}`,
  }));
  const sources: ResolvedResource[] = [];
  for (const c of citations.values()) {
    if (c.family !== family) continue;
    const rows = mine.filter((f) => f.row.source_id === c.id);
    const years = [...new Set(rows.map((f) => f.row.year))].sort();
    stats[c.id] = { rows_read: rows.length, rows_kept: rows.length, rejected: {} };
    const missing = [
      c.url ? null : 'adresse de la publication non précisée',
      c.published ? null : 'date de publication non précisée',
      c.page ? null : 'page non précisée',
    ].filter(Boolean);
    sources.push({
      ...res,
      id: c.id,
      title: c.title,
      producer: c.publisher,
      // A figure copied from a publication has no licence of its own: it is cited.
      licence: 'Chiffre publié (citation) — pas de fichier ouvert',
      url: c.url ?? undefined,
      dataset_url: null,
      vintage: `chiffres ${years.join(', ')}${c.published ? `, publication ${c.published}` : ''}`,
      published: c.published,
      page: c.page,
      retrievedAt: c.recorded_on,
      perCitation: false,
      notes: `Chiffres publiés recopiés dans ${CURATED_FILE} (relevés le ${c.recorded_on})${missing.length ? ` ; ${missing.join(', ')}` : ''}.`,
    });
  }
  return { observations, sources, stats };
}
