// Stories: near-duplicate clustering (MinHash + LSH) and cross-article event identity.
export {
  MINHASH_RULES, cleanedText, shingleHashes, minhashSignature, signatureOfShingles, joinThresholdFor, storyIdentity, bandKeys, estimateJaccard,
  signatureToBytes, signatureFromBytes, fnv1a32, fmix32,
  type StoryIdentity,
} from './minhash.js';
export { chooseStory, actorKey, eventKey, type StoryCandidate, type StoryChoice, type EntityIdentity } from './cluster.js';
