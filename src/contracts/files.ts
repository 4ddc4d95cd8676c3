import { z } from 'zod';

/** Upload content types Anju accepts, checked by the file's own bytes, never by its name (SPEC 7). */
export const fileContentTypes = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type FileContentType = (typeof fileContentTypes)[number];
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** `staff`: staff of the place and the uploader; `community`: also the residents of the community. */
export const fileVisibilities = ['staff', 'community'] as const;
export type FileVisibility = (typeof fileVisibilities)[number];

export const filesGrants = {
  /** anyone signed in may upload evidence; a record that attaches it gives it its place */
  'files.upload': {
    district_admin: 'district',
    district_leader: 'district',
    department: 'district',
    street: 'district',
    committee: 'district',
    property: 'district',
    owners_committee: 'district',
    resident: 'district',
    inspector: 'district',
    emergency: 'district',
    mediator: 'district',
  },
  'files.read': {
    district_admin: 'district',
    district_leader: 'district',
    street: 'place',
    committee: 'place',
    property: 'place',
    owners_committee: 'place',
    mediator: 'place',
  },
  /** residents read the files published to their community (disclosure attachments) */
  'files.read_public': { resident: 'place' },
} as const;

export const fileUploadQuery = z.strictObject({
  communityId: z.coerce.number().int().positive().optional(),
});

export const fileContentQuery = z.strictObject({ thumbnail: z.enum(['true', 'false']).optional() });

/** A stored file as the API shows it (never its bytes). */
export const fileView = z.object({
  fileId: z.number(),
  name: z.string(),
  mime: z.enum(fileContentTypes),
  size: z.number(),
  sha256: z.string(),
  hasThumbnail: z.boolean(),
  communityId: z.number().nullable(),
  visibility: z.enum(fileVisibilities),
  createdAt: z.string(),
});
export type FileView = z.infer<typeof fileView>;
