export * from './errors.js';
export * from './validation.js';
export * from './phone.js';
export * from './auth.js';
export * from './customer.js';
export * from './health.js';
