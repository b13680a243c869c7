// Every module's tables, so drizzle (and drizzle-kit) see one schema.
export * from './system';
export * from './auth';
export * from './audit';
export * from './mail';
export * from './tracker';
export * from './notifications';
export * from './ai';
export * from './characters';
