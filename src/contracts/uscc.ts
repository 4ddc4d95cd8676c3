/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a 31-letter
 * alphabet (no I, O, S, V, Z); the last one is a check character over the first 17.
 */
const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function usccCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = alphabet.indexOf(first17[i]!);
    if (v < 0) return null;
    sum += v * weights[i]!;
  }
  return alphabet[(31 - (sum % 31)) % 31]!;
}

export function isValidUscc(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  return usccCheckChar(code.slice(0, 17)) === code[17];
}
