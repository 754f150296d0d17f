import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { passwordProblems } from '@tuyendau/domain';
import { problemsError } from '../http/errors.ts';

// Algorithm.Argon2id of @node-rs/argon2 (a const enum, which isolated modules cannot read).
const ARGON2ID = 2;

// OWASP's Argon2id baseline: 19 MiB memory, 2 iterations, 1 lane.
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Refuses a new password the domain's policy refuses, with a 400 naming the field and the reason. */
export function checkNewPassword(
  password: string,
  opts: { field: string; username?: string; label?: string },
): void {
  const problems = passwordProblems({ password, ...opts });
  if (problems.length) throw problemsError(problems);
}

/** A password nobody chose: 16 characters from 96 random bits. */
export function randomPassword(): string {
  return randomBytes(12).toString('base64url');
}
