/**
 * INSEE recensement de la population: ménages (résidences principales), logements, logements
 * vacants and ménages locataires d'un logement social, per commune, for RP 2023 and RP 2012.
 * See `OBSERVATOIRE_MIRROR/insee/PROVENANCE.md` §2, §3 and « Added 2026-11-27 ».
 *
 * Source in the mirror: the rouages.fr extracts `derived_rouages_<dep>-parc_rp2023_rp2012.json`
 * (Melodi `DS_RP_LOGEMENT_PRINC` values reshaped by a third party, flagged `derived`). Values are census
 * estimates rounded to 0.1 by the third party and kept as they are. Each file also carries the
 * département total (`dep`) and France (`france`): they are loaded as the producer's values at those
 * levels, so they win over the sums of communes computed by `aggregate.ts`.
 */
import { z } from 'zod';
import type { Flag, Level } from '../../core/registry.js';
import { searchKey } from '../../core/text.js';
import { toCog2025 } from '../lib/communes.js';
import { InputError } from '../lib/errors.js';
import { parseJson, readJsonText } from '../lib/json.js';
import {
  emptyStats,
  reject,
  type ObservationRow,
  type PipelineContext,
  type SourceStats,
} from '../lib/pipeline.js';
import type { Resource, ResolvedResource } from '../lib/resources.js';

export const MENAGES_DEPS = ['75', '77', '78', '91', '92', '93', '94', '95', '13', '89'];

export const MENAGES_RESOURCES: Resource[] = MENAGES_DEPS.map((dep) => ({
  id: `insee-rp-logement-${dep}`,
  family: 'insee',
  title: `Recensements 2023 et 2012 — logements et statut d’occupation, communes du ${dep} (extrait rouages.fr de Melodi DS_RP_LOGEMENT_PRINC)`,
  file: `derived_rouages_${dep}-parc_rp2023_rp2012.json`,
  kind: 'derived',
  vintage: 'recensements de la population 2023 et 2012',
  required: false,
  producer: 'INSEE (valeurs), remises en forme par rouages.fr',
  notes:
    'Valeurs officielles du jeu Melodi DS_RP_LOGEMENT_PRINC (cellules où toutes les autres dimensions valent _T), arrondies à 0,1 et remises en forme par rouages.fr ; totaux du département et de la France tels que publiés dans le fichier.',
}));

/** Index in each 9-value vector, the indicator it feeds and the label the file must carry there. */
export const MENAGES_FIELDS = [
  { idx: 0, indicator: 'logements', label: 'Logements' },
  { idx: 1, indicator: 'menages', label: 'Résidences principales' },
  { idx: 3, indicator: 'logements_vacants', label: 'Logements vacants' },
  { idx: 6, indicator: 'locataires_hlm', label: 'Locataires d’un logement social' },
] as const;
const IDX_MENAGES = 1;
const IDX_HLM = 6;
const N_VALUES = 9;

const vector = z.array(z.number().finite().nonnegative().nullable()).length(N_VALUES);
const perYear = z.array(vector.nullable());
const parcFile = z.object({
  maj: z.string(),
  millesimes: z.array(z.number().int().min(1960).max(2100)).min(1),
  libelles: z.array(z.string()).length(N_VALUES),
  dep: perYear,
  france: perYear,
  c: z.record(z.string(), z.unknown()),
});
export type ParcFile = z.infer<typeof parcFile>;

const SMALL = 200;
const SMALL_NOTE = `estimation inférieure à ${SMALL} : l’INSEE déconseille de l’utiliser`;
const MISSING_YEAR = 'millésime absent du fichier pour ce territoire (null)';
const MISSING_VALUE = 'valeur absente du fichier (null)';

function fail(res: Resource, path: (string | number | symbol)[], message: string): never {
  throw new InputError({ file: res.file, column: path.map(String).join('.') || undefined }, message);
}

/** Parses and validates one rouages « parc » file (structure, label of every index we read). */
export function parseParcFile(text: string, res: Resource): ParcFile {
  const f = parseJson(text, res.file, parcFile);
  for (const { idx, label } of MENAGES_FIELDS)
    if (searchKey(f.libelles[idx]!) !== searchKey(label))
      fail(
        res,
        ['libelles', idx],
        `libellé « ${label} » attendu à l’indice ${idx}, trouvé « ${f.libelles[idx]} » : structure inconnue`,
      );
  const n = f.millesimes.length;
  if (f.dep.length !== n) fail(res, ['dep'], `${n} millésimes attendus, ${f.dep.length} trouvés`);
  if (f.france.length !== n) fail(res, ['france'], `${n} millésimes attendus, ${f.france.length} trouvés`);
  for (const [code, v] of Object.entries(f.c)) {
    const c = perYear.safeParse(v);
    if (!c.success) {
      const issue = c.error.issues[0]!;
      fail(res, ['c', code, ...issue.path], `valeur inattendue (${issue.message})`);
    }
    if (c.data.length !== n) fail(res, ['c', code], `${n} millésimes attendus, ${c.data.length} trouvés`);
  }
  return f;
}

type Vec = (number | null)[] | null;

/** The observations of one territory and one year: the four counts and the HLM share. */
export function territoryObservations(
  level: Level,
  code: string,
  year: number,
  vec: Vec,
  sourceId: string,
  note: string | null,
  flags: Flag[] = ['derived'],
): ObservationRow[] {
  const out: ObservationRow[] = [];
  const val = (idx: number) => (vec ? (vec[idx] ?? null) : null);
  const missing = vec ? MISSING_VALUE : MISSING_YEAR;
  const withNote = (v: number, extra: string | null) =>
    [note, level === 'commune' && v < SMALL ? SMALL_NOTE : null, extra].filter(Boolean).join(' ; ') || null;
  for (const { idx, indicator } of MENAGES_FIELDS) {
    const v = val(idx);
    out.push({
      indicator,
      level,
      code,
      year,
      value: v,
      source_id: sourceId,
      flags: v === null ? [...flags, 'masked'] : flags,
      note: v === null ? missing : withNote(v, null),
    });
  }
  const hlm = val(IDX_HLM);
  const men = val(IDX_MENAGES);
  const ok = hlm !== null && men !== null && men > 0;
  out.push({
    indicator: 'part_locataires_hlm',
    level,
    code,
    year,
    value: ok ? (100 * hlm) / men : null,
    numerator: ok ? hlm : null,
    denominator: ok ? men : null,
    source_id: sourceId,
    flags: ok ? flags : [...flags, 'masked'],
    note: ok
      ? level === 'commune' && hlm < SMALL
        ? [note, `locataires HLM : ${SMALL_NOTE}`].filter(Boolean).join(' ; ')
        : note
      : men === 0
        ? 'non calculable : aucune résidence principale'
        : `non calculable : ${hlm === null ? 'locataires HLM' : 'ménages'} — ${missing}`,
  });
  return out;
}

interface Loaded {
  res: ResolvedResource;
  dep: string;
  file: ParcFile;
}

/**
 * Reads every rouages « parc » file present: communes (arrondissements or merged communes summed),
 * département totals as published, France once (from the most recent file; files must agree).
 */
export function runMenages(
  ctx: Pick<PipelineContext, 'territories'>,
  inputs: Map<string, ResolvedResource>,
  stats: Record<string, SourceStats>,
): ObservationRow[] {
  const loaded: Loaded[] = [];
  MENAGES_RESOURCES.forEach((r, i) => {
    const res = inputs.get(r.id);
    if (!res) return;
    loaded.push({ res, dep: MENAGES_DEPS[i]!, file: parseParcFile(readJsonText(res.path, res.file), res) });
  });
  const out: ObservationRow[] = [];
  for (const { res, dep, file } of loaded) {
    const st = (stats[res.id] = emptyStats());
    // Communes: map to COG 2025, sum the parts of one commune value by value.
    const sums = new Map<string, { parts: string[]; vias: Set<string> }>();
    for (const raw of Object.keys(file.c)) {
      st.rows_read++;
      const m = toCog2025(raw, ctx.territories);
      if (!m) {
        reject(st, `code commune inconnu du COG 2025 (${raw})`);
        continue;
      }
      const dRaw = ctx.territories.communes.get(m.code)!.departement;
      if (dRaw !== dep) {
        reject(st, `commune ${raw} hors du département ${dep} du fichier`);
        continue;
      }
      const cur = sums.get(m.code) ?? { parts: [], vias: new Set<string>() };
      cur.parts.push(raw);
      cur.vias.add(m.via);
      if (cur.vias.has('cog2025') && cur.vias.has('arrondissement'))
        throw new InputError(
          { file: res.file, column: `c.${raw}` },
          `commune ${m.code} présente à la fois sous son code et par arrondissement (${cur.parts.join(', ')}) : double compte`,
        );
      sums.set(m.code, cur);
      st.rows_kept++;
    }
    for (const [code, s] of sums) {
      file.millesimes.forEach((year, y) => {
        const vecs = s.parts.map((raw) => (file.c[raw] as Vec[])[y] ?? null);
        let vec: Vec;
        if (vecs.length === 1) vec = vecs[0]!;
        else if (vecs.some((x) => x === null)) vec = null;
        else
          vec = Array.from({ length: N_VALUES }, (_v, i) =>
            vecs.some((x) => x![i] === null) ? null : vecs.reduce((a, x) => a + x![i]!, 0),
          );
        const note =
          s.parts.length > 1
            ? `somme des codes ${s.parts.join(', ')} de la source (COG 2025)`
            : s.parts[0] !== code
              ? `code ${s.parts[0]} de la source rattaché à ${code} (COG 2025)`
              : null;
        out.push(...territoryObservations('commune', code, year, vec, res.id, note));
      });
    }
    // Département total as published in the file (wins over the sum of communes).
    file.millesimes.forEach((year, y) => {
      out.push(
        ...territoryObservations(
          'departement',
          dep,
          year,
          file.dep[y] ?? null,
          res.id,
          'total du département publié dans le fichier (valeur INSEE), retenu à la place de la somme des communes',
        ),
      );
    });
  }
  // France: identical in every file; taken from the most recent `maj`, differences noted.
  if (loaded.length) {
    const ref = [...loaded].sort((a, b) => b.file.maj.localeCompare(a.file.maj))[0]!;
    const differ = loaded.filter(
      (l) =>
        JSON.stringify(l.file.france) !== JSON.stringify(ref.file.france) ||
        JSON.stringify(l.file.millesimes) !== JSON.stringify(ref.file.millesimes),
    );
    if (differ.length)
      (stats[ref.res.id]!.notes ??= []).push(
        `Valeurs France lues dans ce fichier (mis à jour le ${ref.file.maj}) ; elles diffèrent dans ${differ.map((d) => d.res.file).join(', ')}.`,
      );
    ref.file.millesimes.forEach((year, y) => {
      out.push(
        ...territoryObservations(
          'france',
          'FR',
          year,
          ref.file.france[y] ?? null,
          ref.res.id,
          'total France publié dans le fichier (valeur INSEE)',
        ),
      );
    });
  }
  return out;
}
