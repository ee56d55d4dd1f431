/** `/atelier`: the list of EPTs, each linking to its workshop pack. */
import { useAsync } from '../../useAsync';
import { Link } from '../../router';
import { formatNumber } from '../../format';
import { loadValues } from '../../model/values';

export function AtelierIndex() {
  const state = useAsync(() => loadValues({ indicator: 'population', level: 'ept', within: 'france' }), []);
  return (
    <section className="atelier-index">
      <h1>Dossiers d’atelier par EPT</h1>
      <p className="lead">
        Un dossier par établissement public territorial de la Métropole du Grand Paris : chiffres clés, carte
        et tableau des communes, sources. À imprimer (deux pages A4) ou à projeter en plein écran.
      </p>
      {state.status === 'loading' && <p aria-busy="true">Chargement…</p>}
      {state.status === 'error' && <p role="alert">{state.error.message}</p>}
      {state.status === 'ok' && (
        <ul className="atelier-list">
          {state.data.data.map((r) => (
            <li key={r.code}>
              <Link href={`/atelier/ept/${r.code}`}>{r.name}</Link>{' '}
              <span className="muted">
                {r.value !== null ? `${formatNumber(r.value)} habitants (${r.year})` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
