// zod 4 compiles fast object parsers with the Function constructor, probing for it first. Our
// Content-Security-Policy forbids eval, so that probe would log a CSP violation on every page and worker
// that parses a link or a dataset file. Parsing here is rare and small: the interpreted parsers are enough.
// Every module that defines zod schemas imports this first.
import { z } from 'zod';

z.config({ jitless: true });
