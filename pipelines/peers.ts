/**
 * Build step (after derived values and aggregates): the comparable communes of every commune of
 * France, by the method of `core/peers.ts`. `computePeers` is a pure function of its input (same
 * values → same peers, ties broken by code); `buildPeers` reads the build database, calls it and
 * writes the `peer_*` tables.
 */
import type { GeometryCollection, Topology } from 'topojson-specification';
import { LIST, VARCHAR } from '@duckdb/node-api';
import type { Db } from '../core/db.js';
import {
  PEER_COUNT,
  PEER_CRITERIA,
  PEER_EXCLUDED_FLAGS,
  POPULATION_BANDS,
  bandOf,
  type PeerCriterionId,
  type PeerMode,
} from '../core/peers.js';

const EARTH_RADIUS_KM = 6371.0088;
const VARCHAR_LIST = LIST(VARCHAR);

export interface PeerCommune {
  code: string;
  departement: string;
  /** Centre of the commune's contour [longitude, latitude], if it has one. */
  centroid: [number, number] | null;
}

export interface PeerInput {
  communes: PeerCommune[];
  /** Raw value of each criterion per commune code (absent = no value). */
  values: Record<PeerCriterionId, Map<string, number>>;
  k?: number;
}

export interface PeerSet {
  code: string;
  mode: PeerMode;
  criteria: PeerCriterionId[];
  missing: PeerCriterionId[];
  setAside: PeerCriterionId[];
  band: [number, number] | null;
  candidates: number;
  peers: { code: string; distance: number | null }[];
}

export interface CriterionStats {
  id: PeerCriterionId;
  n: number;
  mean: number | null;
  sd: number | null;
}

export interface PeerOutput {
  sets: PeerSet[];
  stats: CriterionStats[];
  /** Standardised value (z) per criterion and commune, for the explanation of each comparison. */
  z: Record<PeerCriterionId, Map<string, number>>;
}

/** Keeps the k smallest (distance, code) pairs: a bounded insertion list, cheap for k = 10. */
class TopK {
  readonly d: number[] = [];
  readonly c: string[] = [];
  constructor(private readonly k: number) {}
  push(d: number, code: string): void {
    const n = this.d.length;
    if (n === this.k) {
      const wd = this.d[n - 1]!;
      if (d > wd || (d === wd && code > this.c[n - 1]!)) return;
    }
    let i = n === this.k ? n - 1 : n;
    while (i > 0 && (this.d[i - 1]! > d || (this.d[i - 1] === d && this.c[i - 1]! > code))) {
      this.d[i] = this.d[i - 1]!;
      this.c[i] = this.c[i - 1]!;
      i--;
    }
    this.d[i] = d;
    this.c[i] = code;
  }
}

function standardise(
  values: Map<string, number>,
  log: boolean,
): { z: Map<string, number>; n: number; mean: number | null; sd: number | null } {
  const t = new Map<string, number>();
  // Codes in sorted order: the floating-point sums do not depend on the order rows were read in.
  for (const code of [...values.keys()].sort()) {
    const v = values.get(code)!;
    if (!Number.isFinite(v) || (log && v <= 0)) continue;
    t.set(code, log ? Math.log10(v) : v);
  }
  const n = t.size;
  if (n < 2) return { z: new Map(), n, mean: null, sd: null };
  let sum = 0;
  for (const v of t.values()) sum += v;
  const mean = sum / n;
  let ss = 0;
  for (const v of t.values()) ss += (v - mean) ** 2;
  const sd = Math.sqrt(ss / n);
  const z = new Map<string, number>();
  if (sd > 0) for (const [code, v] of t) z.set(code, (v - mean) / sd);
  return { z, n, mean, sd };
}

/**
 * Candidates of one (band range, criteria) pair sorted along a pivot criterion (density when used,
 * else population): the search for the nearest stops once the gap on the pivot alone exceeds the
 * k-th distance found, which gives exactly the brute-force result, much faster.
 */
interface Candidates {
  idx: Int32Array;
  pivot: Float64Array;
  pivotOffset: number;
}

/** The k nearest candidates of commune i: RMS of the z gaps over the columns `cols` (offsets in z). */
function nearest(
  z: Float64Array,
  cols: Int32Array,
  i: number,
  cands: Candidates,
  codes: string[],
  k: number,
): TopK {
  const m = cols.length;
  const top = new TopK(k);
  const { idx, pivot, pivotOffset } = cands;
  const p = z[pivotOffset + i]!;
  // First candidate whose pivot value is >= the commune's, then outwards on both sides.
  let right = 0;
  let end = idx.length;
  while (right < end) {
    const mid = (right + end) >> 1;
    if (pivot[mid]! < p) right = mid + 1;
    else end = mid;
  }
  let left = right - 1;
  let worst = Infinity;
  while (left >= 0 || right < idx.length) {
    const gl = left >= 0 ? p - pivot[left]! : Infinity;
    const gr = right < idx.length ? pivot[right]! - p : Infinity;
    const goLeft = gl <= gr;
    const gap = goLeft ? gl : gr;
    // Same arithmetic as the distance below with the other gaps at 0: a lower bound, exactly.
    if (Math.sqrt((gap * gap) / m) > worst) break;
    const j = goLeft ? idx[left--]! : idx[right++]!;
    if (j === i) continue;
    let ss = 0;
    for (let c = 0; c < m; c++) {
      const d = z[cols[c]! + i]! - z[cols[c]! + j]!;
      ss += d * d;
    }
    top.push(Math.sqrt(ss / m), codes[j]!);
    if (top.d.length === k) worst = top.d[k - 1]!;
  }
  return top;
}

export function computePeers(input: PeerInput): PeerOutput {
  const k = input.k ?? PEER_COUNT;
  const communes = [...input.communes].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const n = communes.length;
  const nc = PEER_CRITERIA.length;
  const stats: CriterionStats[] = [];
  const zMaps = {} as Record<PeerCriterionId, Map<string, number>>;
  // z[c * n + i]: standardised value of criterion c for commune i (NaN = none).
  const z = new Float64Array(nc * n).fill(NaN);
  const mask = new Uint32Array(n);
  PEER_CRITERIA.forEach((crit, c) => {
    const s = standardise(input.values[crit.id] ?? new Map(), crit.log);
    stats.push({ id: crit.id, n: s.n, mean: s.mean, sd: s.sd });
    zMaps[crit.id] = s.z;
    communes.forEach((com, i) => {
      const v = s.z.get(com.code);
      if (v !== undefined) {
        z[c * n + i] = v;
        mask[i]! |= 1 << c;
      }
    });
  });
  const popBit = 1;
  const band = new Int32Array(n).fill(-1);
  const popValues = input.values.population ?? new Map<string, number>();
  communes.forEach((com, i) => {
    const p = popValues.get(com.code);
    if (mask[i]! & popBit && p !== undefined) band[i] = bandOf(p);
  });
  const nBands = POPULATION_BANDS.length;
  const byBand: number[][] = Array.from({ length: nBands }, () => []);
  for (let i = 0; i < n; i++) if (band[i]! >= 0) byBand[band[i]!]!.push(i);

  // Candidates per (band range, criteria) pair, computed once, sorted along a pivot criterion.
  const candidateCache = new Map<string, Candidates>();
  const candidatesFor = (lo: number, hi: number, crit: number): Candidates => {
    const key = `${lo}:${hi}:${crit}`;
    let cached = candidateCache.get(key);
    if (!cached) {
      const list: number[] = [];
      for (let b = lo; b <= hi; b++) for (const j of byBand[b]!) if ((mask[j]! & crit) === crit) list.push(j);
      const pivotCol = crit & 2 ? 1 : 0;
      const off = pivotCol * n;
      list.sort((a, b) => z[off + a]! - z[off + b]! || a - b);
      cached = {
        idx: Int32Array.from(list),
        pivot: Float64Array.from(list, (j) => z[off + j]!),
        pivotOffset: off,
      };
      candidateCache.set(key, cached);
    }
    return cached;
  };
  const idsOf = (bits: number): PeerCriterionId[] =>
    PEER_CRITERIA.filter((_c, c) => bits & (1 << c)).map((c) => c.id);

  const codes = communes.map((c) => c.code);
  const located = communes.map((_c, i) => i).filter((i) => communes[i]!.centroid !== null);
  const unit = communes.map((c): [number, number, number] | null => {
    if (!c.centroid) return null;
    const [lon, lat] = c.centroid.map((d) => (d * Math.PI) / 180) as [number, number];
    return [Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)];
  });
  const sets: PeerSet[] = [];
  for (let i = 0; i < n; i++) {
    const com = communes[i]!;
    const missing = idsOf(~mask[i]! & ((1 << nc) - 1));
    if (band[i]! >= 0) {
      let crit = mask[i]!;
      let lo = band[i]!;
      let hi = band[i]!;
      let cands = candidatesFor(lo, hi, crit);
      // Enough communes to compare with (the commune itself is among the candidates).
      while (cands.idx.length - 1 < k) {
        const top = 31 - Math.clz32(crit);
        if (crit !== popBit) crit &= ~(1 << top);
        else if (lo > 0 || hi < nBands - 1) {
          lo = Math.max(0, lo - 1);
          hi = Math.min(nBands - 1, hi + 1);
        } else break;
        cands = candidatesFor(lo, hi, crit);
      }
      const cols: number[] = [];
      for (let c = 0; c < nc; c++) if (crit & (1 << c)) cols.push(c * n);
      const top = nearest(z, Int32Array.from(cols), i, cands, codes, k);
      sets.push({
        code: com.code,
        mode: 'structure',
        criteria: idsOf(crit),
        missing,
        setAside: idsOf(mask[i]! & ~crit),
        band: [lo, hi],
        candidates: cands.idx.length - 1,
        peers: top.c.map((code, r) => ({ code, distance: top.d[r]! })),
      });
    } else if (com.centroid) {
      // Chord between unit vectors: same order as the great-circle distance, far cheaper.
      const [x, y, w] = unit[i]!;
      const top = new TopK(k);
      for (const j of located) {
        if (j === i) continue;
        const [xj, yj, wj] = unit[j]!;
        top.push((x - xj) ** 2 + (y - yj) ** 2 + (w - wj) ** 2, codes[j]!);
      }
      sets.push({
        code: com.code,
        mode: 'proximite',
        criteria: [],
        missing,
        setAside: [],
        band: null,
        candidates: located.length - 1,
        peers: top.c.map((code, r) => ({
          code,
          distance: 2 * Math.asin(Math.min(1, Math.sqrt(top.d[r]!) / 2)) * EARTH_RADIUS_KM,
        })),
      });
    } else {
      const same = communes.filter((c) => c.departement === com.departement && c.code !== com.code);
      sets.push({
        code: com.code,
        mode: 'departement',
        criteria: [],
        missing,
        setAside: [],
        band: null,
        candidates: same.length,
        peers: same.slice(0, k).map((c) => ({ code: c.code, distance: null })),
      });
    }
  }
  return { sets, stats, z: zMaps };
}

/**
 * Surface (km²) and centre of each commune's contour, from the national TopoJSON layer. Each ring's
 * area and centroid come from the shoelace formula in degrees, scaled by cos(latitude) at the ring's
 * centre (exact enough at the size of a commune: well under 1 %); a polygon's area is its exterior
 * ring minus its holes, whatever their winding; the centre is the area-weighted centre of the
 * exterior rings.
 */
export function communeShapes(
  topology: Topology,
): Map<string, { areaKm2: number; centroid: [number, number] }> {
  const [sx, sy] = topology.transform?.scale ?? [1, 1];
  const [tx, ty] = topology.transform?.translate ?? [0, 0];
  // Per arc: twice its signed shoelace area and the matching centroid moments.
  const nArcs = topology.arcs.length;
  const s2 = new Float64Array(nArcs);
  const mx = new Float64Array(nArcs);
  const my = new Float64Array(nArcs);
  topology.arcs.forEach((arc, a) => {
    let qx = 0;
    let qy = 0;
    let px = NaN;
    let py = NaN;
    let area = 0;
    let cx = 0;
    let cy = 0;
    for (const pos of arc) {
      qx = topology.transform ? qx + pos[0]! : pos[0]!;
      qy = topology.transform ? qy + pos[1]! : pos[1]!;
      const x = qx * sx + tx;
      const y = qy * sy + ty;
      if (!Number.isNaN(px)) {
        const cross = px * y - x * py;
        area += cross;
        cx += (px + x) * cross;
        cy += (py + y) * cross;
      }
      px = x;
      py = y;
    }
    s2[a] = area;
    mx[a] = cx;
    my[a] = cy;
  });
  const ring = (arcs: number[]) => {
    let area = 0;
    let cx = 0;
    let cy = 0;
    for (const i of arcs) {
      const a = i < 0 ? ~i : i;
      const sign = i < 0 ? -1 : 1;
      area += sign * s2[a]!;
      cx += sign * mx[a]!;
      cy += sign * my[a]!;
    }
    if (area === 0) return { km2: 0, x: NaN, y: NaN };
    const x = cx / (3 * area);
    const y = cy / (3 * area);
    const deg = Math.PI / 180;
    return { km2: (Math.abs(area) / 2) * deg * deg * EARTH_RADIUS_KM ** 2 * Math.cos(y * deg), x, y };
  };
  const out = new Map<string, { areaKm2: number; centroid: [number, number] }>();
  for (const g of (topology.objects.communes as GeometryCollection).geometries) {
    const code = (g.properties as { code?: string } | null)?.code;
    if (!code) continue;
    const polygons =
      g.type === 'Polygon' ? [g.arcs] : g.type === 'MultiPolygon' ? g.arcs : ([] as number[][][]);
    let km2 = 0;
    let wx = 0;
    let wy = 0;
    let w = 0;
    for (const rings of polygons) {
      const [outer, ...holes] = rings.map(ring);
      if (!outer || !(outer.km2 > 0)) continue;
      km2 += outer.km2 - holes.reduce((acc, h) => acc + h.km2, 0);
      wx += outer.x * outer.km2;
      wy += outer.y * outer.km2;
      w += outer.km2;
    }
    if (km2 > 0 && w > 0) out.set(code, { areaKm2: km2, centroid: [wx / w, wy / w] });
  }
  return out;
}

interface ObsRow {
  indicator: string;
  code: string;
  year: number;
  value: number;
  source_id: string;
}

/** Reads the inputs from the build database, computes the peers and writes the `peer_*` tables. */
export async function buildPeers(db: Db): Promise<void> {
  const communes = await db.all<{ code: string; departement: string }>(
    `SELECT code, departement FROM territories WHERE level = 'commune' ORDER BY code`,
  );
  const layer = await db.all<{ content: string }>(`SELECT content FROM geo_layers WHERE id = 'france'`);
  const shapes = layer[0]
    ? communeShapes(JSON.parse(layer[0].content) as Topology)
    : new Map<string, { areaKm2: number; centroid: [number, number] }>();
  const indicators = [...new Set(PEER_CRITERIA.flatMap((c) => c.indicators))];
  // Per indicator, the most recent year at commune level; values flagged unusable are left out.
  const rows = await db.all<ObsRow>(
    `WITH latest AS (
       SELECT indicator, max(year) AS year FROM observations
       WHERE level = 'commune' AND value IS NOT NULL AND indicator IN (SELECT unnest($ids::JSON::VARCHAR[]))
       GROUP BY indicator)
     SELECT o.indicator, o.code, o.year, o.value, o.source_id
     FROM observations o JOIN latest l USING (indicator, year)
     WHERE o.level = 'commune' AND o.value IS NOT NULL
       AND NOT list_has_any(o.flags, $excluded::JSON::VARCHAR[])
     ORDER BY o.indicator, o.code`,
    { ids: JSON.stringify(indicators), excluded: JSON.stringify(PEER_EXCLUDED_FLAGS) },
  );
  const byInd = new Map<string, Map<string, number>>();
  const yearOf = new Map<string, number>();
  const sourcesOf = new Map<string, Set<string>>();
  for (const r of rows) {
    if (!byInd.has(r.indicator)) byInd.set(r.indicator, new Map());
    byInd.get(r.indicator)!.set(r.code, r.value);
    yearOf.set(r.indicator, r.year);
    if (!sourcesOf.has(r.indicator)) sourcesOf.set(r.indicator, new Set());
    sourcesOf.get(r.indicator)!.add(r.source_id);
  }
  const get = (id: string) => byInd.get(id) ?? new Map<string, number>();
  const pop = get('population');
  const values = {} as Record<PeerCriterionId, Map<string, number>>;
  values.population = pop;
  values.densite = new Map();
  for (const [code, p] of pop) {
    const s = shapes.get(code);
    if (s && s.areaKm2 > 0) values.densite.set(code, p / s.areaKm2);
  }
  values.parc_social = new Map();
  for (const [code, ls] of get('rpls_parc_social')) {
    const p = pop.get(code);
    if (p !== undefined && p > 0) values.parc_social.set(code, (100 * ls) / p);
  }
  values.pauvrete = get('filosofi_taux_pauvrete');
  values.vacance = new Map();
  const logements = get('logements');
  for (const [code, vac] of get('logements_vacants')) {
    const l = logements.get(code);
    if (l !== undefined && l > 0) values.vacance.set(code, (100 * vac) / l);
  }

  const out = computePeers({
    communes: communes.map((c) => ({
      code: c.code,
      departement: c.departement,
      centroid: shapes.get(c.code)?.centroid ?? null,
    })),
    values,
  });

  for (const crit of PEER_CRITERIA) {
    const st = out.stats.find((s) => s.id === crit.id)!;
    const years = crit.indicators.map((id) => `${id} ${yearOf.get(id) ?? '—'}`).join(', ');
    const sources = [...new Set(crit.indicators.flatMap((id) => [...(sourcesOf.get(id) ?? [])]))].sort();
    if (crit.id === 'densite') sources.push('geo-france-topojson-2025');
    await db.run(
      `INSERT INTO peer_criteria VALUES ($id, $years, $sources::JSON::VARCHAR[], $n, $mean, $sd)`,
      { id: crit.id, years, sources: JSON.stringify(sources), n: st.n, mean: st.mean, sd: st.sd },
    );
  }
  const conn = db.connection();
  const sets = await conn.createAppender('peer_sets');
  const peers = await conn.createAppender('peers');
  for (const s of out.sets) {
    sets.appendVarchar(s.code);
    sets.appendVarchar(s.mode);
    sets.appendList(s.criteria, VARCHAR_LIST);
    sets.appendList(s.missing, VARCHAR_LIST);
    sets.appendList(s.setAside, VARCHAR_LIST);
    if (s.band) {
      sets.appendInteger(s.band[0]);
      sets.appendInteger(s.band[1]);
    } else {
      sets.appendNull();
      sets.appendNull();
    }
    sets.appendInteger(s.candidates);
    sets.endRow();
    s.peers.forEach((p, r) => {
      peers.appendVarchar(s.code);
      peers.appendInteger(r + 1);
      peers.appendVarchar(p.code);
      if (p.distance === null) peers.appendNull();
      else peers.appendDouble(p.distance);
      peers.endRow();
    });
  }
  sets.closeSync();
  peers.closeSync();
  const vals = await conn.createAppender('peer_values');
  for (const crit of PEER_CRITERIA) {
    const raw = values[crit.id];
    for (const [code, zv] of [...out.z[crit.id]].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      vals.appendVarchar(code);
      vals.appendVarchar(crit.id);
      vals.appendDouble(raw.get(code)!);
      vals.appendDouble(zv);
      vals.endRow();
    }
  }
  vals.closeSync();
}
