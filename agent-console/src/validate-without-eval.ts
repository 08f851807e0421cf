import { z } from 'zod';

// The console runs under a Content-Security-Policy without 'unsafe-eval'
// (server/src/http/security-headers.ts). zod compiles object parsers through `new Function`
// after a probe that the browser refuses and reports as a violation on every load. This module
// is main.tsx's first import, so it runs before any module (shared's demo dial plan) parses.
z.config({ jitless: true });
