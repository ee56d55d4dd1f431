/**
 * « Meudon parmi 10 communes comparables »: the commune and its comparable communes in one table (the
 * criteria used, each commune's values, its latest SRU rate), how they were chosen, and links to
 * compare them side by side.
 */
import { apiUrl } from '../../api';
import { ExportBar } from '../../components/export';
import { formatNumber } from '../../format';
import { Link } from '../../router';
import { useAsync } from '../../useAsync';
import { compareHref, loadPeers, type PeerCriterion, type Peers } from './data';
import './peers.css';

type Values = Partial<Record<string, number>>;

function criterionCell(c: PeerCriterion, values: Values): string {
  const v = values[c.id];
  return v === undefined || v === null ? 'n.d.' : formatNumber(v, c.decimals);
}

function sruCell(o: Peers['sru_taux']): string {
  if (!o || o.value === null) return 'hors inventaire';
  return `${formatNumber(o.value, 2)} % (${o.year})`;
}

function listText(items: string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} et ${items.at(-1)}` : (items[0] ?? '');
}

export function PeersSection({ code, name }: { code: string; name: string }) {
  const state = useAsync(() => loadPeers(code), [code]);
  const heading = (
    <h2 id="comparables">
      {name} parmi {state.status === 'ok' ? state.data.data.peers.length : 10} communes comparables
    </h2>
  );
  if (state.status === 'loading')
    return (
      <section aria-labelledby="comparables" className="peers">
        {heading}
        <p aria-busy="true">Chargement des communes comparables…</p>
      </section>
    );
  if (state.status === 'error')
    return (
      <section aria-labelledby="comparables" className="peers">
        {heading}
        <p role="alert">{state.error.message}</p>
      </section>
    );
  const d = state.data.data;
  const used = d.criteria.map((c) => c.phrase);
  const distanceUnit = d.mode === 'proximite' ? 'km' : 'écarts types';
  return (
    <section aria-labelledby="comparables" className="peers">
      {heading}
      {d.mode === 'structure' ? (
        <p className="lead">
          Les {d.peers.length} communes de France les plus proches de {name} par {listText(used)}
          {d.band ? `, dans la tranche « ${d.band.text} »` : ''} ({formatNumber(d.candidates)} communes
          candidates). Distance 0 : identiques sur ces critères ; 1 : un écart type d’écart en moyenne.
        </p>
      ) : (
        <p className="lead">
          {name} n’a pas de population légale publiée : les communes présentées sont ses plus proches voisines
          (distance entre les centres, en kilomètres).
        </p>
      )}
      {(d.missing.length > 0 || d.set_aside.length > 0) && (
        <p className="muted">
          {d.missing.length > 0 &&
            `Non utilisé${d.missing.length > 1 ? 's' : ''}, faute de valeur pour ${name} : ${listText(d.missing.map((c) => c.phrase))}. `}
          {d.set_aside.length > 0 &&
            `Mis de côté, trop peu de communes de la même taille ayant une valeur : ${listText(d.set_aside.map((c) => c.phrase))}.`}
        </p>
      )}
      <div className="table-wrap">
        <table className="compare peers-table">
          <caption>
            {name} et ses {d.peers.length} communes comparables : valeurs des critères et dernier taux SRU
            publié (inventaire au 1er janvier de l’année entre parenthèses).
          </caption>
          <thead>
            <tr>
              <th scope="col">Commune</th>
              <th scope="col">Département</th>
              {d.criteria.map((c) => (
                <th scope="col" key={c.id} title={c.definition}>
                  {c.label} ({c.unit})
                </th>
              ))}
              <th scope="col">Taux SRU</th>
              <th scope="col">Distance ({distanceUnit})</th>
            </tr>
          </thead>
          <tbody>
            <tr className="self">
              <th scope="row">{name}</th>
              <td>{d.territory.departement_name ?? d.territory.departement}</td>
              {d.criteria.map((c) => (
                <td className="num" key={c.id}>
                  {criterionCell(c, d.values as Values)}
                </td>
              ))}
              <td className="num">{sruCell(d.sru_taux)}</td>
              <td className="num">—</td>
            </tr>
            {d.peers.map((p) => (
              <tr key={p.code} data-peer={p.code}>
                <th scope="row">
                  <Link href={`/commune/${p.code}`}>{p.name}</Link>
                </th>
                <td>{p.departement_name ?? p.departement}</td>
                {d.criteria.map((c) => (
                  <td className="num" key={c.id}>
                    {criterionCell(c, p.values as Values)}
                  </td>
                ))}
                <td className="num">{sruCell(p.sru_taux)}</td>
                <td className="num">{p.distance === null ? '—' : formatNumber(p.distance, 2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="peers-actions">
        <Link href={compareHref(code, d.peers)} className="button">
          Comparer {name} et ses 5 communes les plus proches
        </Link>{' '}
        {d.peers.length > 5 && (
          <Link href={compareHref(code, d.peers.slice(5))} className="button secondary">
            … et les 5 suivantes
          </Link>
        )}{' '}
        <Link href="/methodologie#communes-comparables">Comment sont-elles choisies ?</Link>
      </p>
      <ExportBar
        label="Exporter les communes comparables"
        table={{
          fileName: `communes-comparables-${code}`,
          csvUrl: apiUrl(`/api/territories/commune/${code}/peers`, {}, 'csv'),
        }}
        apiUrl={apiUrl(`/api/territories/commune/${code}/peers`, {})}
        print={false}
        share={false}
      />
    </section>
  );
}
