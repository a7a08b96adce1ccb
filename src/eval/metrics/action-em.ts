/**
 * Action EM (exact match of the action). Per example: the multiset of predicted call names equals the
 * multiset of gold call names. For a single-call turn that is "the right tool was called, once"; for
 * a multi-call (parallel) turn every gold tool must be called exactly as many times as in the gold
 * answer, in any order; when the gold answer makes no call, only a prediction with no call matches.
 * Arguments play no part here (Argument F1 scores them).
 */
export function actionExactMatch(
  predicted: ReadonlyArray<{ name: string }>,
  gold: ReadonlyArray<{ name: string }>,
): boolean {
  if (predicted.length !== gold.length) return false;
  const counts = new Map<string, number>();
  for (const call of gold) counts.set(call.name, (counts.get(call.name) ?? 0) + 1);
  for (const call of predicted) {
    const left = counts.get(call.name) ?? 0;
    if (left === 0) return false;
    counts.set(call.name, left - 1);
  }
  return true;
}
