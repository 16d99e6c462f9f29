/** Password hashing with argon2id at OWASP's minimum (19 MiB, t=2, p=1), in WASM so it runs on any host. */
import { argon2id, argon2Verify } from "hash-wasm";

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export async function hashPassword(password: string): Promise<string> {
  return await argon2id({
    password: password.normalize("NFKC"),
    salt: crypto.getRandomValues(new Uint8Array(16)),
    parallelism: 1,
    iterations: 2,
    memorySize: 19456,
    hashLength: 32,
    outputType: "encoded",
  });
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  return await argon2Verify({ password: password.normalize("NFKC"), hash });
}

/** A hash of a random password, verified against when the account does not exist so timing does not tell. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  return dummy ??= hashPassword(crypto.randomUUID());
}
