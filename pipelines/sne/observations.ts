/**
 * From one vintage of the DRIHL socle (`socle.ts`) to observations, level by level:
 *
 * - région and départements: the DRIHL's own rows, as published;
 * - communes (COG 2025): the DRIHL's rows. **Paris** is one commune (75056) in the observatory: it takes
 *   the values of the département row 75 (the workbook's commune row 75056 holds only the demands
 *   without an arrondissement; the mirror's extract already repeats the département there). The 20
 *   arrondissement rows are not loaded and never added to Paris. Codes of former communes go to their
 *   COG 2025 successor: counts are added (a demand has one first choice, so they do not overlap), the
 *   ratio is recomputed, medians and shares are left missing;
 * - EPT and EPCI whose communes all lie in the file: sums of their communes' demands and attributions
 *   (a masked commune is left out: the sum is flagged `partial` and its note names the commune), the
 *   ratio recomputed from the communes that publish both counts. No EPT/EPCI value for the median
 *   delay, the share of old demands or the ratios by dwelling size (they do not add up).
 *
 * A masked cell gives a null value flagged `masked` with the reason; a ratio or median without any
 * attribution in the year is null with « non calculable », never 0.
 */
import type { Flag, Level } from '../../core/registry.js';
import { toCog2025 } from '../lib/communes.js';
import { InputError } from '../lib/errors.js';
import { reject, type ObservationRow, type SourceStats, type TerritoryIndex } from '../lib/pipeline.js';
import {
  MEASURES,
  MEASURE_INDICATOR,
  type Cell,
  type Measure,
  type SocleRow,
  type SocleTable,
} from './socle.js';

/** « 1 commune », « 36 communes » (French: 0 and 1 are singular). */
function formatCount(n: number, word: string): string {
  return `${n} ${word}${n > 1 ? 's' : ''}`;
}

export const MASK_NOTE =
  'valeur masquée par la DRIHL (« - » : moins de 10 demandes ou attributions, secret statistique)';

interface Entry {
  level: Level;
  code: string;
  name: string;
  cells: Record<Measure, Cell>;
  /** Note carried by every value of the entry (Paris, merged communes). */
  note: string | null;
}

const COUNTS: Measure[] = ['demandes', 'attributions'];

/** The reason a null value is null, from the entry's counts. */
function nullNote(m: Measure, cells: Record<Measure, Cell>, year: number): { note: string; masked: boolean } {
  const att = cells.attributions.value;
  const dem = cells.demandes.value;
  if ((m === 'tension' || m === 't1' || m === 't3') && att === 0)
    return { note: `non calculable : aucune attribution en ${year}`, masked: false };
  if (m === 'delai' && att === 0)
    return { note: `sans objet : aucune attribution en ${year}`, masked: false };
  if (m === 'anc5' && dem === 0)
    return { note: `sans objet : aucune demande au 31 décembre ${year}`, masked: false };
  if (m === 't1' || m === 't3')
    return {
      note: `${MASK_NOTE}, ou rapport non calculable pour cette taille de logement`,
      masked: true,
    };
  return { note: MASK_NOTE, masked: true };
}

function entryObservations(e: Entry, year: number, sourceId: string, flags: Flag[]): ObservationRow[] {
  return MEASURES.map((m) => {
    const c = e.cells[m];
    const base: ObservationRow = {
      indicator: MEASURE_INDICATOR[m],
      level: e.level,
      code: e.code,
      year,
      value: c.value,
      source_id: sourceId,
      flags: [...flags],
      note: e.note,
    };
    if (m === 'tension') {
      base.numerator = e.cells.demandes.value;
      base.denominator = e.cells.attributions.value;
    }
    if (c.value === null) {
      const why = nullNote(m, e.cells, year);
      base.note = e.note ? `${why.note} ; ${e.note}` : why.note;
      if (why.masked) base.flags.push('masked');
    }
    return base;
  });
}

const masked = (c: Cell) => c.value === null;

/** Several source rows for one COG 2025 commune (former communes): counts added, the rest not recomputable. */
function mergeCommunes(rows: SocleRow[], year: number): Pick<Entry, 'cells' | 'note'> {
  const codes = rows.map((r) => r.code).join(', ');
  const sum = (m: Measure): Cell =>
    rows.some((r) => masked(r.cells[m]))
      ? { value: null, raw: '' }
      : { value: rows.reduce((a, r) => a + r.cells[m].value!, 0), raw: '' };
  const demandes = sum('demandes');
  const attributions = sum('attributions');
  const none: Cell = { value: null, raw: '' };
  return {
    cells: {
      demandes,
      attributions,
      tension: {
        value: demandes.value !== null && attributions.value ? demandes.value / attributions.value : null,
        raw: '',
      },
      delai: none,
      anc5: none,
      t1: none,
      t3: none,
    },
    note: `commune formée de plusieurs communes du fichier ${year} (${codes}) : effectifs additionnés, rapport recalculé ; délai médian et parts non recalculables`,
  };
}

/** Commune, département and région entries of one table (Paris and former communes resolved). */
function entries(t: SocleTable, index: TerritoryIndex, st: SourceStats, extract: boolean): Entry[] {
  const out: Entry[] = [];
  const seen = new Map<string, number>();
  const once = (key: string, line: number) => {
    const first = seen.get(key);
    if (first !== undefined)
      throw new InputError({ file: t.file, line }, `${key} en double (déjà ligne ${first})`);
    seen.set(key, line);
  };
  const regions = new Set([...index.departements.values()].map((d) => d.region));
  const paris = t.rows.find((r) => r.niveau === 'departement' && r.code === '75');
  const byCommune = new Map<string, SocleRow[]>();
  for (const r of t.rows) {
    if (r.niveau === 'region' || r.niveau === 'departement') {
      const ok = r.niveau === 'region' ? regions.has(r.code) : index.departements.has(r.code);
      if (!ok) {
        reject(st, `${r.niveau === 'region' ? 'région' : 'département'} inconnu du COG 2025`);
        continue;
      }
      once(`${r.niveau} ${r.code}`, r.line);
      st.rows_kept++;
      out.push({ level: r.niveau, code: r.code, name: r.name, cells: r.cells, note: null });
      continue;
    }
    const m = toCog2025(r.code, index);
    if (!m) {
      reject(st, 'code commune inconnu du COG 2025 et de la table de passage');
      continue;
    }
    if (m.via === 'arrondissement') {
      reject(
        st,
        'arrondissement municipal (Paris) : non chargé, la commune 75056 porte l’ensemble de Paris et les arrondissements ne lui sont jamais additionnés',
      );
      continue;
    }
    once(`commune ${r.code}`, r.line);
    st.rows_kept++;
    byCommune.set(m.code, [...(byCommune.get(m.code) ?? []), r]);
  }
  for (const [code, rows] of byCommune) {
    const name = index.communes.get(code)?.name ?? rows[0]!.name;
    if (code === '75056') {
      if (!paris)
        throw new InputError(
          { file: t.file, line: rows[0]!.line },
          'ligne « Département 75 » absente : la valeur de la commune de Paris ne peut être établie',
        );
      const own = rows[0]!;
      if (extract)
        for (const m of COUNTS)
          if (own.cells[m].value !== paris.cells[m].value)
            throw new InputError(
              { file: t.file, line: own.line, column: m },
              `la ligne communale de Paris devrait répéter la ligne départementale (${paris.cells[m].raw}), trouvé « ${own.cells[m].raw} »`,
            );
      st.notes = [
        ...(st.notes ?? []),
        extract
          ? 'Paris (75056) : valeurs de la ligne départementale 75, que la ligne communale de l’extrait répète.'
          : `Paris (75056) : valeurs de la ligne départementale 75 ; la ligne communale du classeur (${own.cells.demandes.raw || '-'} demandes sans arrondissement précisé) n’est pas chargée.`,
      ];
      out.push({
        level: 'commune',
        code,
        name,
        cells: paris.cells,
        note: 'Paris : valeurs de l’ensemble de la commune (ligne départementale du socle) ; les arrondissements ne sont pas additionnés.',
      });
      continue;
    }
    if (rows.length === 1) {
      out.push({ level: 'commune', code, name, cells: rows[0]!.cells, note: null });
      continue;
    }
    out.push({ level: 'commune', code, name, ...mergeCommunes(rows, t.year) });
  }
  return out;
}

/** Names of communes for a note: « Coubron (93015), Périgny (94056) ». */
function names(codes: string[], index: TerritoryIndex): string {
  return codes.map((c) => `${index.communes.get(c)?.name ?? c} (${c})`).join(', ');
}

/** EPT and EPCI sums of communes (only groups whose every commune is in the table). */
function groupObservations(
  communes: Map<string, Entry>,
  index: TerritoryIndex,
  year: number,
  sourceId: string,
  flags: Flag[],
  st: SourceStats,
): ObservationRow[] {
  const groups = new Map<string, { level: Level; code: string; members: string[] }>();
  for (const [code, c] of index.communes) {
    for (const level of ['ept', 'epci'] as const) {
      const g = c[level];
      if (!g) continue;
      const key = `${level}:${g}`;
      const entry = groups.get(key) ?? { level, code: g, members: [] };
      entry.members.push(code);
      groups.set(key, entry);
    }
  }
  const out: ObservationRow[] = [];
  let straddling = 0;
  for (const g of groups.values()) {
    const inFile = g.members.filter((m) => communes.has(m));
    if (!inFile.length) continue;
    if (inFile.length < g.members.length) {
      straddling++;
      continue;
    }
    const members = [...g.members].sort();
    const n = members.length;
    const sumNote = (what: string, known: string[], hidden: string[]) =>
      `Somme calculée par l’observatoire sur ${formatCount(known.length, 'commune')} sur ${n}` +
      (hidden.length
        ? ` ; valeur minimale : ${what} masquées par la DRIHL (moins de 10) pour ${names(hidden, index)}, absentes de la somme`
        : '');
    for (const m of COUNTS) {
      const known = members.filter((c) => communes.get(c)!.cells[m].value !== null);
      const hidden = members.filter((c) => !known.includes(c));
      const value = known.length ? known.reduce((a, c) => a + communes.get(c)!.cells[m].value!, 0) : null;
      out.push({
        indicator: MEASURE_INDICATOR[m],
        level: g.level,
        code: g.code,
        year,
        value,
        source_id: sourceId,
        flags: [
          ...flags,
          ...(hidden.length ? (['partial'] as Flag[]) : []),
          ...(value === null ? (['masked'] as Flag[]) : []),
        ],
        note:
          value === null
            ? `${MASK_NOTE} pour toutes les communes`
            : sumNote(m === 'demandes' ? 'demandes' : 'attributions', known, hidden),
        n_units: known.length,
        n_units_expected: n,
      });
    }
    const both = members.filter((c) => COUNTS.every((m) => communes.get(c)!.cells[m].value !== null));
    const excluded = members.filter((c) => !both.includes(c));
    const num = both.reduce((a, c) => a + communes.get(c)!.cells.demandes.value!, 0);
    const den = both.reduce((a, c) => a + communes.get(c)!.cells.attributions.value!, 0);
    const ok = both.length > 0 && den > 0;
    out.push({
      indicator: MEASURE_INDICATOR.tension,
      level: g.level,
      code: g.code,
      year,
      value: ok ? num / den : null,
      numerator: both.length ? num : null,
      denominator: both.length ? den : null,
      source_id: sourceId,
      flags: [
        ...flags,
        ...(excluded.length ? (['partial'] as Flag[]) : []),
        ...(!ok && excluded.length ? (['masked'] as Flag[]) : []),
      ],
      note: !ok
        ? excluded.length
          ? `${MASK_NOTE} pour ${names(excluded, index)} ; aucune attribution publiée pour les autres communes`
          : `non calculable : aucune attribution en ${year}`
        : `Recalculé par l’observatoire : somme des demandes ÷ somme des attributions de ${formatCount(both.length, 'commune')} sur ${n}` +
          (excluded.length
            ? ` ; écartées des deux sommes, demandes ou attributions masquées par la DRIHL : ${names(excluded, index)}`
            : ''),
      n_units: both.length,
      n_units_expected: n,
    });
  }
  if (straddling)
    st.notes = [
      ...(st.notes ?? []),
      `${formatCount(straddling, 'EPCI')} à cheval sur l’Île-de-France et une autre région : pas de somme (communes hors du fichier).`,
    ];
  return out;
}

/** Département rows against the sum of their communes: equal where no commune is masked. */
function reconcile(list: Entry[], index: TerritoryIndex): string {
  const parts: string[] = [];
  for (const d of list.filter((e) => e.level === 'departement')) {
    if (d.code === '75') continue; // Paris: one commune, the département's own values
    const communes = list.filter(
      (e) => e.level === 'commune' && index.communes.get(e.code)?.departement === d.code,
    );
    const diff = COUNTS.map((m) => {
      const sum = communes.reduce((a, e) => a + (e.cells[m].value ?? 0), 0);
      return d.cells[m].value === sum ? null : `${m} ${sum} pour ${d.cells[m].raw} publiées`;
    }).filter(Boolean);
    parts.push(
      `${d.code} ${diff.length ? `(somme des communes : ${diff.join(', ')})` : '= somme des communes'}`,
    );
  }
  return `Lignes départementales et sommes communales : ${parts.join(' ; ')} (écarts dus aux communes masquées).`;
}

/** All observations of one vintage of the socle. `flags` go on every value (`derived` for the extract). */
export function socleObservations(
  t: SocleTable,
  sourceId: string,
  index: TerritoryIndex,
  st: SourceStats,
  opts: { flags: Flag[]; extract: boolean },
): ObservationRow[] {
  const list = entries(t, index, st, opts.extract);
  const communes = new Map(list.filter((e) => e.level === 'commune').map((e) => [e.code, e]));
  st.notes = [...(st.notes ?? []), ...t.notes, reconcile(list, index)];
  return [
    ...list.flatMap((e) => entryObservations(e, t.year, sourceId, opts.flags)),
    ...groupObservations(communes, index, t.year, sourceId, opts.flags, st),
  ];
}
