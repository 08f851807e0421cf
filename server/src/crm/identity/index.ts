// Identity resolution: normalising, scoring and scanning for duplicates (pure parts).
export { matchKeys, foldName, normaliseOrganisation, normaliseAddress, type IdentityRecord, type MatchKeys } from './normalise.js';
export { scorePair, similarity } from './match-score.js';
export { scanForDuplicates, blockingKeys, pairKey, type ScanResult, type ScanOptions, type DuplicateCluster, type ScoredPair } from './duplicate-scan.js';
