import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  scrypt,
  timingSafeEqual,
} from 'node:crypto';

// Chinese national algorithms from Node's own OpenSSL: SM3 for hashes, SM4 for encryption at rest.

export function sm3(data: string | Buffer): string {
  return createHash('sm3').update(data).digest('hex');
}

export function hmacSm3(key: Buffer, data: string): string {
  return createHmac('sm3', key).update(data).digest('hex');
}

export interface FieldCipher {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  /** deterministic keyed hash for equality lookups (e.g. find a person by phone) */
  index(plain: string): string;
}

/**
 * SM4-CBC with HMAC-SM3 over iv‖ciphertext (encrypt-then-MAC). Node's OpenSSL offers no SM4-GCM,
 * so integrity comes from the MAC. Format: `v1.<iv>.<ciphertext>.<mac>` in base64url.
 */
export function fieldCipher(masterKeyHex: string): FieldCipher {
  const master = Buffer.from(masterKeyHex, 'hex');
  const derive = (info: string, length: number) =>
    Buffer.from(hkdfSync('sha256', master, 'anju', info, length));
  const encKey = derive('sm4-enc', 16);
  const macKey = derive('sm3-mac', 32);
  const indexKey = derive('sm3-index', 32);
  const mac = (iv: Buffer, ct: Buffer) => createHmac('sm3', macKey).update(iv).update(ct).digest();
  return {
    encrypt(plain) {
      const iv = randomBytes(16);
      const cipher = createCipheriv('sm4-cbc', encKey, iv);
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [
        'v1',
        iv.toString('base64url'),
        ct.toString('base64url'),
        mac(iv, ct).toString('base64url'),
      ].join('.');
    },
    decrypt(sealed) {
      const [version, ivText, ctText, macText] = sealed.split('.');
      if (version !== 'v1' || !ivText || !ctText || !macText) throw new Error('unknown ciphertext format');
      const iv = Buffer.from(ivText, 'base64url');
      const ct = Buffer.from(ctText, 'base64url');
      const expected = mac(iv, ct);
      const given = Buffer.from(macText, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new Error('ciphertext integrity check failed');
      }
      const decipher = createDecipheriv('sm4-cbc', encKey, iv);
      return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
    },
    index(plain) {
      return createHmac('sm3', indexKey).update(plain).digest('hex');
    },
  };
}

// scrypt parameters (N=2^15, r=8, p=1): about 50 ms and 32 MiB per hash on a server core.
const SCRYPT = { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

function scryptAsync(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolveKey, reject) =>
    scrypt(password.normalize('NFKC'), salt, 32, { N, r, p, maxmem: SCRYPT.maxmem }, (err, key) =>
      err ? reject(err) : resolveKey(key),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash`, so the cost can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join(
    '$',
  );
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, saltText, keyText] = stored.split('$');
  if (scheme !== 'scrypt' || !saltText || !keyText) return false;
  const key = await scryptAsync(
    password,
    Buffer.from(saltText, 'base64url'),
    Number(n),
    Number(r),
    Number(p),
  );
  const expected = Buffer.from(keyText, 'base64url');
  return key.length === expected.length && timingSafeEqual(key, expected);
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
