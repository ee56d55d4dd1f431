/**
 * `/comparer?codes=92048,92050,92051` (2 to 6 territories, any level: `commune:92048,ept:200057966`):
 * every indicator with data side by side, best and worst marked by the registry's polarity, and a
 * small bar chart per indicator. Territories are added with the search box and removed per column.
 */
import { TableWrap } from '../../components/TableWrap';
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  apiUrl,
  client,
  unwrap,
  type CompareIndicator,
  type CompareResponse,
  type CompareTerritory,
  type FicheResponse,
} from '../../api';
import { ExportBar } from '../../components/export';
import { Flags } from '../../components/Flags';
import { themeLabel } from '../../components/IndicatorSelect';
import { SearchBox } from '../../components/SearchBox';
import { formatNumber, formatValue } from '../../format';
import { Link, setQuery } from '../../router';
import { sourceText } from '../../model/sources';
import { formatRef, LEVEL_NAME, parseRef, sameRef, type LevelId, type TerritoryRef } from '../../territories';
import { useAsync } from '../../useAsync';
import { BarsFigure } from './BarsFigure';
import { MARK_LABEL, noMarkReason, rowMarks, type Cell, type Mark } from './extremes';

export const MAX_TERRITORIES = 6;
type Value = CompareIndicator['values'][string];

/** The territories of the address, without duplicates or malformed codes, at most six. */
export function parseCodes(text: string): TerritoryRef[] {
  const out: TerritoryRef[] = [];
  for (const part of text.split(',')) {
    const r = parseRef(part);
    if (r && !out.some((o) => sameRef(o, r))) out.push(r);
  }
  return out.slice(0, MAX_TERRITORIES);
}

/** A value as the comparison shows it; counts of communes for yes/no indicators above the commune. */
export function cellText(ind: CompareIndicator, v: Value | undefined, level: string): string {
  if (!v || v.value === null) return 'non disponible';
  if (ind.unit === 'booleen' && level !== 'commune')
    return `${formatNumber(v.value)} ${ind.aggregate_unit_label ?? ''}`.trim();
  return formatValue(v.value, ind.unit, ind.decimals);
}

function loadCompare(refs: TerritoryRef[]): Promise<CompareResponse> {
  return client.api.compare
    .$get({ query: { code: refs.map(formatRef).join(','), level: 'commune' } })
    .then((r) => unwrap<CompareResponse>(r));
}

function loadOne(ref: TerritoryRef): Promise<FicheResponse> {
  return client.api.territories[':level'][':code']
    .$get({ param: { level: ref.level, code: ref.code } })
    .then((r) => unwrap<FicheResponse>(r));
}

function cellsOf(ind: CompareIndicator, territories: CompareTerritory[]): Cell[] {
  return territories.map((t) => ({ value: ind.values[t.key]?.value ?? null, year: ind.values[t.key]?.year }));
}

function MarkBadge({ mark }: { mark: Mark }) {
  if (!mark) return null;
  return (
    <span
      className={`mark mark-${mark}`}
      title={`Valeur ${MARK_LABEL[mark]} (selon le sens de l’indicateur)`}
    >
      {mark === 'best' ? '▲' : '▼'} <span className="mark-text">{MARK_LABEL[mark]}</span>
    </span>
  );
}

/** « Taux SRU, 2025 » or, when the territories' years differ, the mismatch in the title itself. */
export function chartTitle(
  label: string,
  territories: { key: string; name: string }[],
  values: Record<string, { year: number; value: number | null } | null | undefined>,
): string {
  const withValue = territories.filter((t) => values[t.key] && values[t.key]!.value !== null);
  const years = [...new Set(withValue.map((t) => values[t.key]!.year))].sort((a, b) => a - b);
  if (years.length <= 1) return `${label}${years.length ? `, ${years[0]}` : ''}`;
  const parts = years.map(
    (y) =>
      `${y} (${withValue
        .filter((t) => values[t.key]!.year === y)
        .map((t) => t.name)
        .join(', ')})`,
  );
  return `${label} — années différentes : ${parts.join(' ; ')}`;
}

function ChartCard({
  ind,
  territories,
  marks,
  sources,
}: {
  ind: CompareIndicator;
  territories: CompareTerritory[];
  marks: Mark[];
  sources: CompareResponse['meta']['sources'];
}) {
  const svgRef = useRef<SVGSVGElement | null>(null);
  const holder = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(900);
  useEffect(() => {
    const el = holder.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(300, Math.round(el.clientWidth)));
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const levels = new Set(territories.map((t) => t.level));
  const aggregated = ind.unit === 'booleen' && !levels.has('commune');
  const bars = territories.map((t, i) => {
    const v = ind.values[t.key];
    return {
      label: t.name,
      value: v?.value ?? null,
      mark: marks[i] ?? null,
      missing: v && v.value === null ? 'non diffusé' : 'non disponible',
    };
  });
  const fmt = (x: number) =>
    aggregated ? formatNumber(x) : formatValue(x, ind.unit, Number.isInteger(x) ? 0 : ind.decimals);
  const used = territories
    .map((t) => ind.values[t.key]?.source_id)
    .filter((s): s is string => !!s)
    .map((s) => sources[s]!)
    .filter(Boolean);
  const title = chartTitle(ind.label, territories, ind.values);
  const present = bars.filter((b) => b.value !== null).map((b) => b.value as number);
  const allEqual = present.length >= 2 && present.every((v) => v === present[0]);
  const reason = noMarkReason(
    territories.map((t) => ({ value: ind.values[t.key]?.value, year: ind.values[t.key]?.year })),
    ind,
  );
  return (
    <figure className="chart-card" data-indicator={ind.id} data-equal={allEqual ? '' : undefined}>
      <figcaption>
        <strong className="chart-title">{title}</strong>{' '}
        <span className="muted">({aggregated ? ind.aggregate_unit_label : ind.unit_label})</span>
        {reason && !allEqual && <span className="muted no-mark"> — {reason}</span>}
      </figcaption>
      <div ref={holder}>
        {allEqual ? (
          <p className="all-equal">Toutes les valeurs sont égales ({fmt(present[0]!)}) : pas de graphique.</p>
        ) : (
          <BarsFigure
            bars={bars}
            options={{ format: fmt, width, target: ind.target ?? undefined, title }}
            svgRef={svgRef}
          />
        )}
      </div>
      <p className="source">{sourceText(used)}</p>
      {!allEqual && (
        <ExportBar
          label={`Exporter le graphique « ${ind.short_label} »`}
          share={false}
          print={false}
          figure={{
            title,
            subtitle: territories.map((t) => t.name).join(', '),
            source: sourceText(used),
            legend: {
              items: marks.some(Boolean)
                ? [
                    { color: '#1b7837', label: 'valeur la plus favorable (▲)' },
                    { color: '#b2182b', label: 'valeur la moins favorable (▼)' },
                  ]
                : [],
              notes: reason ? [`Aucune valeur marquée : ${reason}.`] : [],
            },
            fileName: `comparaison-${ind.id}`,
            width: 1200,
            height: 700,
            svg: () => svgRef.current,
          }}
        />
      )}
    </figure>
  );
}

export function ComparePage({ search }: { search: URLSearchParams }) {
  const refs = parseCodes(search.get('codes') ?? search.get('code') ?? '');
  const key = refs.map(formatRef).join(',');
  const [showEmpty, setShowEmpty] = useState(false);
  const state = useAsync(
    () => (refs.length >= 2 ? loadCompare(refs) : Promise.resolve(null)),

    [key],
  );
  const single = useAsync(
    () => (refs.length === 1 ? loadOne(refs[0]!) : Promise.resolve(null)),

    [key],
  );
  const setRefs = (next: TerritoryRef[]) => setQuery({ codes: next.map(formatRef).join(',') || null });

  useEffect(() => {
    document.title = 'Comparer des territoires — Observatoire précarité & logement';
  }, []);

  const data = state.status === 'ok' ? state.data : null;
  const territories = useMemo(() => data?.data.territories ?? [], [data]);
  const rows = useMemo(
    () =>
      (data?.data.indicators ?? []).filter(
        (ind) => showEmpty || territories.some((t) => ind.values[t.key]?.value !== null && ind.values[t.key]),
      ),
    [data, showEmpty, territories],
  );
  const themes = [...new Set(rows.map((i) => i.theme))];
  const chosen: { ref: TerritoryRef; name: string }[] = data
    ? territories.map((t) => ({ ref: { level: t.level as LevelId, code: t.code }, name: t.name }))
    : refs.map((r) => ({
        ref: r,
        name:
          single.status === 'ok' && single.data
            ? single.data.data.territory.name
            : `${LEVEL_NAME[r.level]} ${r.code}`,
      }));

  const query = { code: key, level: 'commune' };
  return (
    <section className="compare-page wide">
      <h1>Comparer des territoires</h1>
      <p className="lead">
        De deux à six communes, EPT, EPCI, départements ou régions côte à côte, pour chaque indicateur
        disponible. Pour les taux, médianes et rapports de la même année, ▲ marque la valeur la plus favorable
        et ▼ la moins favorable selon le sens de l’indicateur ; aucun effectif (nombre de logements, de
        foyers…) n’est classé, il dépend surtout de la taille du territoire.
      </p>

      <div className="compare-chosen">
        <h2 className="visually-hidden">Territoires comparés</h2>
        <ul className="chips" aria-label="Territoires comparés">
          {chosen.map(({ ref, name }) => (
            <li key={formatRef(ref)} className="chip">
              <span>
                {name}{' '}
                <span className="muted">
                  ({LEVEL_NAME[ref.level]} {ref.code})
                </span>
              </span>
              <button
                type="button"
                aria-label={`Retirer ${name} de la comparaison`}
                onClick={() => setRefs(refs.filter((r) => !sameRef(r, ref)))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        {refs.length < MAX_TERRITORIES ? (
          <SearchBox
            id="compare-add"
            label="Ajouter un territoire à la comparaison"
            exclude={refs.map((r) => `${r.level}:${r.code}`)}
            onSelect={(h) => setRefs([...refs, { level: h.level as LevelId, code: h.code }])}
          />
        ) : (
          <p className="muted">Six territoires au plus : retirez-en un pour en ajouter un autre.</p>
        )}
      </div>

      {refs.length < 2 && (
        <p className="notice">
          Choisissez {refs.length === 0 ? 'au moins deux territoires' : 'un second territoire'} avec la
          recherche ci-dessus, par exemple{' '}
          <Link href="/comparer?codes=92048,92050,92051">Meudon, Nanterre et Neuilly-sur-Seine</Link>.
        </p>
      )}
      {state.status === 'loading' && refs.length >= 2 && (
        <p aria-busy="true">Chargement de la comparaison…</p>
      )}
      {state.status === 'error' && <p role="alert">{state.error.message}</p>}

      {data && (
        <>
          <ExportBar
            label="Exporter la comparaison"
            table={{
              fileName: `comparaison-${key}`,
              csvUrl: apiUrl('/api/compare', query, 'csv'),
            }}
            apiUrl={apiUrl('/api/compare', query)}
          />
          <label className="check">
            <input type="checkbox" checked={showEmpty} onChange={(e) => setShowEmpty(e.target.checked)} />{' '}
            Afficher aussi les indicateurs sans aucune valeur pour ces territoires
          </label>
          <TableWrap>
            <table className="compare-table">
              <caption>
                Dernière valeur disponible de chaque indicateur ; l’année est indiquée sous chaque valeur. ▲ ▼
                ne marquent que les taux, médianes et rapports qui ont un sens favorable, quand toutes les
                valeurs sont de la même année : un effectif (logements, habitants, foyers) dépend surtout de
                la taille du territoire.
              </caption>
              <thead>
                <tr>
                  <th scope="col">Indicateur</th>
                  {territories.map((t) => (
                    <th scope="col" key={t.key} data-key={t.key}>
                      <Link href={`/${t.level}/${t.code}`}>{t.name}</Link>
                      <div className="muted">
                        {LEVEL_NAME[t.level as LevelId]} {t.code}
                      </div>
                    </th>
                  ))}
                </tr>
              </thead>
              {themes.map((theme) => (
                <tbody key={theme}>
                  <tr className="theme-row">
                    <th scope="colgroup" colSpan={territories.length + 1}>
                      {themeLabel(rows.find((i) => i.theme === theme)!)}
                    </th>
                  </tr>
                  {rows
                    .filter((ind) => ind.theme === theme)
                    .map((ind) => {
                      const marks = rowMarks(cellsOf(ind, territories), ind);
                      return (
                        <tr key={ind.id} data-indicator={ind.id}>
                          <th scope="row">
                            <Link href={`/methodologie#${ind.id}`}>{ind.short_label}</Link>
                            <div className="muted">{ind.unit_label}</div>
                          </th>
                          {territories.map((t, i) => {
                            const v = ind.values[t.key];
                            return (
                              <td
                                key={t.key}
                                className={`num${marks[i] ? ` cell-${marks[i]}` : ''}`}
                                data-key={t.key}
                                data-value={v?.value ?? ''}
                              >
                                <span className="value">{cellText(ind, v ?? undefined, t.level)}</span>
                                <MarkBadge mark={marks[i] ?? null} />
                                {v && <div className="muted">{v.year}</div>}
                                {v && v.value === null && v.note ? (
                                  <div className="muted">{v.note}</div>
                                ) : null}
                                {v && v.flags.length > 0 && <Flags flags={v.flags} />}
                              </td>
                            );
                          })}
                        </tr>
                      );
                    })}
                </tbody>
              ))}
            </table>
          </TableWrap>
          <p className="source">{sourceText(data.meta.sources)}</p>

          <h2>Un graphique par indicateur</h2>
          <div className="chart-grid">
            {rows
              // A chart compares: at least two territories with a value.
              .filter((ind) => territories.filter((t) => ind.values[t.key]?.value != null).length >= 2)
              // A yes/no value of a commune is not a quantity: no bar for it.
              .filter((ind) => !(ind.unit === 'booleen' && territories.some((t) => t.level === 'commune')))
              .map((ind) => (
                <ChartCard
                  key={ind.id}
                  ind={ind}
                  territories={territories}
                  marks={rowMarks(cellsOf(ind, territories), ind)}
                  sources={data.meta.sources}
                />
              ))}
          </div>
        </>
      )}
    </section>
  );
}
