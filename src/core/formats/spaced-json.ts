/**
 * JSON with the separators the Hugging Face chat templates print (`tojson`, i.e. Python's
 * `json.dumps` default: `", "` and `": "`), the spacing our format instructions show too. Calls
 * written back into the history this way repeat what a model taught by those templates wrote,
 * byte for byte, so a prefix-caching engine keeps the answer it already holds after a step
 * instead of re-reading it.
 */
export function spacedJson(value: unknown): string {
  // Indented output has line breaks only between tokens (strings escape theirs), so folding each
  // break and its indent re-spaces the JSON without a second serializer.
  const text = JSON.stringify(value, null, 1) ?? 'null';
  return text.replace(/,\n */g, ', ').replace(/\n */g, '');
}
