export function SourcesPage(_p: { search?: URLSearchParams }) {
  return <p>En construction</p>;
}
