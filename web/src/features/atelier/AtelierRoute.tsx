/** Routes of the workshop packs: `/atelier` (list of EPTs) and `/atelier/ept/:code`. */
import { AtelierIndex } from './AtelierIndex';
import { AtelierPage } from './AtelierPage';

export function AtelierRoute({ code, search }: { code: string | undefined; search: URLSearchParams }) {
  return code ? <AtelierPage code={code} search={search} /> : <AtelierIndex />;
}
