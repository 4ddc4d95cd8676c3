import { describe, expect, it } from 'vitest';
import { fieldCipher, hashPassword, sm3, verifyPassword } from './crypto';

describe('national algorithms', () => {
  it('SM3 gives the GB/T 32905 test vector for "abc"', () => {
    expect(sm3('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('SM4 field encryption round-trips, uses a fresh IV and detects tampering', () => {
    const cipher = fieldCipher('11'.repeat(32));
    const a = cipher.encrypt('13812345678');
    const b = cipher.encrypt('13812345678');
    expect(a).not.toBe(b);
    expect(cipher.decrypt(a)).toBe('13812345678');
    const parts = a.split('.');
    const ct = Buffer.from(parts[2]!, 'base64url');
    ct[0] = ct[0]! ^ 1;
    parts[2] = ct.toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'))).toThrow(/integrity/);
    expect(cipher.index('13812345678')).toBe(cipher.index('13812345678'));
    expect(() => fieldCipher('22'.repeat(32)).decrypt(a)).toThrow();
  });

  it('scrypt password hashes verify the right password only', async () => {
    const hash = await hashPassword('Correct-horse-9');
    expect(hash.startsWith('scrypt$32768$8$1$')).toBe(true);
    expect(await verifyPassword('Correct-horse-9', hash)).toBe(true);
    expect(await verifyPassword('correct-horse-9', hash)).toBe(false);
  });
});
