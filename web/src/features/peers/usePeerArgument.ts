/** The comparable-communes argument card of a commune's fiche, once its peers are loaded (null otherwise). */
import { useEffect, useState } from 'react';
import type { Fiche, Source } from '../../api';
import type { ArgumentCard } from '../arguments';
import { peerSruArgument } from './argument';
import { loadPeers } from './data';

export function usePeerArgument(fiche: Fiche, sources: Record<string, Source>): ArgumentCard | null {
  const [card, setCard] = useState<ArgumentCard | null>(null);
  const t = fiche.territory;
  useEffect(() => {
    setCard(null);
    const ind = fiche.indicators.find((i) => i.id === 'sru_taux');
    if (t.level !== 'commune' || !ind) return;
    let live = true;
    loadPeers(t.code).then(
      (res) => {
        if (!live) return;
        const d = res.data;
        setCard(
          peerSruArgument({
            territory: t,
            indicator: ind,
            own: d.sru_taux,
            peers: d.peers,
            criteria: d.criteria,
            sources: { ...sources, ...res.meta.sources },
            origin: location.origin,
          }),
        );
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [fiche, sources, t]);
  return card;
}

/** Puts extra cards right after the SRU cards (the generated list keeps its order otherwise). */
export function withExtraCards(cards: ArgumentCard[], extra: (ArgumentCard | null)[]): ArgumentCard[] {
  const add = extra.filter((c): c is ArgumentCard => c !== null);
  if (!add.length) return cards;
  const at = cards.reduce((last, c, i) => (c.id.startsWith('sru-') ? i + 1 : last), 0);
  return [...cards.slice(0, at), ...add, ...cards.slice(at)];
}
