/** How the Eval page writes numbers. */

/** A score from 0 to 1 with three decimals ("0.667"), or null's stand-in. */
export function formatScore(value: number | null | undefined, missing: string): string {
  return value === null || value === undefined || Number.isNaN(value) ? missing : value.toFixed(3);
}
