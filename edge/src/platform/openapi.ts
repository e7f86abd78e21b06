import type { z } from '@hono/zod-openapi';
import { ErrorSchema } from './errors';

// Response and body descriptors for `createRoute`, shared by every domain's routes so the
// OpenAPI document describes JSON answers and errors the same way everywhere.

export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** An answer in the one error shape `{ error: { code, message, details } }`. */
export const errorResponse = (description: string) => jsonResponse(ErrorSchema, description);

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});
