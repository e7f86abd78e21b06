import { createRouter } from '../platform/router';

// Placeholder mounted by app.ts; filled by the smart intake work (issue 5).
export const intakeLabelRoutes = createRouter();
