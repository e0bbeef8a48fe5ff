/** The error vocabulary in one import. */
export * from './bridge-error.ts';
export { classifyError, parseRetryAfter } from './classify-error.ts';
export { retryDelayMs, type RetryPolicy } from './retry-policy.ts';
