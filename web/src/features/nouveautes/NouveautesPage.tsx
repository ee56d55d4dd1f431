/**
 * `/nouveautes`: for the newest vintage of each family of sources, what changed since the previous
 * one — SRU status changes commune by commune, then the largest moves of each indicator — with links
 * to the fiches, the CSV of every change and the Atom feed.
 */
import { useEffect } from 'react';
import type { InferResponseType } from 'hono/client';
import { apiUrl, client, unwrap } from '../../api';
import { formatNumber, formatValue } from '../../format';
import { Link } from '../../router';
import { useAsync } from '../../useAsync';

type VintagesResponse = InferResponseType<(typeof client.api.changes)['vintages']['$get'], 200>;
type Vintage = VintagesResponse['data'][number];
type Moves = Vintage['moves'][number];

function loadVintages(): Promise<VintagesResponse> {
  return client.api.changes.vintages.$get().then((r) => unwrap<VintagesResponse>(r));
}

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function diffText(d: number, unit: string, decimals: number): string {
  const sign = d > 0 ? '+' : d < 0 ? '−' : '';
  const abs = Math.abs(d);
  return unit === 'pct'
    ? `${sign}${formatNumber(abs, decimals)} point${abs >= 2 ? 's' : ''}`
    : `${sign}${formatValue(abs, unit, decimals)}`;
}

/** « 26 communes ne sont plus déficitaires », counted per status. */
function statusCounts(v: Vintage): { label: string; n: number }[] {
  const counts = new Map<string, number>();
  for (const s of v.statuses) for (const x of s.statuses) counts.set(x.label, (counts.get(x.label) ?? 0) + 1);
  return [...counts].map(([label, n]) => ({ label, n })).sort((a, b) => b.n - a.n);
}

function MovesTable({ m, rows, caption }: { m: Moves; rows: Moves['up']; caption: string }) {
  if (!rows.length) return null;
  return (
    <table className="compare">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Commune</th>
          <th scope="col">Dép.</th>
          <th scope="col">{m.previous_year}</th>
          <th scope="col">Dernier millésime</th>
          <th scope="col">Écart</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.code}>
            <th scope="row">
              <Link href={`/commune/${r.code}`}>{r.name}</Link>
            </th>
            <td>{r.departement}</td>
            <td className="num">{formatValue(r.previous, m.unit, m.decimals)}</td>
            <td className="num">{formatValue(r.current, m.unit, m.decimals)}</td>
            <td className="num">
              {diffText(r.difference, m.unit, m.decimals)}
              {r.difference_low !== null && r.difference_high !== null
                ? ` (entre ${diffText(r.difference_low, m.unit, m.decimals)} et ${diffText(r.difference_high, m.unit, m.decimals)})`
                : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function VintageSection({ v }: { v: Vintage }) {
  const counts = statusCounts(v);
  return (
    <section aria-labelledby={`${v.id}-titre`} id={v.id} className="vintage">
      <h2 id={`${v.id}-titre`}>{upperFirst(v.reference_text)}</h2>
      <p className="lead">
        {v.family_title} : millésime comparé au précédent ({v.previous_reference_text}), dans{' '}
        {v.departements.length > 20
          ? `${formatNumber(v.departements.length)} départements`
          : `les départements ${v.departements.join(', ')}`}{' '}
        (là où les deux millésimes sont chargés).
      </p>
      {v.statuses.length > 0 && (
        <>
          <h3>Changements de statut SRU</h3>
          <ul>
            {counts.map((c) => (
              <li key={c.label}>
                {formatNumber(c.n)} commune{c.n > 1 ? 's' : ''} : {c.label}
              </li>
            ))}
          </ul>
          <div className="table-wrap">
            <table className="compare" data-statuses={v.id}>
              <caption>Communes dont le statut SRU change entre les deux inventaires</caption>
              <thead>
                <tr>
                  <th scope="col">Commune</th>
                  <th scope="col">Dép.</th>
                  <th scope="col">Changement</th>
                </tr>
              </thead>
              <tbody>
                {v.statuses.map((s) => (
                  <tr key={s.code} data-code={s.code}>
                    <th scope="row">
                      <Link href={`/commune/${s.code}`}>{s.name}</Link>
                    </th>
                    <td>{s.departement}</td>
                    <td>{s.statuses.map((x) => x.label).join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <h3>Plus fortes évolutions</h3>
      {v.moves.map((m) => (
        <details key={m.indicator} className="moves">
          <summary>
            {m.label} : {formatNumber(m.changed)} commune{m.changed > 1 ? 's' : ''} sur{' '}
            {formatNumber(m.compared)} ont une valeur différente
            {m.series_break ? ` — comparaison impossible avec les années d’avant (${m.series_break})` : ''}
          </summary>
          <div className="table-wrap">
            <MovesTable m={m} rows={m.up} caption={`${m.label} : plus fortes hausses`} />
            <MovesTable m={m} rows={m.down} caption={`${m.label} : plus fortes baisses`} />
          </div>
          <p>
            <a
              href={apiUrl(
                '/api/changes',
                {
                  indicator: m.indicator,
                  level: 'commune',
                  year: String(v.year),
                  since: String(m.previous_year),
                },
                'csv',
              )}
            >
              Toutes les communes (CSV)
            </a>
          </p>
        </details>
      ))}
    </section>
  );
}

export function NouveautesPage() {
  const state = useAsync(loadVintages, []);
  useEffect(() => {
    document.title = 'Nouveautés — Observatoire précarité & logement';
    const link = document.createElement('link');
    link.rel = 'alternate';
    link.type = 'application/atom+xml';
    link.title = 'Nouveautés de l’observatoire';
    link.href = '/feeds/nouveautes.atom';
    document.head.appendChild(link);
    return () => link.remove();
  }, []);
  return (
    <article className="nouveautes">
      <h1>Nouveautés</h1>
      <p className="lead">
        Ce qui change à chaque nouveau millésime chargé, commune par commune : changements de statut SRU
        (déficitaire, carencée, exemptée, objectif atteint) et plus fortes évolutions. Les valeurs masquées, à
        vérifier ou incohérentes n’entrent dans aucun écart ; deux millésimes séparés par une rupture de série
        ne se comparent pas.
      </p>
      <p>
        <a href="/feeds/nouveautes.atom" type="application/atom+xml">
          Suivre les nouveautés (flux Atom)
        </a>{' '}
        — chaque fiche propose aussi le flux de son territoire.
      </p>
      {state.status === 'loading' && <p aria-busy="true">Chargement des nouveautés…</p>}
      {state.status === 'error' && <p role="alert">{state.error.message}</p>}
      {state.status === 'ok' && (
        <>
          <nav aria-label="Millésimes" className="fiche-toc">
            {state.data.data.map((v) => (
              <a key={v.id} href={`#${v.id}`}>
                {upperFirst(v.reference_text)}
              </a>
            ))}
          </nav>
          {state.data.data.map((v) => (
            <VintageSection key={v.id} v={v} />
          ))}
        </>
      )}
    </article>
  );
}
