/**
 * Comparable communes, as stored by the build step `pipelines/peers.ts` (tables `peer_*`): the
 * method, the criteria used for one commune with its values, and its peers with theirs.
 */
import {
  PEER_CRITERIA,
  PEER_METHOD,
  POPULATION_BANDS,
  bandText,
  type PeerCriterionId,
  type PeerMode,
} from '../../core/peers.js';
import type { Store } from '../store.js';
import { latestMany, type LatestOut } from './observations.js';
import { findTerritory, type TerritoryOut } from './territories.js';

export interface PeerCriterionInfo {
  id: PeerCriterionId;
  label: string;
  phrase: string;
  unit: string;
  decimals: number;
  definition: string;
  /** Indicators and years read (« population 2023, rpls_parc_social 2024 »). */
  years: string;
  source_ids: string[];
  /** Communes of France with a value for this criterion. */
  n_communes: number;
  national: boolean;
  /** Mean and standard deviation used to standardise (after log10 for population and density). */
  mean: number | null;
  sd: number | null;
  log: boolean;
}

/** The criteria with their coverage in this build (cached per build). */
export function peerCriteria(store: Store): Promise<PeerCriterionInfo[]> {
  return store.cached('peer-criteria', async () => {
    const rows = await store.all<{
      id: string;
      years: string;
      source_ids: string[];
      n_communes: number;
      mean: number | null;
      sd: number | null;
    }>(`SELECT * FROM peer_criteria`);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return PEER_CRITERIA.map((c) => {
      const r = byId.get(c.id);
      return {
        id: c.id,
        label: c.label,
        phrase: c.phrase,
        unit: c.unit,
        decimals: c.decimals,
        definition: c.definition,
        years: r?.years ?? '',
        source_ids: r?.source_ids ?? [],
        n_communes: r?.n_communes ?? 0,
        national: c.national,
        mean: r?.mean ?? null,
        sd: r?.sd ?? null,
        log: c.log,
      };
    });
  });
}

type Values = Partial<Record<PeerCriterionId, number>>;

export interface CriterionName {
  id: PeerCriterionId;
  label: string;
  phrase: string;
}

function named(ids: PeerCriterionId[]): CriterionName[] {
  return ids.map((id) => {
    const c = PEER_CRITERIA.find((x) => x.id === id)!;
    return { id, label: c.label, phrase: c.phrase };
  });
}

export interface PeerRow {
  rank: number;
  code: string;
  name: string;
  departement: string | null;
  departement_name: string | null;
  /** 0 = identical on the criteria; in standard deviations (or km for `proximite`); null for `departement`. */
  distance: number | null;
  values: Values;
  /** Latest SRU rate (with its year and flags), if the commune is in the SRU inventory. */
  sru_taux: LatestOut | null;
}

export interface PeersOut {
  territory: { code: string; name: string; departement: string | null; departement_name: string | null };
  method: string;
  mode: PeerMode;
  /** Criteria used for this commune, with its own value. */
  criteria: Array<PeerCriterionInfo & { value: number | null }>;
  /** Criteria the commune has no value for. */
  missing: CriterionName[];
  /** Criteria it has but that were set aside (too few comparable communes have them). */
  set_aside: CriterionName[];
  band: { text: string; min: number; max: number | null } | null;
  candidates: number;
  values: Values;
  sru_taux: LatestOut | null;
  peers: PeerRow[];
}

async function valuesOf(store: Store, codes: string[]): Promise<Map<string, Values>> {
  const rows = await store.all<{ code: string; criterion: PeerCriterionId; value: number }>(
    `SELECT code, criterion, value FROM peer_values WHERE code IN (SELECT unnest($codes::JSON::VARCHAR[]))`,
    { codes: JSON.stringify(codes) },
  );
  const out = new Map<string, Values>(codes.map((c) => [c, {}]));
  for (const r of rows) out.get(r.code)![r.criterion] = r.value;
  return out;
}

/** A commune's comparable communes; null if the build holds none for it (unknown code). */
export async function peersOf(store: Store, commune: TerritoryOut): Promise<PeersOut | null> {
  const [set] = await store.all<{
    mode: PeerMode;
    criteria: PeerCriterionId[];
    missing: PeerCriterionId[];
    set_aside: PeerCriterionId[];
    band_lo: number | null;
    band_hi: number | null;
    candidates: number;
  }>(
    `SELECT mode, criteria, missing, set_aside, band_lo, band_hi, candidates FROM peer_sets WHERE code = $code`,
    {
      code: commune.code,
    },
  );
  if (!set) return null;
  const peers = await store.all<{ rank: number; peer: string; distance: number | null }>(
    `SELECT rank, peer, distance FROM peers WHERE code = $code ORDER BY rank`,
    { code: commune.code },
  );
  const codes = [commune.code, ...peers.map((p) => p.peer)];
  const [values, latest, criteria] = await Promise.all([
    valuesOf(store, codes),
    latestMany(
      store,
      codes.map((code) => ({ level: 'commune' as const, code })),
    ),
    peerCriteria(store),
  ]);
  const sruOf = (code: string) =>
    latest.get(`commune:${code}`)?.find((o) => o.indicator === 'sru_taux' && o.value !== null) ?? null;
  const depName = async (dep: string | null) =>
    dep ? ((await findTerritory(store, 'departement', dep))?.name ?? null) : null;
  const rows: PeerRow[] = [];
  for (const p of peers) {
    const t = await findTerritory(store, 'commune', p.peer);
    rows.push({
      rank: p.rank,
      code: p.peer,
      name: t?.name ?? p.peer,
      departement: t?.departement ?? null,
      departement_name: await depName(t?.departement ?? null),
      distance: p.distance,
      values: values.get(p.peer) ?? {},
      sru_taux: sruOf(p.peer),
    });
  }
  const own = values.get(commune.code) ?? {};
  return {
    territory: {
      code: commune.code,
      name: commune.name,
      departement: commune.departement,
      departement_name: await depName(commune.departement),
    },
    method: PEER_METHOD,
    mode: set.mode,
    criteria: criteria
      .filter((c) => set.criteria.includes(c.id))
      .map((c) => ({ ...c, value: own[c.id] ?? null })),
    missing: named(set.missing),
    set_aside: named(set.set_aside),
    band:
      set.band_lo === null || set.band_hi === null
        ? null
        : {
            text: bandText(set.band_lo, set.band_hi),
            min: POPULATION_BANDS[set.band_lo]!,
            max:
              POPULATION_BANDS[set.band_hi + 1] !== undefined ? POPULATION_BANDS[set.band_hi + 1]! - 1 : null,
          },
    candidates: set.candidates,
    values: own,
    sru_taux: sruOf(commune.code),
    peers: rows,
  };
}
