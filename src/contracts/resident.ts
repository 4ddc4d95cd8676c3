import { z } from 'zod';
import { caseStates } from './cases';

/** What the resident pages at /m need: their homes, their reports in plain words. */
export const residentHome = z.object({
  places: z.array(
    z.object({
      communityId: z.number(),
      communityName: z.string(),
      streetName: z.string(),
      address: z.string(),
      unit: z.object({ id: z.number(), number: z.string(), buildingId: z.number() }).nullable(),
      buildings: z.array(z.object({ id: z.number(), name: z.string() })),
    }),
  ),
});
export type ResidentHome = z.infer<typeof residentHome>;

export const myCaseSummary = z.object({
  id: z.number(),
  number: z.string(),
  title: z.string(),
  state: z.enum(caseStates),
  category: z.string(),
  community: z.string(),
  createdAt: z.string(),
  /** when it is expected handled (null once over, or while on hold) */
  expectedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  rated: z.boolean(),
});
export type MyCaseSummary = z.infer<typeof myCaseSummary>;

export const myCasePage = z.object({ items: z.array(myCaseSummary), nextCursor: z.string().nullable() });

export const myCaseDetail = myCaseSummary.extend({
  description: z.string(),
  address: z.string().nullable(),
  version: z.number(),
  /** the progress in plain words: state changes and public notes only */
  timeline: z.array(
    z.object({
      id: z.number(),
      at: z.string(),
      action: z.string(),
      text: z.string(),
      note: z.string().nullable(),
    }),
  ),
  photos: z.array(z.object({ fileId: z.number(), name: z.string(), hasThumbnail: z.boolean() })),
  satisfaction: z.object({ score: z.number(), comment: z.string().nullable() }).nullable(),
  canRate: z.boolean(),
});
export type MyCaseDetail = z.infer<typeof myCaseDetail>;
