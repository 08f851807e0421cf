// drizzle-kit lives at the repo root but drizzle-orm only in this workspace, so drizzle-kit's own
// `import("drizzle-orm/...")` would fail; resolve those imports as if made from this workspace.
const fromServer = new URL('../package.json', import.meta.url).href;

export async function resolve(specifier, context, next) {
  if (specifier === 'drizzle-orm' || specifier.startsWith('drizzle-orm/')) {
    return next(specifier, { ...context, parentURL: fromServer });
  }
  return next(specifier, context);
}
