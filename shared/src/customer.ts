/** Kept so imports of the old module name still resolve; the customers context lives in customers.ts. */
export * from './customers.js';
