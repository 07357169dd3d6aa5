import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * 130 random bits as 26 lowercase base-32 characters. Lowercase because Jitsi-based services
 * fold room names to lowercase; that many bits because knowing the room name is all it takes to join.
 */
export function newRoomName(): string {
  const bytes = randomBytes(17);
  let name = '';
  for (let i = 0; i < 26; i++) {
    // 5 bits per character taken from the bit stream; 17 bytes = 136 bits cover 26 × 5 = 130.
    const bit = i * 5;
    const byteIndex = bit >> 3;
    const word = ((bytes[byteIndex] ?? 0) << 8) | (bytes[byteIndex + 1] ?? 0);
    name += ALPHABET[(word >> (11 - (bit & 7))) & 31];
  }
  return name;
}
