/**
 * Quality badges in plain words (« chiffre arrondi », « estimation », « non diffusé »…), labelled and
 * explained by the registry's flags: the explanation shows on hover and keyboard focus, and the badge
 * links to its glossary entry. A copy by a third party (`derived`) is a provenance detail: it is told
 * with the source, not as a badge.
 */
import { useId } from 'react';
import { useRegistry } from '../registry';
import { Link } from '../router';

export const HIDDEN_FLAGS = ['derived'];

export function Flags({ flags, hide = HIDDEN_FLAGS }: { flags: string[]; hide?: string[] }) {
  const { flags: meanings } = useRegistry();
  const shown = flags.filter((f) => !hide.includes(f));
  const id = useId();
  if (!shown.length) return null;
  return (
    <span className="flags">
      {shown.map((f) => {
        const m = (meanings as Record<string, { badge: string; meaning: string }>)[f];
        return (
          <span key={f} className="badge-wrap">
            <Link
              href={`/glossaire#signalement-${f}`}
              className={`badge badge-${f}`}
              aria-describedby={m ? `${id}-${f}` : undefined}
              data-flag={f}
            >
              {m?.badge ?? f}
            </Link>
            {m && (
              <span role="tooltip" id={`${id}-${f}`} className="badge-tip">
                {m.meaning}
              </span>
            )}
          </span>
        );
      })}
    </span>
  );
}
