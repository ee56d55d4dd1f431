import type { Source } from '../api';
import { sourceLine, technicalDetail } from '../model/sources';

/**
 * « Source : Ministère du Logement, inventaire SRU au 1er janvier 2024 » under a figure; the file, a
 * third-party copy, how the vintage was read and the link are one click away (« détail »).
 */
export function SourceLine({ source, reference }: { source: Source | undefined; reference?: string | null }) {
  if (!source) return <p className="source">Source inconnue</p>;
  const link = source.url ?? source.dataset_url;
  return (
    <div className="source">
      Source : {sourceLine(source, reference)}.{' '}
      <details className="source-detail">
        <summary>détail</summary>
        <ul>
          {technicalDetail(source).map((line) => (
            <li key={line}>{line}</li>
          ))}
          {link && (
            <li>
              <a href={link} rel="noreferrer" target="_blank">
                jeu de données
              </a>
            </li>
          )}
        </ul>
      </details>
    </div>
  );
}
