import { describe, expect, it } from 'vitest';
import { isValidUscc, usccCheckChar } from './uscc';

describe('unified social credit code', () => {
  it('accepts a published valid code and computes its check character', () => {
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('refuses a wrong check character, forbidden letters and wrong lengths', () => {
    expect(isValidUscc('91350100M000100Y44')).toBe(false);
    expect(isValidUscc('91350100M000100Y4I')).toBe(false);
    expect(isValidUscc('91350100M000100Y4')).toBe(false);
    expect(isValidUscc('91350100m000100y43')).toBe(false);
  });
});
