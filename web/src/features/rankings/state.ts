/**
 * The rankings view's state, kept in its address:
 * `/classements?indicateur=sru_logements_manquants&dans=departement:92&filtre=sru_deficitaire:1&tri=valeur-desc`.
 */
import { LEVELS, type Level as LevelId } from '../../../../core/levels';
import { parseWithin } from '../../../../core/within';

export type SortColumn = 'valeur' | 'nom' | 'code';
export type SortDir = 'asc' | 'desc';

export interface RankingsState {
  indicator: string;
  year: string;
  level: LevelId;
  within: string;
  /** Yes/no filter `indicator:0|1` (e.g. `sru_deficitaire:1`), or null. */
  filter: string | null;
  sort: SortColumn;
  dir: SortDir;
  /** Number of rows asked for. */
  limit: number;
}

export const RANKINGS_DEFAULTS: RankingsState = {
  indicator: 'sru_logements_manquants',
  year: 'latest',
  level: 'commune',
  within: 'region:11',
  filter: 'sru_deficitaire:1',
  sort: 'valeur',
  dir: 'desc',
  limit: 200,
};

const RANKED = LEVELS.filter((l) => l !== 'france');
const FILTER = /^[a-z0-9_]{1,64}:[01]$/;

export function parseRankingsState(s: URLSearchParams): RankingsState {
  const d = RANKINGS_DEFAULTS;
  const [sort, dir] = (s.get('tri') ?? '').split('-');
  const filter = s.get('filtre');
  const limit = Number(s.get('n'));
  return {
    indicator: s.get('indicateur') || d.indicator,
    year: /^\d{4}$/.test(s.get('annee') ?? '') ? s.get('annee')! : 'latest',
    level: RANKED.find((l) => l === s.get('niveau')) ?? d.level,
    within: parseWithin(s.get('dans') ?? '') ? s.get('dans')! : d.within,
    filter: filter === null ? d.filter : filter === 'aucun' || !FILTER.test(filter) ? null : filter,
    sort: sort === 'nom' || sort === 'code' || sort === 'valeur' ? sort : d.sort,
    dir: dir === 'asc' || dir === 'desc' ? dir : sort === 'nom' || sort === 'code' ? 'asc' : d.dir,
    limit: Number.isInteger(limit) && limit > 0 && limit <= 50_000 ? limit : d.limit,
  };
}

export function rankingsQuery(st: RankingsState): Record<string, string | null> {
  const d = RANKINGS_DEFAULTS;
  return {
    indicateur: st.indicator === d.indicator ? null : st.indicator,
    annee: st.year === 'latest' ? null : st.year,
    niveau: st.level === d.level ? null : st.level,
    dans: st.within === d.within ? null : st.within,
    filtre: st.filter === d.filter ? null : (st.filter ?? 'aucun'),
    tri: st.sort === d.sort && st.dir === d.dir ? null : `${st.sort}-${st.dir}`,
    n: st.limit === d.limit ? null : String(st.limit),
  };
}
