/**
 * The SRU path of a commune over the 2026–2032 mandate: the legal catch-up objective of each
 * triennial period (2023–2025, 2026–2028, 2029–2031), the pace needed to reach the legal rate by
 * 2032, and the pace observed between inventories. `sruPath` is pure (inventory series in, path
 * out) and unit-tested; `loadSruPath` reads the series of one commune.
 *
 * The rule (article L302-8 of the Code de la construction et de l'habitation, as amended by
 * article 68 of law no. 2022-217 of 21 February 2022, « 3DS »): the prefect notifies, for each
 * triennial period counted from 1 January 2002, an objective equal to a share of the social
 * dwellings missing to reach the legal rate — 33 % as the general rule, raised to 50 % when the
 * commune's rate is within 4 points of its legal rate and to 100 % within 2 points, so that the
 * last dwellings are not spread over ever more periods. Reduced shares for communes newly subject to
 * the law or under a « contrat de mixité sociale » are not in open data and are stated as such.
 */
import type { Store } from '../store.js';
import { sourcesById, type SourceOut } from './sources.js';
import { intervalColumns } from './intervals.js';

export const LAW_REFERENCE =
  'article L302-8 du code de la construction et de l’habitation, modifié par l’article 68 de la loi n° 2022-217 du 21 février 2022 (« 3DS »)';

/** Share of the missing dwellings to deliver in a triennial period, by distance to the legal rate. */
export const CATCH_UP_RULES = [
  {
    maxGap: 2,
    share: 1,
    label: '100 % des logements manquants, le taux étant à 2 points ou moins du taux légal',
  },
  {
    maxGap: 4,
    share: 0.5,
    label: '50 % des logements manquants, le taux étant à 4 points ou moins du taux légal',
  },
  { maxGap: Infinity, share: 0.33, label: '33 % des logements manquants, règle générale' },
] as const;

/** End of the municipal mandate: the path aims at the inventory of 1 January 2032. */
export const MANDATE_END = 2032;

/** Triennial periods shown: the one that ended, the running one, the next one. */
export const PERIODS = [
  { start: 2023, end: 2025, phase: 'terminee' },
  { start: 2026, end: 2028, phase: 'en_cours' },
  { start: 2029, end: 2031, phase: 'a_venir' },
] as const;

/** Flags that keep a value out of the path (never used in a computation). */
const UNUSABLE = ['masked', 'incoherent', 'suspect'];

export interface InventoryPoint {
  /** Inventory at 1 January of this year. */
  year: number;
  value: number | null;
  /** Interval of a value deduced from a rounded rate (résidences principales, missing dwellings). */
  low: number | null;
  high: number | null;
  flags: string[];
  source_id: string;
}

export interface SruPathInput {
  lls: InventoryPoint[];
  rp: InventoryPoint[];
  taux: InventoryPoint[];
  cible: InventoryPoint[];
  exemptee: InventoryPoint[];
  carencee: InventoryPoint[];
}

export interface Range {
  value: number;
  low: number;
  high: number;
}

export interface PeriodOut {
  start: number;
  end: number;
  phase: 'terminee' | 'en_cours' | 'a_venir';
  /** Social dwellings to deliver over the period (null: no objective or not computable). */
  objective: Range | null;
  /** « exempted », « target reached »… when there is no objective. */
  status: 'objectif' | 'exemptee' | 'taux_atteint' | 'non_calculable' | 'projection';
  /** Inventory the objective is computed from, and how it relates to the legal basis. */
  basis: {
    year: number | null;
    /** The inventory the law uses: 1 January of the year before the period. */
    legal_year: number;
    lls: number | null;
    rp: Range | null;
    rate: number | null;
    target: number | null;
    missing: Range | null;
    note: string | null;
  };
  /** The share of the missing dwellings that applies, in words. */
  rule: string | null;
  share: number | null;
  source: string;
  /** What the inventories say happened during the period so far (net change of the social stock). */
  observed: { from_year: number; to_year: number; change: number; per_year: number } | null;
  note: string | null;
}

export interface PaceOut {
  from_year: number;
  to_year: number;
  /** Net change of the social stock over the window. */
  change: number;
  per_year: number;
  note: string | null;
}

export interface SruPathOut {
  /** The commune's situation at its latest inventory. */
  situation:
    'deficitaire' | 'exemptee' | 'taux_atteint' | 'non_inventoriee' | 'hors_inventaire' | 'incoherent';
  latest: {
    year: number;
    lls: number | null;
    rp: Range | null;
    rate: number | null;
    target: number | null;
    missing: Range | null;
    carencee: boolean | null;
  } | null;
  periods: PeriodOut[];
  paces: {
    /** Dwellings a year from the latest inventory to 1 January 2032 (résidences principales constant). */
    required_by_2032: (Range & { years: number; from_year: number; total: Range }) | null;
    /** The running period's objective spread over its three years. */
    legal_current: (Range & { period: string }) | null;
    /** Net change of the social stock between inventories, per year. */
    observed: PaceOut[];
  };
  /** Points of the trajectory chart: social dwellings by inventory, and the path to the target. */
  trajectory: {
    actual: { year: number; lls: number; source_id: string }[];
    required: { year: number; lls: number; low: number; high: number }[];
    target_lls: Range | null;
    objective_2028: { year: number; lls: Range } | null;
  };
  assumptions: string[];
}

const usable = (p: InventoryPoint | undefined | null): p is InventoryPoint & { value: number } =>
  !!p && p.value !== null && Number.isFinite(p.value) && !p.flags.some((f) => UNUSABLE.includes(f));

const at = (s: InventoryPoint[], year: number) => s.find((p) => p.year === year);

/** The latest usable point at or before `year`. */
function atOrBefore(s: InventoryPoint[], year: number): (InventoryPoint & { value: number }) | undefined {
  return [...s].filter((p) => p.year <= year && usable(p)).sort((a, b) => b.year - a.year)[0] as
    (InventoryPoint & { value: number }) | undefined;
}

function rangeOf(p: InventoryPoint & { value: number }): Range {
  return { value: p.value, low: p.low ?? p.value, high: p.high ?? p.value };
}

/** Missing dwellings to reach `target` % of `rp`: rounded up, never negative (an interval with rp). */
export function missingDwellings(lls: number, rp: Range, target: number): Range {
  const m = (r: number) => Math.max(0, Math.ceil(Math.round(((target / 100) * r - lls) * 1e6) / 1e6));
  return { value: m(rp.value), low: m(rp.low), high: m(rp.high) };
}

export function catchUpRule(rate: number, target: number): (typeof CATCH_UP_RULES)[number] {
  const gap = Math.round((target - rate) * 1e6) / 1e6;
  return CATCH_UP_RULES.find((r) => gap <= r.maxGap)!;
}

function scale(r: Range, share: number): Range {
  const f = (x: number) => Math.ceil(Math.round(x * share * 1e6) / 1e6);
  return { value: f(r.value), low: f(r.low), high: f(r.high) };
}

/** A year's status flag (exemption, carence): the one published during the period, else the latest. */
function statusFor(
  s: InventoryPoint[],
  start: number,
  end: number,
): { point: InventoryPoint & { value: number }; inPeriod: boolean } | null {
  // The file published in year Y+1 (inventory Y) carries the statuses of the period running in Y+1.
  const inPeriod = s
    .filter((p) => usable(p) && p.year + 1 >= start && p.year + 1 <= end)
    .sort((a, b) => b.year - a.year)[0];
  if (inPeriod) return { point: inPeriod as InventoryPoint & { value: number }, inPeriod: true };
  const latest = atOrBefore(s, end);
  return latest ? { point: latest, inPeriod: false } : null;
}

const yearText = (y: number) => `1er janvier ${y}`;

export function sruPath(input: SruPathInput): SruPathOut {
  const assumptions = [
    `Objectif de chaque période triennale : ${LAW_REFERENCE} — 33 % des logements sociaux manquants, 50 % quand le taux de la commune est à 4 points ou moins de son taux légal, 100 % à 2 points ou moins ; arrondi au logement supérieur.`,
    'Logements manquants = taux légal × résidences principales − logements sociaux, à l’inventaire du 1er janvier de l’année qui précède la période (quand il manque à nos sources : l’inventaire disponible le plus proche avant, signalé).',
    'Les résidences principales des fichiers récents sont déduites du taux publié arrondi : objectifs et rythmes sont donnés avec leur fourchette.',
    'Non pris en compte faute de données ouvertes : taux réduits des communes nouvellement soumises et des contrats de mixité sociale, mutualisation intercommunale ; l’objectif notifié par le préfet fait foi.',
    `Rythme nécessaire d’ici le ${yearText(MANDATE_END)} : à nombre de résidences principales constant (chaque résidence principale construite en plus relève l’objectif).`,
    'Rythme constaté : variation nette du nombre de logements sociaux entre deux inventaires (livraisons, acquisitions, conventionnements, moins démolitions et ventes) — ce n’est pas le décompte des logements financés du bilan triennal.',
  ];
  const llsPoints = input.lls.filter(usable).sort((a, b) => a.year - b.year);
  const latestYear = Math.max(...[...input.lls, ...input.taux].map((p) => p.year), -Infinity);
  const empty: SruPathOut = {
    situation: 'hors_inventaire',
    latest: null,
    periods: [],
    paces: { required_by_2032: null, legal_current: null, observed: [] },
    trajectory: { actual: [], required: [], target_lls: null, objective_2028: null },
    assumptions,
  };
  if (!Number.isFinite(latestYear)) return empty;

  // Latest situation.
  const tauxLatest = at(input.taux, latestYear);
  const llsLatest = at(input.lls, latestYear);
  const rpLatest = at(input.rp, latestYear);
  const cibleLatest = atOrBefore(input.cible, latestYear);
  const exLatest = at(input.exemptee, latestYear);
  const carLatest = at(input.carencee, latestYear);
  const notInventoried = !!tauxLatest?.flags.includes('not_inventoried');
  const incoherent = [tauxLatest, llsLatest, rpLatest].some((p) => p?.flags.includes('incoherent'));
  const rpRange = usable(rpLatest) ? rangeOf(rpLatest) : null;
  const latestMissing =
    usable(llsLatest) && rpRange && cibleLatest
      ? missingDwellings(llsLatest.value, rpRange, cibleLatest.value)
      : null;
  const situation: SruPathOut['situation'] =
    usable(exLatest) && exLatest.value === 1
      ? 'exemptee'
      : notInventoried
        ? 'non_inventoriee'
        : incoherent
          ? 'incoherent'
          : usable(tauxLatest) && cibleLatest
            ? tauxLatest.value >= cibleLatest.value
              ? 'taux_atteint'
              : 'deficitaire'
            : 'hors_inventaire';

  // Triennial periods.
  const periods: PeriodOut[] = [];
  let projectedFrom: { lls: number; rp: Range; target: number; year: number } | null = null;
  for (const p of PERIODS) {
    const legalYear = p.start - 1;
    const source = `Calcul de l’observatoire selon l’${LAW_REFERENCE}, à partir de l’inventaire SRU (DGALN/DHUP)`;
    const ex = statusFor(input.exemptee, p.start, p.end);
    const cib = statusFor(input.cible, p.start, p.end);
    const observed = (() => {
      const inside = llsPoints.filter((x) => x.year >= p.start && x.year <= p.end + 1);
      if (inside.length < 2) return null;
      const a = inside[0]!;
      const b = inside.at(-1)!;
      return {
        from_year: a.year,
        to_year: b.year,
        change: b.value - a.value,
        per_year: (b.value - a.value) / (b.year - a.year),
      };
    })();
    const basePeriod = {
      start: p.start,
      end: p.end,
      phase: p.phase,
      source,
      observed,
    };
    const notes: string[] = [];
    if (cib && !cib.inPeriod)
      notes.push(
        `taux légal de la période non publié dans nos sources : celui de l’inventaire au ${yearText(cib.point.year)} est repris`,
      );
    if (ex?.inPeriod === true && ex.point.value === 1) {
      periods.push({
        ...basePeriod,
        objective: null,
        status: 'exemptee',
        basis: {
          year: null,
          legal_year: legalYear,
          lls: null,
          rp: null,
          rate: null,
          target: cib?.point.value ?? null,
          missing: null,
          note: null,
        },
        rule: null,
        share: null,
        note: 'Commune exemptée des obligations SRU pour cette période (décret) : pas d’objectif de rattrapage.',
      });
      continue;
    }
    if (ex && !ex.inPeriod && ex.point.value === 1)
      notes.push(
        `exemptée au ${yearText(ex.point.year)} ; l’exemption pour cette période n’est pas encore publiée`,
      );
    // Basis inventory: the legal one, else the nearest earlier one with both figures usable, else the
    // earliest later one (signalled).
    const complete = llsPoints.filter((x) => usable(at(input.rp, x.year)));
    const basisLls =
      [...complete].reverse().find((x) => x.year <= legalYear) ?? complete.find((x) => x.year > legalYear);
    const projection =
      p.phase === 'a_venir' && projectedFrom !== null && (!basisLls || basisLls.year < legalYear);
    const lls = basisLls;
    const rp = basisLls ? (at(input.rp, basisLls.year) as InventoryPoint & { value: number }) : undefined;
    const tauxAt = basisLls ? at(input.taux, basisLls.year) : undefined;
    const taux = usable(tauxAt) ? tauxAt : undefined;
    const target = cib?.point.value ?? null;
    if (projection && projectedFrom) {
      // 2029–2031: the 2028 inventory does not exist yet. If the 2026–2028 objective is met and the
      // résidences principales do not change, what would the next objective be?
      const { lls: l, rp: r, target: t } = projectedFrom;
      const missing = missingDwellings(l, r, t);
      const rate = (100 * l) / r.value;
      const rule = catchUpRule(rate, t);
      periods.push({
        ...basePeriod,
        objective: missing.value === 0 ? { value: 0, low: 0, high: 0 } : scale(missing, rule.share),
        status: 'projection',
        basis: {
          year: null,
          legal_year: legalYear,
          lls: Math.round(l),
          rp: r,
          rate: Math.round(rate * 100) / 100,
          target: t,
          missing,
          note: `projection : inventaire au ${yearText(legalYear)} supposé égal à l’inventaire au ${yearText(projectedFrom.year)} plus l’objectif de la période 2026–2028, à résidences principales constantes`,
        },
        rule: missing.value === 0 ? null : rule.label,
        share: missing.value === 0 ? null : rule.share,
        note: 'Projection, pas un objectif notifié : elle suppose l’objectif 2026–2028 tenu exactement.',
      });
      continue;
    }
    if (!usable(lls) || !usable(rp) || target === null) {
      periods.push({
        ...basePeriod,
        objective: null,
        status: 'non_calculable',
        basis: {
          year: lls?.year ?? null,
          legal_year: legalYear,
          lls: lls?.value ?? null,
          rp: null,
          rate: null,
          target,
          missing: null,
          note: null,
        },
        rule: null,
        share: null,
        note: 'Inventaire ou taux légal manquant (ou signalé incohérent) : objectif non calculable.',
      });
      continue;
    }
    const rpR = rangeOf(rp);
    const missing = missingDwellings(lls.value, rpR, target);
    const rate =
      usable(taux) && taux.year === lls.year ? taux.value : Math.round((10000 * lls.value) / rp.value) / 100;
    if (lls.year !== legalYear)
      notes.push(
        `base approchée : l’inventaire au ${yearText(legalYear)} manque à nos sources, celui au ${yearText(lls.year)} est utilisé`,
      );
    const reached = rate >= target || missing.value === 0;
    const rule = catchUpRule(rate, target);
    const objective = reached ? null : scale(missing, rule.share);
    periods.push({
      ...basePeriod,
      objective,
      status: reached ? 'taux_atteint' : 'objectif',
      basis: {
        year: lls.year,
        legal_year: legalYear,
        lls: lls.value,
        rp: rpR,
        rate,
        target,
        missing,
        note: notes.length ? notes.join(' ; ') : null,
      },
      rule: reached ? null : rule.label,
      share: reached ? null : rule.share,
      note: reached ? 'Taux légal atteint à l’inventaire de base : pas d’objectif de rattrapage.' : null,
    });
    if (p.phase === 'en_cours')
      projectedFrom = { lls: lls.value + (objective?.value ?? 0), rp: rpR, target, year: lls.year };
  }

  // Paces.
  const observed: PaceOut[] = [];
  const last = llsPoints.at(-1);
  if (last)
    for (const span of [1, 4, 10]) {
      const from = atOrBefore(llsPoints, last.year - span);
      if (!from || observed.some((o) => o.from_year === from.year)) continue;
      const sourceChange = from.source_id !== last.source_id;
      observed.push({
        from_year: from.year,
        to_year: last.year,
        change: last.value - from.value,
        per_year: Math.round(((last.value - from.value) / (last.year - from.year)) * 10) / 10,
        note: sourceChange
          ? 'les deux inventaires viennent de fichiers différents (série historique, fichier officiel)'
          : null,
      });
    }
  const current = periods.find((p) => p.phase === 'en_cours');
  const years = MANDATE_END - latestYear;
  const requiredBy2032 =
    latestMissing && situation === 'deficitaire' && years > 0
      ? {
          value: Math.ceil(latestMissing.value / years),
          low: Math.ceil(latestMissing.low / years),
          high: Math.ceil(latestMissing.high / years),
          years,
          from_year: latestYear,
          total: latestMissing,
        }
      : null;

  // Trajectory: actual stock, straight path from the latest inventory to the target in 2032.
  const targetLls =
    rpRange && cibleLatest
      ? {
          value: (cibleLatest.value / 100) * rpRange.value,
          low: (cibleLatest.value / 100) * rpRange.low,
          high: (cibleLatest.value / 100) * rpRange.high,
        }
      : null;
  const required =
    requiredBy2032 && usable(llsLatest) && targetLls
      ? Array.from({ length: years + 1 }, (_, i) => {
          const y = latestYear + i;
          const f = i / years;
          const at0 = llsLatest.value;
          return {
            year: y,
            lls: Math.round(at0 + f * (targetLls.value - at0)),
            low: Math.round(at0 + f * (targetLls.low - at0)),
            high: Math.round(at0 + f * (targetLls.high - at0)),
          };
        })
      : [];
  const obj =
    current?.objective && current.basis.lls !== null && current.basis.year !== null
      ? {
          year: current.end + 1,
          lls: {
            value: current.basis.lls + current.objective.value,
            low: current.basis.lls + current.objective.low,
            high: current.basis.lls + current.objective.high,
          },
        }
      : null;

  return {
    situation,
    latest: {
      year: latestYear,
      lls: usable(llsLatest) ? llsLatest.value : null,
      rp: rpRange,
      rate: usable(tauxLatest) ? tauxLatest.value : null,
      target: cibleLatest?.value ?? null,
      missing: situation === 'exemptee' ? null : latestMissing,
      carencee: usable(carLatest) ? carLatest.value === 1 : null,
    },
    periods,
    paces: {
      required_by_2032: requiredBy2032,
      legal_current: current?.objective
        ? {
            value: Math.ceil(current.objective.value / 3),
            low: Math.ceil(current.objective.low / 3),
            high: Math.ceil(current.objective.high / 3),
            period: `${current.start}–${current.end}`,
          }
        : null,
      observed,
    },
    trajectory: {
      actual: llsPoints.map((p) => ({ year: p.year, lls: p.value, source_id: p.source_id })),
      required,
      target_lls: targetLls,
      objective_2028: obj,
    },
    assumptions,
  };
}

const SRU_INDICATORS = {
  lls: 'sru_lls',
  rp: 'sru_residences_principales',
  taux: 'sru_taux',
  cible: 'sru_taux_cible',
  exemptee: 'sru_exemptee',
  carencee: 'sru_carencee',
} as const;

/** The SRU series of one commune and its path; null when the commune has no SRU row at all. */
export async function loadSruPath(
  store: Store,
  code: string,
): Promise<{ input: SruPathInput; path: SruPathOut; sources: Record<string, SourceOut> } | null> {
  const rows = await store.all<InventoryPoint & { indicator: string }>(
    `SELECT o.indicator, o.year, o.value, ${await intervalColumns(store, 'o')}, o.flags, o.source_id
     FROM observations o
     WHERE o.level = 'commune' AND o.code = $code AND o.indicator IN (SELECT unnest($inds::JSON::VARCHAR[]))
     ORDER BY o.indicator, o.year`,
    { code, inds: JSON.stringify(Object.values(SRU_INDICATORS)) },
  );
  if (rows.length === 0) return null;
  const input = Object.fromEntries(
    Object.entries(SRU_INDICATORS).map(([key, id]) => [
      key,
      rows.filter((r) => r.indicator === id).map(({ indicator: _i, ...p }) => p),
    ]),
  ) as unknown as SruPathInput;
  const path = sruPath(input);
  const sources = await sourcesById(store, [...new Set(rows.map((r) => r.source_id))]);
  return { input, path, sources };
}
