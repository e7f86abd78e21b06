import { defineProject } from 'vitest/config';

// Kept apart from vite.config.ts: the root runs vitest on its own Vite, while the app
// builds with the Vite 5 + zmp-vite-plugin pinned in this workspace.
export default defineProject({
  test: {
    name: 'miniapp',
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
