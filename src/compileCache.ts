import nodeModule from 'node:module';

/**
 * Imported first by main.ts: on Node 22 (production) V8 keeps the compiled code of every module
 * on disk, so a restart on the same instance spends less of its start-up compiling the SDKs
 * again. Node 20 has no such cache and starts as before.
 */
const withCompileCache = nodeModule as typeof nodeModule & { enableCompileCache?: () => unknown };
withCompileCache.enableCompileCache?.();
