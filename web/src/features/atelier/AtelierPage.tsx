/**
 * `/atelier/ept/:code`: the workshop pack of one EPT — chiffres clés next to the département, the
 * région and France, a map of its communes for a chosen indicator, the table of all its communes, the
 * sources. Prints on A4 (two pages) without controls; « plein écran » shows it in large type for a
 * projector. Indicator and mode live in the URL (`?indicateur=…&mode=projection`).
 */
import { TableWrap } from '../../components/TableWrap';
import { useEffect, useMemo } from 'react';
import type { Fiche, FicheResponse, Source, ValuesResponse } from '../../api';
import { ExportBar } from '../../components/export';
import { Flags } from '../../components/Flags';
import { formatDate } from '../../format';
import { useRegistry } from '../../registry';
import { Link, navigate } from '../../router';
import { useAsync } from '../../useAsync';
import { generateArguments } from '../arguments';
import { loadFiche } from '../../model/fiche-data';
import { type FlagMeanings, type Obs } from '../../model/fiche';
import { compactFigure } from '../../model/figures';
import { loadLayer } from '../../model/layers';
import { loadValues } from '../../model/values';
import { DemandAtelierTable } from '../demande';
import { EptMap } from './EptMap';
import { communeColumns, keyFigureIds, mappable, type RegistryIndicator } from './model';
import './atelier.css';

const CONTEXT_LEVELS = ['departement', 'region', 'france'];

function KeyFiguresTable({ fiche }: { fiche: Fiche }) {
  const ids = keyFigureIds(fiche.indicators);
  // an EPT over several départements (Boucle Nord de Seine: 92 and 95) gets a column for each
  const ctx = fiche.context.filter((c) => CONTEXT_LEVELS.includes(c.territory.level));
  const rows = fiche.indicators.filter((i) => ids.includes(i.id));
  const cols = ctx.filter((c) =>
    rows.some((r) => {
      const v = (c.values as Record<string, Obs>)[r.id];
      return v && v.value !== null;
    }),
  );
  return (
    <table className="atelier-key">
      <caption className="sr-only">
        Chiffres clés de l’EPT {fiche.territory.name} et de ses territoires de comparaison
      </caption>
      <thead>
        <tr>
          <th scope="col">Indicateur</th>
          <th scope="col">{fiche.territory.name}</th>
          {cols.map((c) => (
            <th scope="col" key={`${c.territory.level}-${c.territory.code}`} data-col={c.territory.code}>
              {c.territory.name}
              {c.territory.level === 'departement' ? ` (${c.territory.code})` : ''}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((ind) => (
          <tr key={ind.id} data-indicator={ind.id}>
            <th scope="row">
              {ind.short_label}
              {ind.value && ind.value.flags.length > 0 && (
                <Flags flags={ind.value.flags.filter((f) => f !== 'derived')} />
              )}
              <span className="ref">{ind.reference_text}</span>
            </th>
            <td className="num value">{ind.value ? compactFigure(ind, ind.value, 'ept') : 'n.d.'}</td>
            {cols.map((c) => {
              const v = (c.values as Record<string, Obs>)[ind.id];
              return (
                <td className="num" key={`${c.territory.level}-${c.territory.code}`}>
                  {v ? compactFigure(ind, v, c.territory.level) : 'n.d.'}
                  {v && v.value !== null && ind.value && v.year !== ind.value.year ? ` (${v.year})` : ''}
                  {v?.flags.includes('partial') ? ' *' : ''}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CommunesTable({ columns, tables }: { columns: RegistryIndicator[]; tables: ValuesResponse[] }) {
  const communes = tables[0]?.data ?? [];
  const maps = tables.map((t) => new Map(t.data.map((r) => [r.code, r])));
  return (
    <table className={`atelier-communes${communes.length > 14 ? ' dense' : ''}`}>
      <caption>
        Les {communes.length} communes de l’EPT. Valeurs de la dernière année disponible pour l’ensemble de
        l’EPT (indiquée sous chaque colonne) ; « n.d. » : non disponible, motif au survol ; « ≈ » : déduit
        d’un chiffre arrondi, fourchette entre parenthèses.
      </caption>
      <thead>
        <tr>
          <th scope="col">Commune</th>
          {columns.map((c, i) => (
            <th scope="col" key={c.id} className="num">
              {c.short_label}
              <span className="col-year">
                {c.unit === 'booleen' ? '' : `${c.unit_symbol ? `${c.unit_symbol}, ` : ''}`}
                {tables[i]?.meta.year ?? '—'}
              </span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {communes.map((r) => (
          <tr key={r.code} data-code={r.code}>
            <th scope="row">
              <Link href={`/commune/${r.code}`}>{r.name}</Link>
            </th>
            {columns.map((c, i) => {
              const v = maps[i]?.get(r.code);
              return (
                <td className="num" key={c.id} title={v?.value === null ? (v?.note ?? undefined) : undefined}>
                  {v ? compactFigure(c, v, 'commune', false) : 'n.d.'}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One line per producer and data set, the vintages it contributes listed once. */
export function groupSources(sources: Source[]): { key: string; text: string; url: string | null }[] {
  const groups = new Map<
    string,
    { producer: string; title: string; vintages: Set<string>; licence: string; url: string | null }
  >();
  for (const s of sources) {
    const title = s.title
      .replace(/,? communes? (du|des) .*$/i, '')
      .replace(/\s*\([^()]*extrait[^()]*\)/i, '');
    const key = `${s.producer}|${title}`;
    const g = groups.get(key) ?? {
      producer: s.producer,
      title,
      vintages: new Set(),
      licence: s.licence,
      url: s.dataset_url ?? s.url,
    };
    g.vintages.add(s.vintage);
    groups.set(key, g);
  }
  return [...groups.entries()].map(([key, g]) => ({
    key,
    text: `${g.producer}, ${g.title} (${[...g.vintages].join(' ; ')}) — ${g.licence}`,
    url: g.url,
  }));
}

function Sources({ sources }: { sources: Source[] }) {
  return (
    <section className="atelier-sources" aria-labelledby="atelier-sources">
      <h2 id="atelier-sources">Sources</h2>
      <ul>
        {groupSources(sources).map((s) => (
          <li key={s.key}>
            {s.text}
            {s.url ? (
              <>
                {' — '}
                <a href={s.url}>{s.url}</a>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function AtelierPage({ code, search }: { code: string; search: URLSearchParams }) {
  const registry = useRegistry();
  const indicators = registry.indicators as unknown as RegistryIndicator[];
  const candidates = mappable(indicators);
  const asked = search.get('indicateur');
  const indicator =
    candidates.find((i) => i.id === asked)?.id ??
    candidates.find((i) => i.id === 'sru_taux')?.id ??
    candidates[0]?.id ??
    'population';
  const projection = search.get('mode') === 'projection';
  const columns = useMemo(() => communeColumns(indicators, indicator), [indicators, indicator]);
  const columnKey = columns.map((c) => c.id).join(',');

  const fiche = useAsync<FicheResponse>(() => loadFiche('ept', code), [code]);
  const topo = useAsync(() => loadLayer('communes-idf'), []);
  const tables = useAsync(
    () => Promise.all(columns.map((c) => loadValues({ indicator: c.id, within: `ept:${code}` }))),
    [code, columnKey],
  );

  const setParam = (key: string, value: string | null) => {
    const q = new URLSearchParams(location.search);
    if (value === null) q.delete(key);
    else q.set(key, value);
    const qs = q.toString();
    navigate(`${location.pathname}${qs ? `?${qs}` : ''}`, { replace: true });
  };
  useEffect(() => {
    if (fiche.status === 'ok') document.title = `Dossier d’atelier — ${fiche.data.data.territory.name}`;
  }, [fiche]);
  useEffect(() => {
    document.body.classList.toggle('atelier-projection', projection);
    return () => document.body.classList.remove('atelier-projection');
  }, [projection]);
  useEffect(() => {
    const onChange = () => {
      if (!document.fullscreenElement && new URLSearchParams(location.search).get('mode') === 'projection') {
        setParam('mode', null);
      }
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  });

  const toggleProjection = () => {
    if (projection) {
      setParam('mode', null);
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    } else {
      setParam('mode', 'projection');
      void document.documentElement.requestFullscreen?.().catch(() => undefined);
    }
  };

  if (fiche.status === 'loading') return <p aria-busy="true">Chargement du dossier d’atelier…</p>;
  if (fiche.status === 'error') return <p role="alert">{fiche.error.message}</p>;
  const payload = fiche.data;
  const t = payload.data.territory;
  const tablesOk = tables.status === 'ok' ? tables.data : null;
  const mapIdx = columns.findIndex((c) => c.id === indicator);
  const mapTable = tablesOk?.[mapIdx];
  const args = generateArguments({
    fiche: payload.data,
    sources: payload.meta.sources,
    flags: registry.flags as FlagMeanings,
    origin: location.origin,
  }).slice(0, 3);
  // sources of the figures shown: the EPT's chiffres clés (and their comparison columns), the arguments,
  // the communes table and the map
  const shownIds = new Set<string>();
  const keyIds = keyFigureIds(payload.data.indicators);
  for (const ind of payload.data.indicators) {
    if (!keyIds.includes(ind.id)) continue;
    if (ind.value) shownIds.add(ind.value.source_id);
    for (const c of payload.data.context) {
      const v = (c.values as Record<string, Obs>)[ind.id];
      if (v && v.value !== null && CONTEXT_LEVELS.includes(c.territory.level)) shownIds.add(v.source_id);
    }
  }
  for (const a of args) shownIds.add(a.source_id);
  const allSources = new Map<string, Source>();
  for (const id of shownIds) {
    const s = payload.meta.sources[id];
    if (s) allSources.set(id, s);
  }
  for (const tb of tablesOk ?? [])
    for (const [id, s] of Object.entries(tb.meta.sources)) allSources.set(id, s as Source);
  const departements = (
    (t.extra as { departements?: string[] } | null)?.departements ?? [t.departement]
  ).filter(Boolean);

  return (
    <article className={`atelier${projection ? ' projection' : ''}`} data-ept={t.code}>
      <div className="atelier-page atelier-page-1">
        <header className="atelier-header">
          <p className="kicker">Dossier d’atelier · Observatoire précarité &amp; logement</p>
          <h1>EPT {t.name}</h1>
          <p className="lead">
            Établissement public territorial de la Métropole du Grand Paris
            {tablesOk ? ` · ${tablesOk[0]?.data.length ?? 0} communes` : ''}
            {departements.length
              ? ` · département${departements.length > 1 ? 's' : ''} ${departements.join(', ')}`
              : ''}{' '}
            · données de la base du {formatDate(payload.meta.built_at)}
          </p>
        </header>
        <div className="atelier-controls" role="group" aria-label="Réglages du dossier">
          <label>
            Indicateur de la carte{' '}
            <select value={indicator} onChange={(e) => setParam('indicateur', e.target.value)}>
              {candidates.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.label}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="secondary" onClick={toggleProjection} aria-pressed={projection}>
            {projection ? 'Quitter le plein écran' : 'Plein écran (projection)'}
          </button>
          <Link href={`/ept/${t.code}`}>Fiche complète de l’EPT</Link>
          <ExportBar label="Imprimer et partager le dossier" apiUrl={`/api/territories/ept/${t.code}`} />
        </div>
        <section aria-labelledby="atelier-chiffres" className="atelier-section">
          <h2 id="atelier-chiffres">Chiffres clés</h2>
          <TableWrap>
            <KeyFiguresTable fiche={payload.data} />
          </TableWrap>
          <p className="muted note">
            « ≈ » : déduit d’un chiffre arrondi, fourchette entre parenthèses. * calculé sur une partie des
            communes (l’agrégat ne porte que sur les communes renseignées). Agrégats : sommes des communes ;
            les taux sont recalculés (somme des numérateurs ÷ somme des dénominateurs).
          </p>
        </section>
        <section aria-labelledby="atelier-carte" className="atelier-section">
          <h2 id="atelier-carte">Carte des communes</h2>
          {topo.status === 'error' && <p role="alert">Fond de carte indisponible : {topo.error.message}</p>}
          {tables.status === 'error' && <p role="alert">Valeurs indisponibles : {tables.error.message}</p>}
          {topo.status === 'ok' && mapTable ? (
            <EptMap
              topo={topo.data}
              ept={t.code}
              eptName={t.name}
              def={mapTable.meta.indicator}
              rows={mapTable.data}
              year={mapTable.meta.year}
            />
          ) : (
            topo.status !== 'error' &&
            tables.status !== 'error' && <p aria-busy="true">Chargement de la carte…</p>
          )}
        </section>
      </div>
      <div className="atelier-page atelier-page-2">
        <section aria-labelledby="atelier-communes" className="atelier-section">
          <h2 id="atelier-communes">Les communes de l’EPT</h2>
          {tablesOk ? (
            <TableWrap>
              <CommunesTable columns={columns} tables={tablesOk} />
            </TableWrap>
          ) : (
            <p aria-busy="true">Chargement…</p>
          )}
        </section>
        <DemandAtelierTable fiche={payload.data} />
        {args.length > 0 && (
          <section aria-labelledby="atelier-retenir" className="atelier-section atelier-retenir">
            <h2 id="atelier-retenir">À retenir</h2>
            <ul>
              {args.map((a) => (
                <li key={a.id}>{a.text}</li>
              ))}
            </ul>
          </section>
        )}
        <Sources sources={[...allSources.values()]} />
        <p className="atelier-footer muted">
          Observatoire précarité &amp; logement — {location.origin}/atelier/ept/{t.code} — chaque chiffre avec
          sa source et son millésime ; définitions et précautions sur les fiches en ligne.
        </p>
      </div>
    </article>
  );
}
