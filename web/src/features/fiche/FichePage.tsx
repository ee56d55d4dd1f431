/**
 * A territory's fiche (`/commune/:code`, `/ept/:code`, `/epci/:code`, `/departement/:code`,
 * `/region/:code`): chiffres clés by theme with their series and context, argument cards, questions
 * for candidates (communes), data that are not open, and the comparison table. Prints cleanly.
 */
import { useEffect } from 'react';
import type { Fiche } from '../../api';
import { useRegistry } from '../../registry';
import { navigate } from '../../router';
import type { LevelId } from '../../territories';
import { useAsync } from '../../useAsync';
import { ArgumentCards } from '../arguments';
import { QuestionsPanel } from '../questions';
import { FollowEmbed } from '../embed/FollowEmbed';
import { PeersSection } from '../peers/PeersSection';
import { ClosedData } from './ClosedData';
import { outsideCoverage } from '../demande';
import { ContextTable } from './ContextTable';
import { loadFiche } from '../../model/fiche-data';
import { FicheHeader } from './FicheHeader';
import { KeyFigures, type RankInfo } from './KeyFigures';
import { isGap, type FlagMeanings } from '../../model/fiche';
import { PublishedFigures, publishedRows } from './PublishedFigures';
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
  if (state.status === 'error') return <p role="alert">{state.error.message}</p>;
  const fiche = state.data.data;
  const sources = state.data.meta.sources;
  const isCommune = fiche.territory.level === 'commune';

  return (
    <article className="fiche">
      <FicheHeader payload={state.data} />
      <nav className="fiche-toc" aria-label="Sommaire de la fiche">
        <a href="#chiffres">Chiffres clés</a>
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
      <section aria-labelledby="chiffres" className="key-figures">
        <h2 id="chiffres">Chiffres clés</h2>
        <KeyFigures fiche={fiche} sources={sources} ranksOf={ranksFrom(fiche)} />
      </section>
      <ArgumentCards fiche={fiche} sources={sources} flags={flags as FlagMeanings} />
      {isCommune && <QuestionsPanel key={fiche.territory.code} fiche={fiche} sources={sources} />}
      {isCommune && <PeersSection code={fiche.territory.code} name={fiche.territory.name} />}
      <PublishedFigures fiche={fiche} sources={sources} />
      <ClosedData fiche={fiche} />
      <ContextTable fiche={fiche} />
      <FollowEmbed fiche={fiche} />
    </article>
  );
}
