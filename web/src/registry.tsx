/** The indicator registry and quality-flag labels, loaded once from `/api/indicators`. */
import { createContext, useContext, type ReactNode } from 'react';
import { client, unwrap, type IndicatorsResponse } from './api';
import { useAsync } from './useAsync';

export type Registry = { indicators: IndicatorsResponse['data']; flags: IndicatorsResponse['meta']['flags'] };

const Ctx = createContext<Registry | null>(null);

export function RegistryProvider({ children }: { children: ReactNode }) {
  const state = useAsync(() => client.api.indicators.$get().then((r) => unwrap<IndicatorsResponse>(r)), []);
  if (state.status === 'error')
    return <p role="alert">Impossible de joindre l’API : {state.error.message}</p>;
  if (state.status === 'loading') return <p aria-busy="true">Chargement…</p>;
  return (
    <Ctx.Provider value={{ indicators: state.data.data, flags: state.data.meta.flags }}>
      {children}
    </Ctx.Provider>
  );
}

export function useRegistry(): Registry {
  const r = useContext(Ctx);
  if (!r) throw new Error('RegistryProvider manquant');
  return r;
}
