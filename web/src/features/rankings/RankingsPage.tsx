/**
 * `/classements`: territories ranked by one indicator (`/api/rankings`), within a perimeter, filtered
 * by any yes/no indicator of the registry (e.g. communes déficitaires or carencées SRU), sortable by
 * value, name or code. Missing values come last, without a rank.
 */
import { TableWrap } from '../../components/TableWrap';
import { useEffect, useId, useMemo } from 'react';
import {
  apiUrl,
  client,
  unwrap,
  type IndicatorInfo,
  type RankingRow,
  type RankingsResponse,
} from '../../api';
import { ExportBar } from '../../components/export';
import { Flags } from '../../components/Flags';
import { IndicatorSelect, YearSelect } from '../../components/IndicatorSelect';
import { formatNumber, formatValue } from '../../format';
import { countText } from '../../model/plural';
import { useRegistry } from '../../registry';
import { Link, setQuery } from '../../router';
import { sourceText } from '../../model/sources';
import {
  LEVEL_NAME,
  LEVEL_PLURAL,
  loadTerritoryList,
  type LevelId,
  type TerritoryItem,
} from '../../territories';
import { useAsync } from '../../useAsync';
import { parseRankingsState, rankingsQuery, type RankingsState, type SortColumn } from './state';

function apiQuery(st: RankingsState) {
  return {
    indicator: st.indicator,
    level: st.level,
    within: st.within,
    year: st.year,
    order: st.sort === 'valeur' ? st.dir : 'desc',
    limit: String(st.limit),
    filter: st.filter ?? undefined,
  };
}

function loadRankings(st: RankingsState): Promise<RankingsResponse> {
  return client.api.rankings.$get({ query: apiQuery(st) }).then((r) => unwrap<RankingsResponse>(r));
}

async function scopes(): Promise<{ level: LevelId; items: TerritoryItem[] }[]> {
  const [regions, deps, epts] = await Promise.all([
    loadTerritoryList('region'),
    loadTerritoryList('departement'),
    loadTerritoryList('ept'),
  ]);
  return [
    { level: 'region', items: regions },
    { level: 'departement', items: deps },
    { level: 'ept', items: epts },
  ];
}

/**
 * What rank 1 means, matching the order on screen: by value, rank 1 is the first line (the highest
 * value in a descending sort, the lowest in an ascending one); by name or code, the rank stays the one
 * of the values, highest first, and the sentence says so.
 */
export function rankRule(st: Pick<RankingsState, 'sort' | 'dir'>): string {
  if (st.sort !== 'valeur')
    return `Liste triée par ${st.sort === 'nom' ? 'nom' : 'code'} ; le rang reste celui de la valeur : rang 1 = valeur la plus élevée.`;
  return st.dir === 'asc'
    ? 'Tri par valeur croissante : rang 1 = valeur la plus faible.'
    : 'Tri par valeur décroissante : rang 1 = valeur la plus élevée.';
}

/** Client-side order for name and code; the API's order (by value) otherwise. */
export function sortRows(rows: RankingRow[], sort: SortColumn, dir: 'asc' | 'desc'): RankingRow[] {
  if (sort === 'valeur') return rows;
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) =>
    sort === 'nom' ? sign * a.name.localeCompare(b.name, 'fr') : sign * a.code.localeCompare(b.code),
  );
}

function SortButton({
  col,
  st,
  children,
}: {
  col: SortColumn;
  st: RankingsState;
  children: React.ReactNode;
}) {
  const on = st.sort === col;
  const next = on ? (st.dir === 'asc' ? 'desc' : 'asc') : col === 'valeur' ? 'desc' : 'asc';
  return (
    <button
      type="button"
      className="sort"
      onClick={() => setQuery(rankingsQuery({ ...st, sort: col, dir: next }))}
      title={`Trier par ${col} (${next === 'asc' ? 'croissant' : 'décroissant'})`}
    >
      {children} <span aria-hidden="true">{on ? (st.dir === 'asc' ? '▲' : '▼') : '↕'}</span>
    </button>
  );
}

function filterOptions(indicators: IndicatorInfo[], level: string) {
  return indicators
    .filter((i) => i.unit === 'booleen' && level === 'commune' && i.levels.includes('commune'))
    .flatMap((i) => [
      { value: `${i.id}:1`, label: `${i.short_label} : oui` },
      { value: `${i.id}:0`, label: `${i.short_label} : non` },
    ]);
}

export function RankingsPage({ search }: { search: URLSearchParams }) {
  const st = parseRankingsState(search);
  const { indicators } = useRegistry();
  const id = useId();
  const update = (ch: Partial<RankingsState>) => setQuery(rankingsQuery({ ...st, ...ch }));
  const info = indicators.find((i) => i.id === st.indicator);
  const filters = filterOptions(indicators, st.level);
  const filter = filters.some((f) => f.value === st.filter) ? st.filter : null;
  const eff = { ...st, filter };
  const state = useAsync(
    () => loadRankings(eff),

    [JSON.stringify(apiQuery(eff))],
  );
  const zones = useAsync(scopes, []);
  const data = state.status === 'ok' ? state.data : null;
  const def = data?.meta.indicator;
  const rows = useMemo(() => (data ? sortRows(data.data, st.sort, st.dir) : []), [data, st.sort, st.dir]);

  const zoneName =
    st.within === 'france'
      ? 'France'
      : zones.status === 'ok'
        ? (zones.data.flatMap((g) => g.items).find((t) => `${t.level}:${t.code}` === st.within)?.name ??
          st.within)
        : st.within;
  const filterLabel = filters.find((f) => f.value === filter)?.label;
  const title = `${def?.short_label ?? st.indicator} : ${LEVEL_PLURAL[st.level as LevelId] ?? st.level} — ${zoneName}${filterLabel ? ` (${filterLabel})` : ''}`;

  useEffect(() => {
    document.title = `Classement : ${title} — Observatoire précarité & logement`;
  }, [title]);

  const q = apiQuery(eff);
  return (
    <section className="rankings-page wide">
      <h1>Classements</h1>
      <p className="lead">
        Les territoires classés selon un indicateur, dans un périmètre, avec un filtre sur un statut (par
        exemple les communes déficitaires SRU). <span data-rank-rule="">{rankRule(st)}</span> Les ex æquo
        partagent le rang ; les valeurs manquantes sont en fin de liste, sans rang.
      </p>
      <div className="controls" role="group" aria-label="Réglages du classement">
        <IndicatorSelect
          label="Classer selon"
          value={st.indicator}
          onChange={(indicator) => update({ indicator, year: 'latest' })}
          include={(i) => i.rankable && i.levels.includes(st.level)}
        />
        <YearSelect
          value={st.year}
          years={data?.meta.years ?? info?.years ?? []}
          onChange={(y) => update({ year: y })}
        />
        <div className="field">
          <label htmlFor={`${id}-lvl`}>Territoires classés</label>
          <select
            id={`${id}-lvl`}
            value={st.level}
            onChange={(e) => update({ level: e.target.value as LevelId })}
          >
            {(['commune', 'ept', 'epci', 'departement', 'region'] as LevelId[]).map((l) => (
              <option key={l} value={l}>
                {LEVEL_PLURAL[l]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-in`}>Périmètre</label>
          <select id={`${id}-in`} value={st.within} onChange={(e) => update({ within: e.target.value })}>
            <option value="france">France entière</option>
            {zones.status === 'ok' &&
              zones.data.map((g) => (
                <optgroup key={g.level} label={LEVEL_PLURAL[g.level]}>
                  {g.items.map((t) => (
                    <option key={t.code} value={`${t.level}:${t.code}`}>
                      {t.name} ({t.code})
                    </option>
                  ))}
                </optgroup>
              ))}
            {zones.status !== 'ok' && st.within !== 'france' && (
              <option value={st.within}>{st.within}</option>
            )}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-f`}>Statut</label>
          <select
            id={`${id}-f`}
            value={filter ?? ''}
            disabled={filters.length === 0}
            onChange={(e) => update({ filter: e.target.value || null })}
          >
            <option value="">
              {st.level === 'commune' ? 'toutes les communes' : 'sans filtre (communes seulement)'}
            </option>
            {filters.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
      </div>

      {state.status === 'loading' && <p aria-busy="true">Chargement du classement…</p>}
      {state.status === 'error' && <p role="alert">{state.error.message}</p>}
      {data && def && (
        <>
          <ExportBar
            label="Exporter le classement"
            table={{
              fileName: `classement-${st.indicator}`,
              csvUrl: apiUrl('/api/rankings', { ...q, limit: '50000' }, 'csv'),
            }}
            apiUrl={apiUrl('/api/rankings', q)}
          />
          <TableWrap>
            <table className="rankings-table" data-indicator={def.id} data-year={data.meta.year ?? undefined}>
              <caption>
                {title}, {data.meta.year ?? 'aucune année'} — {countText(data.meta.total, 'territoires')},
                dont {formatNumber(data.meta.total - data.meta.ranked)} sans valeur. {rankRule(st)}{' '}
                {data.data.length < data.meta.total &&
                  `${countText(data.data.length, 'premières lignes affichées')}.`}{' '}
                {st.year === 'latest' &&
                  data.meta.newer_years.map(
                    (n) =>
                      `${n.year} : valeurs pour ${countText(n.territories, 'territoires')} seulement, d’où le classement de ${data.meta.year}. `,
                  )}
                <Link href={`/methodologie#${def.id}`}>Définition</Link>
              </caption>
              <thead>
                <tr>
                  <th
                    scope="col"
                    aria-sort={
                      st.sort === 'valeur' ? (st.dir === 'asc' ? 'ascending' : 'descending') : undefined
                    }
                  >
                    Rang
                  </th>
                  <th
                    scope="col"
                    aria-sort={
                      st.sort === 'nom' ? (st.dir === 'asc' ? 'ascending' : 'descending') : undefined
                    }
                  >
                    <SortButton col="nom" st={st}>
                      {LEVEL_NAME[st.level as LevelId] ?? 'Territoire'}
                    </SortButton>
                  </th>
                  <th
                    scope="col"
                    aria-sort={
                      st.sort === 'code' ? (st.dir === 'asc' ? 'ascending' : 'descending') : undefined
                    }
                  >
                    <SortButton col="code" st={st}>
                      Code
                    </SortButton>
                  </th>
                  <th
                    scope="col"
                    aria-sort={
                      st.sort === 'valeur' ? (st.dir === 'asc' ? 'ascending' : 'descending') : undefined
                    }
                  >
                    <SortButton col="valeur" st={st}>
                      {def.short_label} ({def.unit_label})
                    </SortButton>
                  </th>
                  <th scope="col">Année</th>
                  <th scope="col">Qualité, note</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.code} data-code={r.code}>
                    <td className="num">{r.rank ?? '—'}</td>
                    <th scope="row">
                      <Link href={`/${st.level}/${r.code}`}>{r.name}</Link>
                    </th>
                    <td>{r.code}</td>
                    <td className="num value">
                      {r.value === null ? 'non disponible' : formatValue(r.value, def.unit, def.decimals)}
                    </td>
                    <td>{r.year ?? ''}</td>
                    <td>
                      {r.value === null && <span className="muted">{r.note ?? 'absent de la source'} </span>}
                      <Flags flags={r.flags} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          {data.data.length < data.meta.total && (
            <button
              type="button"
              className="secondary"
              onClick={() => update({ limit: Math.min(50_000, st.limit * 5) })}
            >
              Afficher plus de lignes ({data.meta.total - data.data.length} restantes)
            </button>
          )}
          <p className="source">{sourceText(data.meta.sources)}</p>
        </>
      )}
    </section>
  );
}
