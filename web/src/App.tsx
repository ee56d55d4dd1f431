import { Suspense } from 'react';
import { GlossaryScope } from './components/Glossed';
import { RefreshBanner } from './components/RefreshBanner';
import { SearchBox } from './components/SearchBox';
import { RegistryProvider } from './registry';
import { Link, lazyView, renderRoute, route, useLocation } from './router';
import type { LevelId } from './territories';

const MapPage = lazyView(() => import('./features/map/MapPage').then((m) => m.MapPage));
const ComparePage = lazyView(() => import('./features/compare/ComparePage').then((m) => m.ComparePage));
const RankingsPage = lazyView(() => import('./features/rankings/RankingsPage').then((m) => m.RankingsPage));
const SourcesPage = lazyView(() => import('./features/sources/SourcesPage').then((m) => m.SourcesPage));
const MethodologyPage = lazyView(() =>
  import('./features/sources/MethodologyPage').then((m) => m.MethodologyPage),
);
const FichePage = lazyView(() => import('./features/fiche/FichePage').then((m) => m.FichePage));
const NouveautesPage = lazyView(() =>
  import('./features/nouveautes/NouveautesPage').then((m) => m.NouveautesPage),
);
const GlossaryPage = lazyView(() => import('./features/glossary/GlossaryPage').then((m) => m.GlossaryPage));
const CoveragePage = lazyView(() => import('./features/couverture/CoveragePage').then((m) => m.CoveragePage));
const AtelierRoute = lazyView(() => import('./features/atelier/AtelierRoute').then((m) => m.AtelierRoute));

const FICHE = /^\/(commune|ept|epci|departement|region)\/([0-9A-Za-z]{1,9})\/?$/;

/** Every view and its address: one line per route. */
const ROUTES = [
  route(/^\/(carte\/?)?$/, (_m, s) => <MapPage search={s} />),
  route(/^\/comparer\/?$/, (_m, s) => <ComparePage search={s} />),
  route(/^\/classements\/?$/, (_m, s) => <RankingsPage search={s} />),
  route(/^\/sources\/?$/, () => <SourcesPage />),
  route(/^\/methodologie\/?$/, () => <MethodologyPage />),
  route(/^\/nouveautes\/?$/, () => <NouveautesPage />),
  route(/^\/glossaire\/?$/, () => <GlossaryPage />),
  route(/^\/couverture\/?$/, (_m, s) => <CoveragePage search={s} />),
  route(FICHE, (m) => <FichePage key={m[0]} level={m[1] as LevelId} code={m[2]!} />),
  route(/^\/atelier(?:\/ept\/([0-9A-Za-z]{1,9}))?\/?$/, (m, s) => (
    <AtelierRoute key={m[1] ?? ''} code={m[1]} search={s} />
  )),
];

const NAV = [
  { href: '/carte', label: 'Carte', active: /^\/(carte)?\/?$/ },
  { href: '/comparer', label: 'Comparer', active: /^\/comparer/ },
  { href: '/classements', label: 'Classements', active: /^\/classements/ },
  { href: '/atelier', label: 'Ateliers', active: /^\/atelier/ },
  { href: '/nouveautes', label: 'Nouveautés', active: /^\/nouveautes/ },
  { href: '/glossaire', label: 'Glossaire', active: /^\/glossaire/ },
  { href: '/methodologie', label: 'Méthodologie', active: /^\/methodologie/ },
  { href: '/sources', label: 'Sources', active: /^\/sources/ },
];

function Routes() {
  const { path, search } = useLocation();
  const view = renderRoute(ROUTES, path, search);
  if (view)
    return (
      <GlossaryScope key={path}>
        <Suspense fallback={<p aria-busy="true">Chargement de la vue…</p>}>{view}</Suspense>
      </GlossaryScope>
    );
  return (
    <section>
      <h1>Page introuvable</h1>
      <p>
        L’adresse {path} ne correspond à aucune vue. <Link href="/">Retour à la carte</Link>.
      </p>
    </section>
  );
}

function Nav() {
  const { path } = useLocation();
  return (
    <nav aria-label="Navigation principale">
      {NAV.map((n) => (
        <Link key={n.href} href={n.href} aria-current={n.active.test(path) ? 'page' : undefined}>
          {n.label}
        </Link>
      ))}
    </nav>
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
        <Nav />
        <SearchBox />
      </header>
      <RefreshBanner />
      <main id="main" tabIndex={-1}>
        <Routes />
      </main>
      <footer className="site">
        Données ouvertes : INSEE, DGALN/DHUP, SDES, Cnaf, DGCL, IGN — Licence Ouverte 2.0. Chaque chiffre
        indique sa source et son millésime (<Link href="/sources">sources</Link>,{' '}
        <Link href="/methodologie">méthodologie</Link>). API : <a href="/api/indicators">/api/indicators</a>.
      </footer>
    </RegistryProvider>
  );
}
