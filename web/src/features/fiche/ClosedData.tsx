/**
 * « Données non ouvertes » cards: registry entries with `open: false` (hébergement, DALO, expulsions,
 * NEET…): what the figure would be, who publishes it and where to ask for it. A figure recopied from a
 * publication (flag `curated`) is shown with its reference when the fiche has one.
 */
import type { Fiche, Source } from '../../api';
import { Flags } from '../../components/Flags';
import { SourceLine } from '../../components/SourceLine';
import { valueText } from './model';

export function ClosedData({ fiche, sources }: { fiche: Fiche; sources: Record<string, Source> }) {
  const closed = fiche.indicators.filter((i) => !i.open);
  if (!closed.length) return null;
  return (
    <section aria-labelledby="non-ouvertes" className="closed-data">
      <h2 id="non-ouvertes">Données non ouvertes</h2>
      <p className="lead">
        Ces chiffres existent mais ne sont pas publiés en données ouvertes pour ce territoire. Voici qui les
        produit et où les demander.
      </p>
      <div className="cards">
        {closed.map((ind) => (
          <div className="card closed" key={ind.id} data-closed={ind.id}>
            <p className="kicker">Donnée non ouverte</p>
            <h3>{ind.label}</h3>
            <p>{ind.definition_text}</p>
            {ind.value && ind.value.value !== null ? (
              <>
                <p className="big">
                  <span className="value">{valueText(ind, ind.value, fiche.territory.level)}</span>{' '}
                  <span className="muted">{ind.reference_text}</span>
                </p>
                <Flags flags={ind.value.flags} />
                <SourceLine source={sources[ind.value.source_id]} />
              </>
            ) : null}
            {ind.where_to_ask ? (
              <p className="where">
                <strong>Où la demander : </strong>
                {ind.where_to_ask}
              </p>
            ) : null}
          </div>
        ))}
      </div>
    </section>
  );
}
