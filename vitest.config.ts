import { defineConfig } from 'vitest/config';

// One test command for the whole repo; each workspace owns its own project config
// (db and miniapp run in Node, edge runs inside workerd).
export default defineConfig({
  test: {
    projects: ['db', 'edge', 'miniapp'],
  },
});
