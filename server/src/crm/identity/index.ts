// Identity resolution: normalising, scoring and scanning for duplicates (pure parts), the review queue and merges.
export { matchKeys, foldName, normaliseOrganisation, normaliseAddress, type IdentityRecord, type MatchKeys } from './normalise.js';
export { scorePair, similarity } from './match-score.js';
export { scanForDuplicates, blockingKeys, pairKey, type ScanResult, type ScanOptions, type DuplicateCluster, type ScoredPair } from './duplicate-scan.js';
// The review queue and merges (database-backed).
export { CandidateRepository, type FoundPair } from './candidate-repository.js';
export { duplicateScanJob, type DuplicateScanDeps } from './duplicate-scan-job.js';
export { IdentityService } from './identity-service.js';
export { MergeRepository } from './merge-repository.js';
export { MergeService } from './merge-service.js';
export { MatchSettingsRepository } from './match-settings-repository.js';
