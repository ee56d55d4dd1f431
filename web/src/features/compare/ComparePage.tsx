export function ComparePage(_p: { search?: URLSearchParams }) {
  return <p>En construction</p>;
}
