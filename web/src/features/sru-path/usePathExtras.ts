/** The SRU path's argument card and question on a commune's fiche, once the path is loaded. */
import { useEffect, useState } from 'react';
import type { Fiche, Source } from '../../api';
import type { ArgumentCard } from '../arguments';
import type { Question } from '../questions/generate';
import { sruPathArgument, sruPathQuestion } from './argument';
import { loadSruPath } from './data';

export function usePathExtras(
  fiche: Fiche,
  sources: Record<string, Source>,
): { card: ArgumentCard | null; question: Question | null } {
  const [extras, setExtras] = useState<{ card: ArgumentCard | null; question: Question | null }>({
    card: null,
    question: null,
  });
  const t = fiche.territory;
  useEffect(() => {
    setExtras({ card: null, question: null });
    if (t.level !== 'commune') return;
    let live = true;
    loadSruPath(t.code).then(
      (res) => {
        if (!live || !res) return;
        const all = { ...sources, ...res.meta.sources };
        setExtras({
          card: sruPathArgument({ territory: t, path: res.data, sources: all, origin: location.origin }),
          question: sruPathQuestion(t.name, res.data, all),
        });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [t, sources]);
  return extras;
}
