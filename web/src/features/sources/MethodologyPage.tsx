/**
 * `/methodologie`: how each indicator is defined and computed, from the registry served by
 * `/api/indicators` — definition, unit, reference date, caveats, aggregation rule in plain French,
 * direction, map classes, series breaks — and what the quality flags and missing values mean.
 */
import { TableWrap } from '../../components/TableWrap';
import { useEffect } from 'react';
import type { IndicatorInfo } from '../../api';
import { apiUrl } from '../../api';
import { ExportBar } from '../../components/export';
import { themeLabel } from '../../components/IndicatorSelect';
import { formatNumber } from '../../format';
import { useRegistry } from '../../registry';
import { Link } from '../../router';
import { ChangesMethod } from '../nouveautes/ChangesMethod';
import { PeersMethod } from '../peers/PeersMethod';
import { SruMethod } from './SruMethod';
import { SruPathMethod } from '../sru-path';
import { LEVEL_PLURAL, type LevelId } from '../../territories';
import { whereToAskFor } from '../../model/where';

/** Replaces `{year}` and `{year+N}` with « N » and « N+1 » (the rule, not a particular year). */
export function genericYear(text: string): string {
  return text.replace(/\{year(?:\+(\d+))?\}/g, (_m, plus?: string) => (plus ? `N+${plus}` : 'N'));
}

/** « Foyers allocataires du RSA » → « foyers allocataires du RSA » (acronyms kept). */
export function lowerFirst(text: string): string {
  return /^[A-ZÀ-Ý][A-ZÀ-Ý]/.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1);
}

/** The aggregation rule of an indicator, in plain French. */
export function aggregationText(ind: IndicatorInfo, all: readonly IndicatorInfo[]): string {
  const label = (id?: string) => lowerFirst(all.find((i) => i.id === id)?.label ?? id ?? '?');
  switch (ind.aggregation) {
    case 'sum':
      return 'Pour un EPT, un EPCI, un département, une région ou la France : somme des valeurs des communes. Un territoire dont une commune manque est signalé « calculé sur une partie des communes ».';
    case 'ratio':
      return `Pour un EPT, un EPCI, un département, une région ou la France : recalculé comme la somme des « ${label(ind.numerator)} » divisée par la somme des « ${label(ind.denominator)} » des communes${ind.scale === 100 ? ', multipliée par 100' : ''} — jamais une moyenne des taux communaux.`;
    case 'count_true':
      return `Pour un EPT, un EPCI, un département, une région ou la France : nombre de communes pour lesquelles la réponse est « oui »${ind.aggregate_unit_label ? ` (${ind.aggregate_unit_label})` : ''}.`;
    case 'producer':
      return 'Aucun calcul par l’observatoire : à chaque niveau, seule la valeur publiée par le producteur est reprise (les valeurs communales ne s’additionnent pas, par exemple à cause du secret statistique).';
    default:
      return 'Pas d’agrégat : l’indicateur n’a de sens que pour une commune.';
  }
}

export const POLARITY_TEXT: Record<string, string> = {
  higher_better: 'Une valeur plus élevée est plus favorable (▲ dans les comparaisons).',
  higher_worse: 'Une valeur plus élevée signale une difficulté (▼ dans les comparaisons).',
  neutral: 'Indicateur descriptif : aucune valeur n’est dite meilleure qu’une autre.',
};

function IndicatorEntry({ ind, all }: { ind: IndicatorInfo; all: readonly IndicatorInfo[] }) {
  const years = ind.years;
  const where = whereToAskFor(ind, {});
  const fmt = (v: number) =>
    `${formatNumber(v, Number.isInteger(v) ? 0 : ind.decimals)}${ind.unit === 'pct' ? ' %' : ''}`;
  return (
    <article className="method-entry" id={ind.id} aria-labelledby={`${ind.id}-title`} tabIndex={-1}>
      <h3 id={`${ind.id}-title`}>{ind.label}</h3>
      <dl>
        <dt>Identifiant</dt>
        <dd>
          <code>{ind.id}</code> (thème <code>{ind.theme}</code>, famille de sources <code>{ind.family}</code>)
        </dd>
        <dt>Définition</dt>
        <dd>{genericYear(ind.definition)}</dd>
        <dt>Unité</dt>
        <dd>
          {ind.unit_label}
          {ind.aggregate_unit_label ? ` ; au-delà de la commune : ${ind.aggregate_unit_label}` : ''}
          {ind.decimals > 0
            ? ` ; ${ind.decimals} décimale${ind.decimals > 1 ? 's' : ''} affichée${ind.decimals > 1 ? 's' : ''}`
            : ''}
        </dd>
        <dt>Date de référence</dt>
        <dd>{genericYear(ind.reference)} (N = année de la valeur)</dd>
        <dt>Calcul aux niveaux supérieurs</dt>
        <dd>{ind.levels_note ?? aggregationText(ind, all)}</dd>
        <dt>Sens</dt>
        <dd>{POLARITY_TEXT[ind.polarity]}</dd>
        <dt>Classes de la carte</dt>
        <dd>
          {ind.unit === 'booleen'
            ? 'oui / non.'
            : ind.thresholds?.length
              ? `seuils fixes : ${ind.thresholds.map(fmt).join(' ; ')}.`
              : ind.diverging
                ? 'échelle divergente centrée sur zéro.'
                : 'quantiles (classes d’effectifs égaux), recalculés pour chaque carte.'}
          {ind.target ? ` Repère : ${ind.target.label}.` : ''}
        </dd>
        <dt>Années et niveaux disponibles</dt>
        <dd>
          {years.length
            ? `${years[0]}–${years[years.length - 1]} (${years.length} années)`
            : 'aucune valeur chargée'}
          {ind.levels.length ? ` ; ${ind.levels.map((l) => LEVEL_PLURAL[l as LevelId] ?? l).join(', ')}` : ''}
          .
        </dd>
        {ind.series_breaks && ind.series_breaks.length > 0 && (
          <>
            <dt>Ruptures de série</dt>
            <dd>
              <ul>
                {ind.series_breaks.map((b) => (
                  <li key={b.year}>
                    {b.year} : {b.label}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {ind.coverage && (
          <>
            <dt>Couverture</dt>
            <dd>
              Données ouvertes pour {ind.coverage.label} seulement ; ailleurs, la fiche dit qui détient ces
              chiffres et quoi demander.
            </dd>
          </>
        )}
        {!ind.open && (
          <>
            <dt>Données ouvertes</dt>
            <dd>
              Aucun fichier ouvert.
              {where && (
                <>
                  {' '}
                  Où demander : {where.publisher} (sur chaque fiche, les services du département et de la
                  région du territoire). {where.ask}
                </>
              )}
            </dd>
          </>
        )}
        {ind.caveats.length > 0 && (
          <>
            <dt>Précautions</dt>
            <dd>
              <ul>
                {ind.caveats.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
      <p className="muted">
        {ind.levels.includes('commune') && (
          <>
            <Link href={`/carte?indicateur=${ind.id}`}>Carte</Link> ·{' '}
          </>
        )}
        {ind.rankable && (
          <>
            <Link href={`/classements?indicateur=${ind.id}&filtre=aucun`}>Classement</Link> ·{' '}
          </>
        )}
        <a href={`/api/indicators/${ind.id}`}>API</a>
      </p>
    </article>
  );
}

export function MethodologyPage() {
  const { indicators, flags } = useRegistry();
  useEffect(() => {
    document.title = 'Méthodologie — Observatoire précarité & logement';
    const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    if (target) {
      target.scrollIntoView();
      target.focus({ preventScroll: true });
    }
  }, []);
  const themes = [...new Set(indicators.map((i) => i.theme))];
  const flagList = Object.entries(flags as Record<string, { badge: string; meaning: string }>);

  return (
    <section className="method-page">
      <h1>Méthodologie</h1>
      <p className="lead">
        Comment chaque indicateur est défini, à quelle date il se rapporte, comment il est calculé pour un
        EPT, un EPCI, un département ou une région, et quelles précautions prendre avant de le citer. Tout
        vient du registre des indicateurs de l’observatoire (<a href="/api/indicators">/api/indicators</a>) :
        ce qui est écrit ici est ce que les cartes, fiches et exports utilisent.
      </p>
      <ExportBar
        label="Exporter le registre des indicateurs"
        table={{
          fileName: 'indicateurs',
          csvUrl: apiUrl('/api/indicators', {}, 'csv'),
        }}
        apiUrl="/api/indicators"
      />
      <nav aria-label="Sommaire" className="toc">
        <a href="#valeurs-manquantes">Valeurs manquantes</a>
        <a href="#signalements">Signalements de qualité</a>
        <a href="#loi-sru-fichiers">Loi SRU : lecture des fichiers</a>
        <a href="#trajectoire-sru">Trajectoire SRU</a>
        <a href="#communes-comparables">Communes comparables</a>
        <a href="#nouveautes-methode">Nouveautés et flux</a>
        {themes.map((theme) => (
          <a key={theme} href={`#theme-${theme}`}>
            {themeLabel(indicators.find((i) => i.theme === theme)!)}
          </a>
        ))}
      </nav>

      <h2 id="valeurs-manquantes">Valeurs manquantes, arrondis, agrégats</h2>
      <ul>
        <li>
          <strong>Valeur masquée</strong> (hachures sur les cartes) : la source liste le territoire mais ne
          diffuse pas la valeur — secret statistique, fusion de communes, case vide ou valeur jugée non
          fiable. La raison est donnée avec la valeur. Une valeur masquée n’est jamais remplacée par 0.
        </li>
        <li>
          <strong>Absente de la source</strong> (gris clair sur les cartes) : le territoire ne figure pas dans
          le fichier pour cette année (par exemple, une commune non soumise à la loi SRU n’est pas dans
          l’inventaire SRU).
        </li>
        <li>
          <strong>Arrondis</strong> : certains producteurs arrondissent les effectifs ; la somme de valeurs
          arrondies est signalée « somme d’arrondis » et ne vaut qu’en ordre de grandeur.
        </li>
        <li>
          <strong>Agrégats</strong> : les taux ne sont jamais moyennés ; ils sont recalculés à partir des
          sommes des numérateurs et des dénominateurs. Un agrégat dont des communes manquent est signalé «
          calculé sur une partie des communes ».
        </li>
        <li>
          <strong>Ruptures de série</strong> : quand la méthode change, la première année après la rupture est
          signalée et les courbes ne relient pas les points de part et d’autre.
        </li>
      </ul>

      <h2 id="signalements">Signalements de qualité</h2>
      <TableWrap>
        <table>
          <caption>Chaque valeur peut porter un ou plusieurs de ces signalements.</caption>
          <thead>
            <tr>
              <th scope="col">Badge</th>
              <th scope="col">Code</th>
              <th scope="col">Signification</th>
            </tr>
          </thead>
          <tbody>
            {flagList.map(([code, f]) => (
              <tr key={code} id={`signalement-${code}`}>
                <th scope="row">
                  <span className={`badge badge-${code}`}>{f.badge}</span>
                </th>
                <td>
                  <code>{code}</code>
                </td>
                <td>{f.meaning}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>

      <SruMethod />
      <SruPathMethod />
      <PeersMethod />
      <ChangesMethod />

      {themes.map((theme) => (
        <section key={theme} aria-labelledby={`theme-${theme}`}>
          <h2 id={`theme-${theme}`}>{themeLabel(indicators.find((i) => i.theme === theme)!)}</h2>
          <nav
            aria-label={`Indicateurs : ${themeLabel(indicators.find((i) => i.theme === theme)!)}`}
            className="toc"
          >
            {indicators
              .filter((i) => i.theme === theme)
              .map((i) => (
                <a key={i.id} href={`#${i.id}`}>
                  {i.short_label}
                </a>
              ))}
          </nav>
          {indicators
            .filter((i) => i.theme === theme)
            .map((i) => (
              <IndicatorEntry key={i.id} ind={i} all={indicators} />
            ))}
        </section>
      ))}
    </section>
  );
}
