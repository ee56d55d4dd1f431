/** Methodology: how comparable communes are chosen (criteria, coverage, bands, missing values). */
import type { InferResponseType } from 'hono/client';
import { client, unwrap } from '../../api';
import { formatNumber } from '../../format';
import { useAsync } from '../../useAsync';

type MethodResponse = InferResponseType<typeof client.api.peers.$get, 200>;

export function PeersMethod() {
  const state = useAsync(() => client.api.peers.$get().then((r) => unwrap<MethodResponse>(r)), []);
  return (
    <section aria-labelledby="communes-comparables" className="method-feature">
      <h2 id="communes-comparables" tabIndex={-1}>
        Communes comparables
      </h2>
      <p>
        Chaque fiche communale présente les 10 communes de France qui ressemblent le plus à la commune par la
        taille et la structure, pour situer un chiffre autrement que face au département ou à la France. Elles
        sont calculées à chaque construction de la base, par une méthode fixe et reproductible : les mêmes
        données donnent toujours les mêmes communes, et une commune n’est jamais sa propre comparable.
      </p>
      {state.status === 'ok' && <p>{state.data.data.method}</p>}
      {state.status === 'error' && <p role="alert">{state.error.message}</p>}
      {state.status === 'ok' && (
        <div className="table-wrap">
          <table>
            <caption>
              Critères, dans l’ordre où ils sont mis de côté quand ils manquent (le dernier d’abord)
            </caption>
            <thead>
              <tr>
                <th scope="col">Critère</th>
                <th scope="col">Définition</th>
                <th scope="col">Millésimes lus</th>
                <th scope="col">Communes ayant une valeur</th>
              </tr>
            </thead>
            <tbody>
              {state.data.data.criteria.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    {c.label} ({c.unit})
                  </th>
                  <td>{c.definition}</td>
                  <td>{c.years}</td>
                  <td className="num">
                    {formatNumber(c.n_communes)}
                    {c.national ? '' : ' (une partie des départements)'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted">
        Pourquoi ces critères : la taille et la densité situent le type de commune (ville-centre, banlieue
        dense, bourg, village) ; la part de logement social, la pauvreté et la vacance résument la structure
        du parc et de la population. Le taux SRU n’en fait pas partie : c’est ce que l’on compare ensuite
        entre communes comparables. Détail commune par commune :{' '}
        <code>/api/territories/commune/&lt;code&gt;/peers</code>; méthode et moyennes :{' '}
        <a href="/api/peers">/api/peers</a>.
      </p>
    </section>
  );
}
