import { MapView } from './MapView';

/** `/` and `/carte`: the SRU rate map of Île-de-France (indicator and year from the URL). */
export function MapPage({ search }: { search: URLSearchParams }) {
  const indicator = search.get('indicateur') ?? 'sru_taux';
  const year = search.get('annee') ?? 'latest';
  return (
    <section>
      <h1>Carte des communes d’Île-de-France</h1>
      <p className="lead">
        Survolez une commune pour voir sa valeur, cliquez pour ouvrir sa fiche, ou cherchez-la par son nom ou
        son code.
      </p>
      <MapView indicator={indicator} year={year} />
    </section>
  );
}
