export function MethodologyPage(_p: { search?: URLSearchParams }) {
  return <p>En construction</p>;
}
