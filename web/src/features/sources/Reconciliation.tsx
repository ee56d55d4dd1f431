/**
 * « Nos chiffres face aux chiffres publiés »: each figure a producer published (reference file of the
 * repository), the observatory's own figure computed the same way, the gap and the verdict
 * (`/api/reconciliation`). A reader can check that our totals are the producers' before quoting them.
 */
import { apiUrl, client, unwrap, type ReconciliationResponse } from '../../api';
import { ExportBar } from '../../components/export';
import { TableWrap } from '../../components/TableWrap';
import { formatNumber } from '../../format';
import { countText } from '../../model/plural';
import { useAsync } from '../../useAsync';

const VERDICT: Record<string, string> = {
  ok: 'conforme',
  écart: 'écart au-delà de la tolérance',
  'non calculable': 'non calculable avec les fichiers chargés',
};

const num = (n: number | null) => (n === null ? '—' : formatNumber(n, Number.isInteger(n) ? 0 : 2));

export function Reconciliation() {
  const state = useAsync(
    () => client.api.reconciliation.$get().then((r) => unwrap<ReconciliationResponse>(r)),
    [],
  );
  if (state.status === 'loading') return <p aria-busy="true">Chargement du rapprochement…</p>;
  if (state.status === 'error') return <p role="alert">{state.error.message}</p>;
  const { data, meta } = state.data;
  return (
    <section aria-labelledby="rapprochement" className="reconciliation">
      <h2 id="rapprochement">Nos chiffres face aux chiffres publiés</h2>
      <p>
        À chaque construction, l’observatoire recalcule des chiffres que les producteurs ont publiés (nombre
        de communes déficitaires, foyers RSA, parc social…) et les compare : {countText(meta.ok, 'chiffres')}{' '}
        {meta.ok > 1 ? 'conformes' : 'conforme'}, {countText(meta.gaps, 'écarts')} au-delà de la tolérance,{' '}
        {countText(meta.not_computable, 'chiffres')} non{' '}
        {meta.not_computable > 1 ? 'calculables' : 'calculable'} avec les fichiers chargés.
      </p>
      <ExportBar
        label="Exporter le rapprochement"
        table={{ fileName: 'rapprochement', csvUrl: apiUrl('/api/reconciliation', {}, 'csv') }}
        apiUrl="/api/reconciliation"
      />
      <TableWrap>
        <table className="reconciliation-table">
          <caption>Chiffre publié, chiffre de l’observatoire, écart et verdict</caption>
          <thead>
            <tr>
              <th scope="col">Chiffre publié</th>
              <th scope="col">Territoire, année</th>
              <th scope="col" className="num">
                Publié
              </th>
              <th scope="col" className="num">
                Observatoire
              </th>
              <th scope="col" className="num">
                Écart (tolérance)
              </th>
              <th scope="col">Verdict</th>
            </tr>
          </thead>
          <tbody>
            {data.map((r) => (
              <tr key={r.id} data-reconciliation={r.id} data-status={r.status}>
                <th scope="row">
                  {r.title}
                  <div className="muted">
                    {r.publisher}
                    {r.published !== 'non précisée' && `, ${r.published}`}
                    {/^https?:/.test(r.url) && (
                      <>
                        {' · '}
                        <a href={r.url} rel="noreferrer" target="_blank">
                          publication
                        </a>
                      </>
                    )}
                  </div>
                </th>
                <td>
                  {r.code} ({r.level}), {r.year}
                </td>
                <td className="num">{num(r.value)}</td>
                <td className="num">{num(r.ours)}</td>
                <td className="num">
                  {r.gap === null ? '—' : `${r.gap > 0 ? '+' : ''}${num(r.gap)}`} ({r.tolerance})
                </td>
                <td>
                  {VERDICT[r.status] ?? r.status}
                  {r.why && <div className="muted">{r.why}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}
