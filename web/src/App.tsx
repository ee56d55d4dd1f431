import { SearchBox } from './components/SearchBox';
import { ATELIER_PATH, AtelierRoute } from './features/atelier/AtelierRoute';
import { FichePage } from './features/fiche/FichePage';
import { MapPage } from './features/map/MapPage';
import { RegistryProvider } from './registry';
import { Link, useLocation } from './router';

const FICHE = /^\/(commune|ept|epci|departement|region)\/([0-9A-Za-z]{1,9})\/?$/;

function Routes() {
  const { path, search } = useLocation();
  const fiche = FICHE.exec(path);
  if (fiche) return <FichePage key={path} level={fiche[1]!} code={fiche[2]!} />;
  if (path === '/' || path === '/carte') return <MapPage search={search} />;
  if (ATELIER_PATH.test(path)) return <AtelierRoute path={path} search={search} />;
  return (
    <section>
      <h1>Page introuvable</h1>
      <p>
        L’adresse {path} ne correspond à aucune vue. <Link href="/">Retour à la carte</Link>.
      </p>
    </section>
  );
}

export function App() {
  return (
    <RegistryProvider>
      <a className="skip" href="#main">
        Aller au contenu
      </a>
      <header className="site">
        <Link href="/" className="brand">
          Observatoire précarité &amp; logement
        </Link>
        <nav aria-label="Navigation principale">
          <Link href="/carte">Carte</Link>
          <Link href="/atelier">Ateliers</Link>
        </nav>
        <SearchBox />
      </header>
      <main id="main">
        <Routes />
      </main>
      <footer className="site">
        Données ouvertes : INSEE, DGALN/DHUP, SDES, Cnaf, DGCL, IGN — Licence Ouverte 2.0. Chaque chiffre
        indique sa source et son millésime. API : <a href="/api/indicators">/api/indicators</a>.
      </footer>
    </RegistryProvider>
  );
}
