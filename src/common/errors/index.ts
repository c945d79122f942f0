export * from './error-codes';
export * from './error-messages';
export * from './domain-errors';
export * from './error-body';
export * from './to-domain-error';
