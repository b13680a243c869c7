import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { passwordMaxLength, passwordMinLength } from '@tessera/validation/auth';

// OWASP's argon2id recommendation: 19 MiB memory, 2 iterations, 1 lane.
// algorithm 2 is Argon2id (a const enum in the typings, which isolated modules cannot read).
const argon2Options = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * A real hash to verify against when the account does not exist, so an unknown email costs the
 * same time as a wrong password.
 */
let decoyHash: Promise<string> | undefined;
export function verifyDecoy(password: string): Promise<boolean> {
  decoyHash ??= hashPassword('decoy password that nobody has');
  return decoyHash.then((h) => verifyPassword(h, password));
}

/** ~49,000 common passwords from zxcvbn-ts's maintained list, loaded once. */
let commonPasswords: Set<string> | undefined;
async function loadCommonPasswords(): Promise<Set<string>> {
  if (!commonPasswords) {
    const list = dictionary['passwords-common'] as unknown;
    const words = typeof list === 'function' ? ((await (list as () => Promise<string[]>)()) ?? []) : (list as string[]);
    commonPasswords = new Set(words.map((w) => w.toLowerCase()));
  }
  return commonPasswords;
}

export async function commonPasswordCount(): Promise<number> {
  return (await loadCommonPasswords()).size;
}

/** Problems with a new password, each phrased as what to change. Empty when it is acceptable. */
export async function passwordProblems(password: string, email?: string): Promise<string[]> {
  const problems: string[] = [];
  if (password.length < passwordMinLength) problems.push(`Use at least ${passwordMinLength} characters`);
  if (password.length > passwordMaxLength) problems.push(`Use at most ${passwordMaxLength} characters`);
  const lowered = password.toLowerCase();
  if ((await loadCommonPasswords()).has(lowered)) {
    problems.push('This password is too common: choose one that is not on lists of popular passwords');
  }
  if (email && (lowered === email.toLowerCase() || lowered === email.split('@')[0]?.toLowerCase())) {
    problems.push('Do not use your email address as your password');
  }
  return problems;
}
