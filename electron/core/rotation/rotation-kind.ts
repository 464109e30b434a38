/**
 * Which rotation a secret takes. A secret Keyhive generates (a shared key such as HiveCFM's) is
 * rotated by `secret.rotate`: a new random value everywhere. A key an issuer hands out (Hogsend,
 * TokenHub, HiveForge) cannot be generated locally: its rotation creates a new key through the
 * issuer's admin API (`keys.rotate`). The one place that refuses the wrong one.
 */
import { KeyhiveError } from '../../../shared/errors.js';

/** BAD_INPUT when `secret` is an issued key (it has an issuer): `secret.rotate` cannot rotate it. */
export function assertGeneratedRotation(secret: string, issuer: string | null | undefined): void {
  if (!issuer) return;
  throw new KeyhiveError('BAD_INPUT', `"${secret}" is issued by ${issuer}: its rotation creates a key through the issuer's admin API`, {
    fix: `Rotate it as an issued key (the Keys view's Rotate, or \`keyhive keys rotate ${secret}\`).`,
  });
}
