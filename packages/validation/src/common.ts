import { z } from 'zod';

/** Record ids are UUIDs everywhere. */
export const idSchema = z.uuid({ message: 'Must be a valid id' });
export const byIdInput = z.object({ id: idSchema });

/** Cursor pagination shared by every list procedure. */
export const paginationInput = z.object({
  cursor: z.string().max(512).optional(),
  limit: z.number().int().min(1).max(100).default(25),
});
export type PaginationInput = z.infer<typeof paginationInput>;

/** Trimmed, non-empty text with a clear message. */
export const requiredText = (field: string, max = 200) =>
  z
    .string({ message: `${field} is required` })
    .trim()
    .min(1, `${field} is required`)
    .max(max, `${field} must be at most ${max} characters`);
