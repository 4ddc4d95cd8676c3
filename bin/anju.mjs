#!/usr/bin/env node
// `npx anju <command>`: runs the TypeScript CLI through tsx, like `npm run anju -- <command>`.
import { register } from 'tsx/esm/api';

register();
await import('../src/server/cli/index.ts');
