import { createHash } from 'node:crypto';

/** Hex SHA-256: how API keys are stored and looked up. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
