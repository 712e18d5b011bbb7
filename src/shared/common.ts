import { z } from 'zod';

/** Organization roles, most to least privileged. `compliance` is a separate grant, not a role. */
export const orgRoles = ['owner', 'admin', 'recruiter', 'hiring_manager', 'interviewer'] as const;
export const orgRoleSchema = z.enum(orgRoles);
export type OrgRole = z.infer<typeof orgRoleSchema>;

export const roleLabels: Record<OrgRole, string> = {
  owner: 'Owner',
  admin: 'Admin',
  recruiter: 'Recruiter',
  hiring_manager: 'Hiring manager',
  interviewer: 'Interviewer',
};

export const idSchema = z.uuid();
export const idParamsSchema = z.object({ id: idSchema });

export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: 'Enter a valid email address' }))
  .transform((e) => e.toLowerCase());

/** Password policy: at least 10 characters, at most 200, not the email itself (checked by the service). */
export const passwordSchema = z
  .string()
  .min(10, 'Use at least 10 characters')
  .max(200, 'Use at most 200 characters');

export const personNameSchema = z.string().trim().min(1, 'Enter a name').max(120);

/** Public organization slug: lowercase letters, digits and single hyphens. */
export const slugSchema = z
  .string()
  .trim()
  .min(2)
  .max(48)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lowercase letters, digits and hyphens');

export const isoDateTimeSchema = z.string().describe('ISO 8601 date-time');

/** Every list route shares this query: a page size and an opaque cursor from the previous page. */
export const pageQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

/** The shape of every list response. `nextCursor` is null on the last page. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
export type Page<T> = { items: T[]; nextCursor: string | null };

export const okSchema = z.object({ ok: z.literal(true) });

/** Response of download routes (`file: true`): the handler returns content type, file name and body. */
export const fileSchema = z.custom<import('./route.ts').FileBody>(() => true);

/** An IANA time zone name the runtime knows (e.g. Europe/Berlin). */
export const timeZoneSchema = z
  .string()
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'Use an IANA time zone such as Europe/Berlin');
