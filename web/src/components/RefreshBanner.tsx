import { client, unwrap } from '../api';
import { useAsync } from '../useAsync';

const day = (iso: string) =>
  new Date(iso).toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });

/**
 * A discreet line when the last data refresh failed: the dashboard still serves the last good database
 * and says which date its figures are from. Nothing otherwise.
 */
export function RefreshBanner() {
  const state = useAsync(
    async () => (await unwrap<{ data: HealthData }>(await client.api.health.$get())).data,
    [],
  );
  if (state.status !== 'ok' || !state.data.refresh) return null;
  const { refresh, built_at } = state.data;
  return (
    <p className="refresh-banner" role="status">
      Données du {day(built_at)} ; la mise à jour du {day(refresh.at)} a échoué
      <span className="muted"> ({refresh.file ?? 'raison dans /api/health'})</span>.
    </p>
  );
}

interface HealthData {
  built_at: string;
  refresh: { at: string; file: string | null; reason: string } | null;
}
