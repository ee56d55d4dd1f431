/**
 * Quality flags that take a value out of comparisons (dependency-free: read by the pipelines, the API
 * and the web app). A value with one of these flags stays visible with its explanation, but it is never
 * ranked, never used to place map class breaks, never quoted in an argument card.
 */
export const UNCOMPARABLE_FLAGS = ['incoherent', 'small_count', 'suspect'] as const;

/** True when a value with these flags must stay out of rankings, map classes and arguments. */
export function isUncomparable(flags: readonly string[] | null | undefined): boolean {
  return !!flags && flags.some((f) => (UNCOMPARABLE_FLAGS as readonly string[]).includes(f));
}
