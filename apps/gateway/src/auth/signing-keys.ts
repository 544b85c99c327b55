import { JwtModuleOptions, JwtSecretRequestType } from '@nestjs/jwt';
import { DomainError, ERRORS } from '@grappes/contracts';
import { KeyObject, createHash, createSecretKey } from 'node:crypto';

interface SigningKey {
  kid: string;
  key: KeyObject;
}

/**
 * The keys of access tokens: the current one signs, and tokens signed with the
 * previous one still verify, so that the secret can be rotated without signing
 * anyone out (set JWT_PREVIOUS_SECRET to the old secret for one token lifetime).
 * A token names its key in its `kid` header. Keys are KeyObjects made once:
 * given a string, jsonwebtoken tries (and fails) to parse it as a public key on
 * every verification, a large share of the gateway's time per request.
 */
export class SigningKeys {
  private readonly current: SigningKey;
  private readonly byKid: Map<string, KeyObject>;

  constructor(currentSecret: string, previousSecret?: string) {
    this.current = signingKey(currentSecret);
    const keys = [this.current, ...(previousSecret ? [signingKey(previousSecret)] : [])];
    this.byKid = new Map(keys.map(({ kid, key }) => [kid, key]));
  }

  get currentKid(): string {
    return this.current.kid;
  }

  /** The key of a token by its `kid`; a token of another key (or none) is refused as invalid. */
  keyOf(token: string): KeyObject {
    const key = this.byKid.get(kidOf(token) ?? '');
    if (!key) throw new DomainError(ERRORS.UNAUTHENTICATED, 'The token is invalid or expired');
    return key;
  }

  /** What JwtModule needs to sign with the current key and verify with any known one. */
  jwtOptions(): JwtModuleOptions {
    return {
      secretOrKeyProvider: (type, tokenOrPayload) =>
        type === JwtSecretRequestType.SIGN ? this.current.key : this.keyOf(String(tokenOrPayload)),
      signOptions: { algorithm: 'HS256', keyid: this.current.kid },
      verifyOptions: { algorithms: ['HS256'] },
    };
  }
}

/** The key id says which secret signed, without revealing anything of it. */
function signingKey(secret: string): SigningKey {
  return { kid: createHash('sha256').update(secret).digest('hex').slice(0, 16), key: createSecretKey(Buffer.from(secret)) };
}

function kidOf(token: string): string | undefined {
  try {
    const header = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8'));
    return typeof header?.kid === 'string' ? header.kid : undefined;
  } catch {
    return undefined;
  }
}
