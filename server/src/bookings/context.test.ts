import { describe, expect, it } from 'vitest';
import { withDeadlockRetry } from './context.js';

describe('withDeadlockRetry', () => {
  const deadlock = Object.assign(new Error('Deadlock found when trying to get lock'), { code: 'ER_LOCK_DEADLOCK' });

  it('runs a transaction chosen as a deadlock victim again, up to three times in all', async () => {
    let runs = 0;
    await expect(withDeadlockRetry(async () => (++runs < 3 ? Promise.reject(deadlock) : 'booked'))).resolves.toBe('booked');
    expect(runs).toBe(3);
    runs = 0;
    await expect(withDeadlockRetry(async () => (++runs, Promise.reject(deadlock)))).rejects.toBe(deadlock);
    expect(runs).toBe(3);
  });

  it('never repeats other failures (a 409 is an answer, not an accident)', async () => {
    let runs = 0;
    const other = new Error('slot taken');
    await expect(withDeadlockRetry(async () => (++runs, Promise.reject(other)))).rejects.toBe(other);
    expect(runs).toBe(1);
  });
});
