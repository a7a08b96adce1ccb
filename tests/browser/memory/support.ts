import type { Embedder } from '../../../src/embed';

/**
 * A deterministic stand-in for the embedding model: each word is mapped to a concept (synonyms
 * share one), and a text's vector counts its concepts. Texts about the same thing in different
 * words then land close together, as with a real model; every call is recorded.
 */
export function conceptEmbedder(id = 'concept-test-model'): Embedder & { calls: { texts: string[]; kind: string }[] } {
  const concepts: Record<string, number> = {
    dog: 0, puppy: 0, canine: 0, pet: 0,
    vegetarian: 1, meat: 1, diet: 1, food: 1, eat: 1,
    berlin: 2, live: 2, lives: 2, home: 2, city: 2,
    coffee: 3, espresso: 3, tea: 3, drink: 3,
  };
  const dimensions = 5;
  const calls: { texts: string[]; kind: string }[] = [];
  return {
    id,
    dimensions,
    calls,
    async load() {},
    async unload() {},
    async embed(texts, kind) {
      calls.push({ texts: [...texts], kind });
      return texts.map((text) => {
        const vector = new Float32Array(dimensions);
        // The last dimension is a small constant, so unrelated texts are not orthogonal.
        vector[dimensions - 1] = 0.3;
        for (const word of text.toLowerCase().match(/[a-z]+/g) ?? []) {
          const concept = concepts[word];
          if (concept !== undefined) vector[concept] = (vector[concept] ?? 0) + 1;
        }
        const norm = Math.hypot(...vector);
        return vector.map((value) => value / norm);
      });
    },
  };
}
