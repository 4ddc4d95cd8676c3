import { z } from 'zod';
import { type Role, roles } from './roles';

export const languages = ['zh-CN', 'en-US'] as const;
export type Language = (typeof languages)[number];

export const loginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const totpCodeBody = z.strictObject({ code: z.string().regex(/^\d{6}$/) });

/**
 * Password rule (GB/T 22239 level 3): at least 10 characters from at least three of
 * lower case, upper case, digits and symbols, and not containing the user name.
 */
export function passwordProblems(password: string, username = ''): string[] {
  const problems: string[] = [];
  if (password.length < 10) problems.push('too_short');
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (classes < 3) problems.push('too_simple');
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push('contains_username');
  return problems;
}

export const passwordString = z
  .string()
  .max(256)
  .superRefine((value, ctx) => {
    for (const problem of passwordProblems(value))
      ctx.addIssue({ code: 'custom', message: `password.${problem}` });
  });

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: passwordString,
});

export const preferencesBody = z.strictObject({ lang: z.enum(languages) });

export const roleAssignmentView = z.object({
  role: z.enum(roles),
  place: z.object({ level: z.string(), id: z.number(), name: z.string() }).nullable(),
});

export const sessionView = z.object({
  user: z.object({
    id: z.number(),
    username: z.string(),
    displayName: z.string(),
    lang: z.enum(languages),
    totpEnabled: z.boolean(),
  }),
  roles: z.array(roleAssignmentView),
  permissions: z.array(z.string()),
  csrfToken: z.string(),
  mode: z.enum(['demo', 'production']),
});
export type SessionView = z.infer<typeof sessionView>;

export const loginResult = z.union([
  sessionView.extend({ stage: z.literal('active') }),
  z.object({ stage: z.enum(['totp_required', 'totp_setup_required']), csrfToken: z.string() }),
]);

export type RoleKey = Role;

export const phoneCodeRequest = z.strictObject({ phone: z.string().trim().min(11).max(20) });
export const phoneCodeSent = z.object({ sent: z.literal(true), demoCode: z.string().optional() });
export const phoneCodeLogin = z.strictObject({
  phone: z.string().trim().min(11).max(20),
  code: z.string().regex(/^\d{6}$/),
});

/** The demo resident signs in on /m with this phone number (demo mode only). */
export const DEMO_RESIDENT_PHONE = '13800138000';
