import type { Config } from './config';
import type { Database, Db } from './db/client';
import type { FieldCipher } from './platform/crypto';

/** What use cases need from the running process, passed in explicitly. */
export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  cipher: FieldCipher;
  /** keys session token hashes, so a copy of the session table opens no session */
  sessionKey: Buffer;
}
