/**
 * « Données non ouvertes » cards: registry entries with `open: false` and no published figure
 * (hébergement, DALO, expulsions, NEET, SNE reports…): what the figure would be, who holds it and what
 * to ask for. Entries sharing the same holder are grouped so the request can be made once.
 */
import { Collapsible } from '../../components/Collapsible';
import { yearless } from '../../../../core/text';
import type { Fiche } from '../../api';
import { isGap } from '../../model/fiche';
import { placeOf, whereToAskFor, type WhereToAsk } from '../../model/where';
import { CoverageNote, outsideCoverage } from '../demande';

type Ind = Fiche['indicators'][number];

export function ClosedData({ fiche }: { fiche: Fiche }) {
  const gaps = fiche.indicators.filter(
    (i) => (isGap(i) || outsideCoverage(i, fiche)) && !(i.value && i.value.value !== null),
  );
  if (!gaps.length) return null;
  const place = placeOf(fiche);
  const groups = new Map<string, { where: WhereToAsk | null; items: Ind[] }>();
  for (const ind of gaps) {
    const where = whereToAskFor(ind, place);
    const key = where ? `${where.publisher}|${where.ask}` : '';
    const g = groups.get(key) ?? { where, items: [] };
    g.items.push(ind);
    groups.set(key, g);
  }
  return (
    <Collapsible
      id="non-ouvertes"
      title="Données non ouvertes : où les demander"
      className="closed-data print-annex"
    >
      <p className="lead">
        Ces chiffres existent mais ne sont pas publiés en données ouvertes au niveau de ce territoire : aucune
        valeur n’est affichée. Voici qui les détient et quoi leur demander.
      </p>
      <div className="cards">
        {[...groups.values()].map((g) => (
          <div className="card closed" key={g.items[0]!.id} data-closed={g.items.map((i) => i.id).join(' ')}>
            <p className="kicker">Donnée non ouverte</p>
            <h3>{g.items.map((i) => i.short_label).join(' · ')}</h3>
            <CoverageNote items={g.items} />
            <details className="closed-items">
              <summary>Ce que mesureraient ces chiffres</summary>
              <ul>
                {g.items.map((i) => (
                  <li key={i.id} data-indicator-gap={i.id}>
                    <strong>{i.label}</strong> — {yearless(i.definition_text)}
                  </li>
                ))}
              </ul>
            </details>
            {g.where && (
              <div className="where">
                <p>
                  <strong>À qui la demander : </strong>
                  {g.where.publisher}
                </p>
                {g.where.ask && (
                  <p>
                    <strong>Quoi demander : </strong>
                    {g.where.ask}
                  </p>
                )}
                {g.where.url && (
                  <p>
                    <a href={g.where.url} rel="noreferrer" target="_blank">
                      Point de départ : {g.where.url}
                    </a>
                  </p>
                )}
              </div>
            )}
          </div>
        ))}
      </div>
    </Collapsible>
  );
}
