/**
 * Starts loading the map view as soon as the page opens on `/` or `/carte`: its code chunk, the
 * projected layer (worker) and the values of the view load while the registry is being fetched,
 * instead of after it. An indicator without commune values just answers an error the view never reads.
 */
export function prefetchMapView(path: string, search: string): void {
  if (path !== '/' && path !== '/carte') return;
  void import('./MapPage');
  void Promise.all([import('./data'), import('../../model/values'), import('./state')]).then(
    ([data, values, st]) => {
      const state = st.parseMapState(new URLSearchParams(search));
      values
        .loadValues({
          indicator: state.indicator,
          within: st.perimeterWithin(state.perimeter),
          year: state.year,
        })
        .catch(() => undefined);
      return data.loadProjected(
        state.perimeter === 'idf' ? 'communes-idf' : 'france',
        state.perimeter,
        state.outlines,
      );
    },
  );
}
