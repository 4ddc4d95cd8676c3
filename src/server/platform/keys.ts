import { createHash } from 'node:crypto';
import type { Config } from '../config';
import { fieldCipher } from './crypto';

// Demo mode runs with fixed, public keys so a fresh clone works with no configuration;
// production refuses to start without its own (config.ts).
const DEMO_SECRET = 'anju-demo-session-secret-not-for-production-use';
const DEMO_ENCRYPTION_KEY = createHash('sha256').update('anju-demo-encryption-key').digest('hex');

export function keysFrom(config: Config) {
  const sessionSecret = config.SESSION_SECRET ?? DEMO_SECRET;
  return {
    sessionKey: createHash('sha256').update(sessionSecret).digest(),
    cipher: fieldCipher(config.ANJU_ENCRYPTION_KEY ?? DEMO_ENCRYPTION_KEY),
  };
}
