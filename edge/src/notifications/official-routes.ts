import { createRouter } from '../platform/router';

// PLACEHOLDER (issue 4, being built): replaced by the domain's routes.
export const officialNotificationRoutes = createRouter();
