export function RankingsPage(_p: { search?: URLSearchParams }) {
  return <p>En construction</p>;
}
