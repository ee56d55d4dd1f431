/** Routes of the workshop packs: `/atelier` (list of EPTs) and `/atelier/ept/:code`. */
import { AtelierIndex } from './AtelierIndex';
import { AtelierPage } from './AtelierPage';

export const ATELIER_PATH = /^\/atelier(?:\/ept\/([0-9A-Za-z]{1,9}))?\/?$/;

export function AtelierRoute({ path, search }: { path: string; search: URLSearchParams }) {
  const code = ATELIER_PATH.exec(path)?.[1];
  return code ? <AtelierPage key={code} code={code} search={search} /> : <AtelierIndex />;
}
