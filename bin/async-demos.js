#!/usr/bin/env node
// The installed command runs the compiled JavaScript; `npm run build` (run by `npm ci`) makes it.
import '../dist/cli/main.js';
