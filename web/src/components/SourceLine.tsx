import type { Source } from '../api';

/** « Source : producer, dataset (vintage) — link », under every figure. */
export function SourceLine({ source }: { source: Source | undefined }) {
  if (!source) return <p className="source">Source inconnue</p>;
  const link = source.url ?? source.dataset_url;
  return (
    <p className="source">
      Source : {source.producer}, {source.title} ({source.vintage})
      {link ? (
        <>
          {' — '}
          <a href={link} rel="noreferrer" target="_blank">
            jeu de données
          </a>
        </>
      ) : null}
    </p>
  );
}
