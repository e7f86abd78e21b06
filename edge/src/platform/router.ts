import { OpenAPIHono, z } from '@hono/zod-openapi';
import { vi } from 'zod/locales';
import type { AppEnv } from './env';
import { validationHook } from './errors';

// Validation messages in Vietnamese (zod ships a `vi` locale). Static configuration,
// identical in every isolate.
z.config(vi());

/**
 * Every domain sub-app starts here, so all of them share the bindings/variables types
 * and turn validation failures into the one error shape.
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}
