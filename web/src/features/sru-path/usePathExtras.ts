/** The SRU path's argument card and question on a commune's fiche, once the path is loaded. */
import { useEffect, useState } from 'react';
import type { Fiche, Source } from '../../api';
import type { ArgumentCard } from '../arguments';
import type { Question } from '../questions';
import { sruPathArgument, sruPathQuestion } from './argument';
import { loadSruPath } from './data';

interface Extras {
  card: ArgumentCard | null;
  question: Question | null;
  /** The path has been read (or there is none, or it failed): nothing more will come. */
  ready: boolean;
}

export function usePathExtras(fiche: Fiche, sources: Record<string, Source>): Extras {
  const [extras, setExtras] = useState<Extras>({ card: null, question: null, ready: false });
  const t = fiche.territory;
  useEffect(() => {
    setExtras({ card: null, question: null, ready: t.level !== 'commune' });
    if (t.level !== 'commune') return;
    let live = true;
    loadSruPath(t.code).then(
      (res) => {
        if (!live) return;
        if (!res) return setExtras({ card: null, question: null, ready: true });
        const all = { ...sources, ...res.meta.sources };
        setExtras({
          card: sruPathArgument({ territory: t, path: res.data, sources: all, origin: location.origin }),
          question: sruPathQuestion(t.name, res.data, all),
          ready: true,
        });
      },
      () => live && setExtras({ card: null, question: null, ready: true }),
    );
    return () => {
      live = false;
    };
  }, [t, sources]);
  return extras;
}
