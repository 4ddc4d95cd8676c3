import { z } from 'zod';

/** RFC 9457 problem details as Anju answers them; `code` is stable, `detail` is in the caller's language. */
export const problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  code: z.string(),
  detail: z.string(),
  instance: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof problem>;

export const idParam = z.strictObject({
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});

export const okResult = z.object({ ok: z.literal(true) });
