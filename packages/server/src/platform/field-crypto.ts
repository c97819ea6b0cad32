/**
 * Encryption of personal data at rest (身份证号, 手机号): SM4-CBC with HMAC-SM3 (encrypt-then-MAC), and a
 * keyed HMAC-SM3 hash ("blind index") of the normalized value for uniqueness and exact search, as GB/T
 * 39786-2021 asks for important data and datastd §5.3 maps to our stack. Node's OpenSSL 3 provides SM4 and
 * SM3; a software key is not a certified crypto module, so production deployments that need 密评 should
 * move the key into a 密码机/KMS (README, "个人信息保护").
 *
 * One 32-byte master key; three sub-keys derived with HKDF-SM3 so the cipher, MAC and index keys differ.
 * Ciphertext format: `v1.` + base64(iv ‖ ciphertext ‖ mac), mac over "v1" ‖ iv ‖ ciphertext.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { ConfigError } from './config.js';
import type { Db } from './db.js';
import { appMeta } from './schema.js';

const VERSION = 'v1';
const IV_BYTES = 16;
const MAC_BYTES = 32;
export const FIELD_KEY_BYTES = 32;
export const FIELD_KEY_FILE = 'field-encryption.key';

export interface FieldCrypto {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  /** Keyed hash of an already-normalized value; equal inputs give equal hashes, nothing else is revealed. */
  blindIndex(normalized: string): string;
  /** A value that identifies the key without revealing it (stored once, checked on every start). */
  keyCheck(): string;
}

function subKey(master: Buffer, label: string, bytes: number): Buffer {
  return Buffer.from(hkdfSync('sm3', master, Buffer.alloc(0), `dangjian field ${label}`, bytes));
}

export function createFieldCrypto(master: Buffer): FieldCrypto {
  if (master.length !== FIELD_KEY_BYTES) throw new ConfigError(`字段加密密钥应为 ${FIELD_KEY_BYTES} 字节，实际 ${master.length} 字节`);
  const encKey = subKey(master, 'sm4', 16);
  const macKey = subKey(master, 'mac', 32);
  const indexKey = subKey(master, 'index', 32);
  const mac = (iv: Buffer, body: Buffer) => createHmac('sm3', macKey).update(VERSION).update(iv).update(body).digest();
  return {
    encrypt(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('sm4-cbc', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${VERSION}.${Buffer.concat([iv, body, mac(iv, body)]).toString('base64')}`;
    },
    decrypt(stored) {
      const [version, payload] = stored.split('.', 2);
      if (version !== VERSION || !payload) throw new Error('unknown ciphertext format');
      const raw = Buffer.from(payload, 'base64');
      const iv = raw.subarray(0, IV_BYTES);
      const body = raw.subarray(IV_BYTES, raw.length - MAC_BYTES);
      const tag = raw.subarray(raw.length - MAC_BYTES);
      if (tag.length !== MAC_BYTES || !timingSafeEqual(tag, mac(iv, body))) throw new Error('ciphertext failed its integrity check (wrong key or tampered data)');
      const decipher = createDecipheriv('sm4-cbc', encKey, iv);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    },
    blindIndex(normalized) {
      return createHmac('sm3', indexKey).update(normalized).digest('hex');
    },
    keyCheck() {
      return createHmac('sm3', indexKey).update('dangjian key check').digest('hex').slice(0, 16);
    },
  };
}

function parseKey(raw: string, origin: string): Buffer {
  const text = raw.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== FIELD_KEY_BYTES) throw new ConfigError(`${origin} 应为 ${FIELD_KEY_BYTES} 字节密钥（64 位十六进制或 base64）`);
  return key;
}

/**
 * The master key: FIELD_ENCRYPTION_KEY (hex or base64), else `<dataDir>/field-encryption.key`. The embedded
 * database generates that file on first start; with DATABASE_URL a missing key is a configuration error,
 * because a key generated on one app server would leave the others unable to read the data.
 */
export function loadFieldKey(options: { envKey: string | undefined; dataDir: string; embedded: boolean }): Buffer {
  if (options.envKey?.trim()) return parseKey(options.envKey, 'FIELD_ENCRYPTION_KEY');
  const file = path.join(options.dataDir, FIELD_KEY_FILE);
  if (existsSync(file)) return parseKey(readFileSync(file, 'utf8'), file);
  if (!options.embedded) {
    throw new ConfigError('使用 DATABASE_URL 时须通过 FIELD_ENCRYPTION_KEY 提供字段加密密钥（32 字节，64 位十六进制），见 README“个人信息保护”');
  }
  const key = randomBytes(FIELD_KEY_BYTES);
  mkdirSync(options.dataDir, { recursive: true });
  writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return key;
}

/**
 * Records the key's check value on first use and refuses to start with a different key: data encrypted
 * under one key is unreadable under another, so a wrong key must fail loudly rather than corrupt records.
 */
export async function verifyFieldKey(db: Db, crypto: FieldCrypto): Promise<void> {
  const check = crypto.keyCheck();
  const [row] = await db.select({ value: appMeta.value }).from(appMeta).where(eq(appMeta.key, 'field_key_check'));
  if (!row) {
    await db.insert(appMeta).values({ key: 'field_key_check', value: check }).onConflictDoNothing();
    return;
  }
  if (row.value !== check) throw new ConfigError('字段加密密钥与数据库中已加密数据所用的密钥不一致（FIELD_ENCRYPTION_KEY 或数据目录中的 field-encryption.key 被更换）');
}
