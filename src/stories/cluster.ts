// Story assignment and cross-article event identity. A story is a cluster of near-duplicate articles: an
// article joins the story of its most similar stored article when the MinHash estimate reaches the threshold,
// else it starts a story named after its own id. An event is "the same event" within a story when its PLOVER
// category and its source and target actors agree, so syndicated copies count once (GDELT counts each copy as
// a new event and inflates NumArticles; here copies add to numArticles of one event row instead).
import { MINHASH_RULES, estimateJaccard } from './minhash.js';

export interface StoryCandidate {
  articleId: string;
  storyId: string;
  signature: Uint32Array;
}

export type StoryChoice =
  | { joined: true; storyId: string; similarTo: string; similarity: number }
  | { joined: false; reason: 'no-signature' | 'no-candidates' | 'below-threshold'; bestSimilarity: number };

/** Picks the story to join: the candidate with the highest estimated similarity at or above the threshold
 * (ties go to the earlier candidate, i.e. the older article when candidates come in ingest order). */
export function chooseStory(signature: Uint32Array | null, candidates: readonly StoryCandidate[],
  threshold: number = MINHASH_RULES.joinThreshold): StoryChoice {
  if (!signature) return { joined: false, reason: 'no-signature', bestSimilarity: 0 };
  if (candidates.length === 0) return { joined: false, reason: 'no-candidates', bestSimilarity: 0 };
  let best: StoryCandidate | null = null;
  let bestSim = -1;
  for (const c of candidates) {
    const sim = estimateJaccard(signature, c.signature);
    if (sim > bestSim) { best = c; bestSim = sim; }
  }
  if (!best || bestSim < threshold) return { joined: false, reason: 'below-threshold', bestSimilarity: Math.max(0, bestSim) };
  return { joined: true, storyId: best.storyId, similarTo: best.articleId, similarity: bestSim };
}

/** The minimal view of an analysed entity that identity needs. */
export interface EntityIdentity {
  type: string;
  name: string;
  codes: Record<string, string>;
}

/** How an actor is recognised across articles: a country by its ISO 3166 alpha-3 code ("US", "United States"
 * and "America" are all USA), anything else by its canonical name, case and spacing folded. */
export function actorKey(entity: EntityIdentity): string {
  const iso3 = entity.codes['iso3'];
  if ((entity.type === 'country' || entity.type === 'nationality') && iso3) return iso3.toUpperCase();
  return entity.name.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The identity of an event within a story: PLOVER category, then the sorted source and target actor keys. */
export function eventKey(plover: string, sources: readonly string[], targets: readonly string[]): string {
  const norm = (keys: readonly string[]) => [...new Set(keys)].sort().join(',');
  return `${plover.toUpperCase()}|${norm(sources)}|${norm(targets)}`;
}
