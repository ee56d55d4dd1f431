/**
 * `/sources`: every file loaded into the database (`/api/sources`), with its producer, licence,
 * vintage, official address, retrieval date, origin (offline mirror or network), SHA-256 fingerprint
 * and the rows read, kept and rejected by its pipeline.
 */
import { TableWrap } from '../../components/TableWrap';
import { useEffect, useMemo } from 'react';
import { apiUrl, client, unwrap, type SourceRow, type SourcesResponse } from '../../api';
import { ExportBar } from '../../components/export';
import { formatDate, formatNumber } from '../../format';
import { useAsync } from '../../useAsync';
import { Reconciliation } from './Reconciliation';

export const KIND_TEXT: Record<string, string> = {
  official: 'fichier officiel',
  derived: 'copie remise en forme par un tiers',
  legacy: 'source ancienne',
  curated: 'chiffre publié (recopié)',
};
export const ORIGIN_TEXT: Record<string, string> = {
  mirror: 'miroir hors ligne',
  network: 'réseau (téléchargé)',
  cache: 'cache local',
};

function count(n: number | null): string {
  return n === null || n === undefined ? '—' : formatNumber(n);
}

function SourceTable({ rows }: { rows: SourceRow[] }) {
  return (
    <TableWrap>
      <table className="sources-table">
        <thead>
          <tr>
            <th scope="col">Fichier</th>
            <th scope="col">Producteur, licence</th>
            <th scope="col">Millésime</th>
            <th scope="col">Adresse officielle</th>
            <th scope="col">Récupéré le, origine</th>
            <th scope="col">Lignes lues / gardées / rejetées</th>
            <th scope="col">Empreinte SHA-256</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.id} id={`source-${s.id}`} data-source={s.id}>
              <th scope="row">
                {s.title}
                <div className="muted">
                  <code>{s.file_name}</code> · {KIND_TEXT[s.kind] ?? s.kind} ·{' '}
                  {formatNumber(s.bytes / 1024, 0)} Ko
                </div>
                {s.notes && <div className="muted">{s.notes}</div>}
              </th>
              <td>
                {s.producer}
                <div className="muted">{s.licence}</div>
              </td>
              <td>{s.vintage}</td>
              <td className="urls">
                {s.url ? (
                  <a href={s.url} rel="noreferrer" target="_blank">
                    fichier
                  </a>
                ) : (
                  <span className="muted">pas d’adresse de fichier</span>
                )}
                {s.dataset_url && (
                  <>
                    {' · '}
                    <a href={s.dataset_url} rel="noreferrer" target="_blank">
                      page du jeu de données
                    </a>
                  </>
                )}
              </td>
              <td>
                {formatDate(s.retrieved_at)}
                <div className="muted">{ORIGIN_TEXT[s.origin] ?? s.origin}</div>
              </td>
              <td className="num">
                {count(s.rows_read)} / {count(s.rows_kept)} / {count(s.rows_rejected)}
              </td>
              <td>
                <code className="sha" title={s.sha256}>
                  {s.sha256.slice(0, 12)}…
                </code>
                <span className="visually-hidden"> empreinte complète : {s.sha256}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function SourcesPage() {
  const state = useAsync(() => client.api.sources.$get().then((r) => unwrap<SourcesResponse>(r)), []);
  useEffect(() => {
    document.title = 'Sources — Observatoire précarité & logement';
  }, []);
  const families = useMemo(() => {
    const m = new Map<string, SourceRow[]>();
    if (state.status === 'ok')
      for (const s of state.data.data) m.set(s.family, [...(m.get(s.family) ?? []), s]);
    return [...m];
  }, [state]);

  return (
    <section className="sources-page wide">
      <h1>Sources</h1>
      <p className="lead">
        Chaque fichier chargé dans la base, tel que la dernière construction l’a lu : qui le produit, sous
        quelle licence, quel millésime, où le trouver, quand et d’où il a été récupéré, son empreinte SHA-256
        (pour vérifier qu’il n’a pas changé) et le nombre de lignes lues, gardées et rejetées.
      </p>
      {state.status === 'loading' && <p aria-busy="true">Chargement des sources…</p>}
      {state.status === 'error' && <p role="alert">{state.error.message}</p>}
      {state.status === 'ok' && (
        <>
          <p>
            {state.data.data.length} fichiers ; base construite le {formatDate(state.data.meta.built_at)}{' '}
            (construction <code>{state.data.meta.build_id}</code>).
          </p>
          <ExportBar
            label="Exporter la liste des sources"
            table={{ fileName: 'sources', csvUrl: apiUrl('/api/sources', {}, 'csv') }}
            apiUrl="/api/sources"
          />
          <nav aria-label="Familles de sources" className="toc">
            {families.map(([f, rows]) => (
              <a key={f} href={`#famille-${f}`}>
                {f} ({rows.length})
              </a>
            ))}
            <a href="#rapprochement">Chiffres publiés : rapprochement</a>
          </nav>
          {families.map(([family, rows]) => (
            <section key={family} aria-labelledby={`famille-${family}`}>
              <h2 id={`famille-${family}`}>
                Famille <code>{family}</code>
              </h2>
              <SourceTable rows={rows} />
            </section>
          ))}
          <Reconciliation />
        </>
      )}
    </section>
  );
}
