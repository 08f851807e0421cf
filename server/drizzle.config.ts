import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the schema and committed; the server applies them at boot on PostgreSQL and PGlite alike.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/db/schema.ts', './src/db/schema-identity.ts', './src/db/schema-jobs-imports.ts', './src/db/schema-tenancy.ts'],
  out: './drizzle',
});
