/**
 * A territory's fiche (`/commune/:code`, `/ept/:code`, `/epci/:code`, `/departement/:code`,
 * `/region/:code`): chiffres clés by theme with their series and context, argument cards, questions
 * for candidates (communes), data that are not open, and the comparison table. Prints cleanly.
 */
import { useEffect } from 'react';
import { ApiError, type Fiche } from '../../api';
import { useRegistry } from '../../registry';
import { navigate } from '../../router';
import { LEVEL_NAME, type LevelId } from '../../territories';
import { SearchBox } from '../../components/SearchBox';
import { useAsync } from '../../useAsync';
import { ArgumentCards } from '../arguments';
import { QuestionsPanel } from '../questions';
import { FollowEmbed } from '../embed/FollowEmbed';
import { PeersSection } from '../peers/PeersSection';
import { SruPathSection } from '../sru-path';
import { ClosedData } from './ClosedData';
import { outsideCoverage } from '../demande';
import { ContextTable } from './ContextTable';
import { loadFiche } from '../../model/fiche-data';
import { FicheHeader } from './FicheHeader';
import { KeyFigures, type RankInfo } from './KeyFigures';
import { isGap, type FlagMeanings } from '../../model/fiche';
import { PublishedFigures, publishedRows } from './PublishedFigures';
import { FicheSources, PrintKeyFigures } from './PrintSummary';
import { Collapsible } from '../../components/Collapsible';
import './fiche.css';

type Rank = { year: number; departement?: Place; ept?: Place };
type Place = { rank: number; of: number; ex_aequo: number };

/** Ranks of a commune in its EPT and département, as the API computes them (same year as the value). */
function ranksFrom(fiche: Fiche): (id: string) => RankInfo[] {
  const ranks = fiche.ranks as Record<string, Rank | undefined>;
  const ept = fiche.parents.find((p) => p.level === 'ept');
  const dep = fiche.parents.find((p) => p.level === 'departement');
  return (id) => {
    const r = ranks[id];
    if (!r) return [];
    const out: RankInfo[] = [];
    if (r.ept && ept) out.push({ ...r.ept, within: ept, year: r.year });
    if (r.departement && dep) out.push({ ...r.departement, within: dep, year: r.year });
    return out;
  };
}

/** An unknown code reads as a plain sentence, with the way to find the right one. */
function FicheError({ error, level, code }: { error: Error; level: LevelId; code: string }) {
  if (!(error instanceof ApiError) || error.status !== 404) return <p role="alert">{error.message}</p>;
  const what = level === 'commune' ? 'commune' : LEVEL_NAME[level];
  return (
    <section className="not-found">
      <h1>Territoire introuvable</h1>
      <p role="alert">
        Aucun{what === 'commune' || what === 'région' ? 'e' : ''} {what} ne porte le code « {code} ».
        {level === 'commune'
          ? ' Le code INSEE d’une commune a cinq caractères (par exemple 92048 pour Meudon) ; ce n’est pas le code postal.'
          : ''}{' '}
        Cherchez le territoire par son nom :
      </p>
      <SearchBox id="fiche-not-found" label="Rechercher une commune ou un territoire par son nom" />
    </section>
  );
}

export function FichePage({ level, code }: { level: LevelId; code: string }) {
  const state = useAsync(() => loadFiche(level, code), [level, code]);
  const { flags } = useRegistry();

  useEffect(() => {
    if (state.status !== 'ok') return;
    const t = state.data.data.territory;
    document.title = `${t.name} — Observatoire précarité & logement`;
    if (state.data.meta.resolved_from) navigate(`/${t.level}/${t.code}${location.hash}`, { replace: true });
    if (location.hash.length > 1) {
      const el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (el) {
        el.classList.add('targeted');
        el.scrollIntoView({ block: 'center' });
      }
    }
  }, [state]);

  if (state.status === 'loading') return <p aria-busy="true">Chargement de la fiche…</p>;
  if (state.status === 'error') return <FicheError error={state.error} level={level} code={code} />;
  const fiche = state.data.data;
  const sources = state.data.meta.sources;
  const isCommune = fiche.territory.level === 'commune';

  return (
    <article className="fiche">
      <FicheHeader payload={state.data} />
      <nav className="fiche-toc" aria-label="Sommaire de la fiche">
        <a href="#chiffres">Chiffres clés</a>
        {isCommune && fiche.indicators.some((i) => i.theme === 'sru' && i.value) && (
          <a href="#trajectoire-sru">Trajectoire SRU</a>
        )}
        <a href="#arguments">Arguments</a>
        {isCommune && <a href="#questions">Questions aux candidats</a>}
        {isCommune && <a href="#comparables">Communes comparables</a>}
        {publishedRows(fiche).length > 0 && <a href="#publies">Chiffres publiés</a>}
        {fiche.indicators.some((i) => isGap(i) || outsideCoverage(i, fiche)) && (
          <a href="#non-ouvertes">Données non ouvertes</a>
        )}
        <a href="#contexte">Comparaison</a>
        <a href="#suivre">Suivre et intégrer</a>
      </nav>
      <PrintKeyFigures fiche={fiche} />
      <Collapsible id="chiffres" title="Chiffres clés" className="key-figures print-annex" openOnPhone>
        <KeyFigures fiche={fiche} sources={sources} ranksOf={ranksFrom(fiche)} />
      </Collapsible>
      {isCommune && (
        // on paper, the short fiche keeps the path's argument card and question; the chart is an annex
        <div className="print-annex">
          <SruPathSection code={fiche.territory.code} name={fiche.territory.name} />
        </div>
      )}
      <ArgumentCards fiche={fiche} sources={sources} flags={flags as FlagMeanings} />
      {isCommune && <QuestionsPanel key={fiche.territory.code} fiche={fiche} sources={sources} />}
      <FicheSources fiche={fiche} sources={sources} />
      <p className="print-annex annex-start" aria-hidden="true">
        Annexes
      </p>
      {isCommune && (
        <div className="print-annex">
          <PeersSection code={fiche.territory.code} name={fiche.territory.name} />
        </div>
      )}
      <PublishedFigures fiche={fiche} sources={sources} />
      <ClosedData fiche={fiche} />
      <ContextTable fiche={fiche} />
      <div className="no-print">
        <FollowEmbed fiche={fiche} />
      </div>
    </article>
  );
}
