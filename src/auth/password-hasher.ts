import { argon2, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The port the sign-in and user use cases hash through. Production uses argon2id; tests may
 * pass cheaper parameters or wrap it to count calls, but always through this interface.
 */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** False for a wrong password AND for a malformed stored hash: never throws on bad input. */
  verify(password: string, encoded: string): Promise<boolean>;
  /** True when `encoded` was made with weaker parameters than the current ones. */
  needsRehash(encoded: string): boolean;
  /** A valid hash of a random secret, at the current parameters: verified for unknown users so they take as long as known ones. */
  readonly dummyHash: string;
}

export interface Argon2idParameters {
  /** KiB */
  memory: number;
  passes: number;
  parallelism: number;
  tagLength: number;
}

/** OWASP Password Storage Cheat Sheet: argon2id, m=19 MiB, t=2, p=1 (about 50 ms on our 2-core machine). */
export const OWASP_ARGON2ID: Argon2idParameters = { memory: 19_456, passes: 2, parallelism: 1, tagLength: 32 };

const SALT_BYTES = 16;
const ARGON2_VERSION = 19;

/**
 * Unicode normalisation before hashing, so "é" typed as one code point or as e + accent is the
 * same password (NIST SP 800-63B §5.1.1.2). Fixed forever once hashes exist.
 */
export function normalisePassword(password: string): string {
  return password.normalize('NFKC');
}

function deriveKey(password: string, salt: Buffer, parameters: Argon2idParameters): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    argon2(
      'argon2id',
      { message: Buffer.from(normalisePassword(password), 'utf8'), nonce: salt, ...parameters },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

interface DecodedHash {
  parameters: Argon2idParameters;
  salt: Buffer;
  tag: Buffer;
}

// PHC string format: $argon2id$v=19$m=19456,t=2,p=1$<salt b64>$<hash b64>, base64 without padding.
const PHC_PATTERN = /^\$argon2id\$v=(\d+)\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

export function encodeArgon2idHash(parameters: Argon2idParameters, salt: Buffer, tag: Buffer): string {
  const b64 = (buffer: Buffer) => buffer.toString('base64').replace(/=+$/, '');
  return `$argon2id$v=${ARGON2_VERSION}$m=${parameters.memory},t=${parameters.passes},p=${parameters.parallelism}$${b64(salt)}$${b64(tag)}`;
}

export function decodeArgon2idHash(encoded: string): DecodedHash | null {
  const match = PHC_PATTERN.exec(encoded);
  if (!match || Number(match[1]) !== ARGON2_VERSION) return null;
  const salt = Buffer.from(match[5] ?? '', 'base64');
  const tag = Buffer.from(match[6] ?? '', 'base64');
  if (salt.length < 8 || tag.length < 16) return null;
  return {
    parameters: { memory: Number(match[2]), passes: Number(match[3]), parallelism: Number(match[4]), tagLength: tag.length },
    salt,
    tag,
  };
}

export function createArgon2idHasher(parameters: Argon2idParameters = OWASP_ARGON2ID): PasswordHasher {
  // Fixed bytes are fine here: the dummy only has to cost the same to verify, it never matches.
  const dummyHash = encodeArgon2idHash(parameters, Buffer.alloc(SALT_BYTES, 0x5a), Buffer.alloc(parameters.tagLength, 0xa5));
  return {
    dummyHash,
    async hash(password) {
      const salt = randomBytes(SALT_BYTES);
      return encodeArgon2idHash(parameters, salt, await deriveKey(password, salt, parameters));
    },
    async verify(password, encoded) {
      const decoded = decodeArgon2idHash(encoded);
      if (!decoded) {
        // Still spend the time: a malformed row must not be distinguishable by speed.
        await deriveKey(password, Buffer.alloc(SALT_BYTES), parameters);
        return false;
      }
      const key = await deriveKey(password, decoded.salt, decoded.parameters);
      return key.length === decoded.tag.length && timingSafeEqual(key, decoded.tag);
    },
    needsRehash(encoded) {
      const decoded = decodeArgon2idHash(encoded);
      if (!decoded) return true;
      const current = decoded.parameters;
      return (
        current.memory < parameters.memory ||
        current.passes < parameters.passes ||
        current.parallelism !== parameters.parallelism ||
        current.tagLength < parameters.tagLength
      );
    },
  };
}
