import { useRegistry } from '../registry';

/** Quality badges, labelled and explained by the registry's flag list. */
export function Flags({ flags }: { flags: string[] }) {
  const { flags: meanings } = useRegistry();
  if (!flags.length) return null;
  return (
    <span className="flags">
      {flags.map((f) => {
        const m = (meanings as Record<string, { badge: string; meaning: string }>)[f];
        return (
          <span key={f} className={`badge badge-${f}`} title={m?.meaning}>
            {m?.badge ?? f}
          </span>
        );
      })}
    </span>
  );
}
