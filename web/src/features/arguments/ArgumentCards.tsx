/** Ready-to-quote sentences on a fiche, each with its figure, caveats, source, permalink and a copy button. */
import { Collapsible } from '../../components/Collapsible';
import { useMemo, useState } from 'react';
import type { Fiche, Source } from '../../api';
import { copyText as toClipboard } from '../../components/export';
import { Glossed } from '../../components/Glossed';
import { oldFigureText } from '../../model/figures';
import type { FlagMeanings } from '../../model/fiche';
import { usePeerArgument, withExtraCards } from '../peers/usePeerArgument';
import { usePathExtras } from '../sru-path';
import { copyText, generateArguments } from './generate';

export function ArgumentCards({
  fiche,
  sources,
  flags,
}: {
  fiche: Fiche;
  sources: Record<string, Source>;
  flags: FlagMeanings;
}) {
  const peerCard = usePeerArgument(fiche, sources);
  const pathCard = usePathExtras(fiche, sources).card;
  const cards = useMemo(
    () =>
      withExtraCards(generateArguments({ fiche, sources, flags, origin: location.origin }), [
        pathCard,
        peerCard,
      ]),
    [fiche, sources, flags, pathCard, peerCard],
  );
  const [status, setStatus] = useState('');
  if (!cards.length) {
    return (
      <Collapsible id="arguments" title="Arguments" className="arguments">
        <p>Pas assez de données publiées pour ce territoire pour formuler un argument chiffré.</p>
      </Collapsible>
    );
  }
  const copy = async (text: string) => {
    try {
      await toClipboard(text);
      setStatus('Argument copié avec sa source.');
    } catch (err) {
      setStatus(`Copie impossible : ${(err as Error).message}`);
    }
  };
  return (
    <Collapsible id="arguments" title="Arguments à citer" className="arguments" anchors={['argument-']}>
      <p className="lead">
        Des phrases prêtes à citer, générées à partir des données ci-dessus. Chacune garde sa source et son
        lien ; les comparaisons portent toujours sur la même année.
      </p>
      <div className="argument-list">
        {cards.map((c) => (
          <article className="argument" id={`argument-${c.id}`} data-argument={c.id} key={c.id}>
            <blockquote>
              <p>
                <Glossed text={c.text} />
              </p>
            </blockquote>
            <p className="argument-figure">
              Chiffre :{' '}
              <strong className="figure" data-indicator-ref={c.indicator} data-value={c.figure.value}>
                {c.figure.text}
              </strong>{' '}
              ({c.figure.year}){' '}
              {oldFigureText(c.figure.year) && (
                <span className="old-figure">{oldFigureText(c.figure.year)}</span>
              )}
            </p>
            {c.caveats.length > 0 && <p className="muted">Précautions : {c.caveats.join(' ; ')}.</p>}
            <p className="source">Source : {c.source}</p>
            <p className="argument-actions">
              <button type="button" className="secondary" onClick={() => copy(copyText(c))}>
                Copier l’argument et sa source
              </button>{' '}
              <a href={c.permalink} className="permalink">
                Lien permanent
              </a>
            </p>
          </article>
        ))}
      </div>
      <p role="status" aria-live="polite" className="muted">
        {status}
      </p>
    </Collapsible>
  );
}
