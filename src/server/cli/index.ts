// `npm run anju -- <command>` and `npx anju <command>` (bin/anju.mjs) start here.
import { run } from './cli';
import { processIo } from './io';

const code = await run(process.argv.slice(2), processIo());
process.exit(code);
