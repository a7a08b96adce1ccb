/**
 * Where model files come from: the Hugging Face hub (and the CDN hosts it redirects downloads to)
 * and the GitHub host web-llm's model libraries live on. Granted only while a download the person
 * started is running (see `grantDuring`), never permanently.
 */
export const MODEL_HUB_ORIGINS: readonly string[] = [
  'https://huggingface.co',
  'https://*.huggingface.co',
  'https://*.hf.co',
  'https://raw.githubusercontent.com',
];

/** Something that grants origins until the returned function is called (the page's policy). */
export interface Granter {
  grant(origins: readonly string[], holder: string): () => void;
}

/** Runs `work` with `origins` granted to `holder`, and withdraws the grant when it settles. */
export async function grantDuring<T>(granter: Granter | undefined, origins: readonly string[], holder: string, work: () => Promise<T>): Promise<T> {
  const revoke = granter?.grant(origins, holder);
  try {
    return await work();
  } finally {
    revoke?.();
  }
}
