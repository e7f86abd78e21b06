import { createRouter } from '../platform/router';

// Placeholder mounted by app.ts; filled by the weather and environment work (issue 6).
export const environmentRoutes = createRouter();
