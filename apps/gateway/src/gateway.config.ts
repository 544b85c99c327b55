import { AppConfig } from '@grappes/platform';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';
import { randomBytes } from 'node:crypto';

const inProduction = (c: GatewayConfig) => c.NODE_ENV === 'production';

export class GatewayConfig extends AppConfig {
  @Type(() => Number) @IsInt() @Min(1) @Max(65535)
  override PORT = 3000;

  /** Prometheus metrics (`GET /metrics`), on HOST but apart from the public API: keep it internal. */
  @Type(() => Number) @IsInt() @Min(1) @Max(65535)
  METRICS_PORT = 9300;

  /** Signs access tokens. In development a random one is drawn at each start (tokens end with the process). */
  @ValidateIf(inProduction)
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  /** The secret before the last rotation: tokens it signed stay valid until they expire. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_PREVIOUS_SECRET must be at least 32 characters' })
  JWT_PREVIOUS_SECRET?: string;

  /** Short: a sign-in lasts through refresh tokens. At most a day: revoked access is remembered for a day (access/revoked-access.ts). */
  @Type(() => Number) @IsInt() @Min(60) @Max(86_400)
  JWT_TTL_SECONDS = 900;

  /** How long a ticket for the notifications stream (`POST /notifications/stream-ticket`) may be used to open it. */
  @Type(() => Number) @IsInt() @Min(10) @Max(3600)
  STREAM_TICKET_TTL_SECONDS = 60;

  /** The live stream sends a comment this often: proxies keep it open, and a person whose access was withdrawn is cut off. */
  @Type(() => Number) @IsInt() @Min(1) @Max(300)
  STREAM_HEARTBEAT_SECONDS = 15;

  /** The members service creates the bootstrap admin; the gateway refuses to run production without one. */
  @ValidateIf(inProduction) @IsEmail()
  ADMIN_EMAIL?: string;

  @ValidateIf(inProduction) @IsString() @MinLength(8)
  ADMIN_PASSWORD?: string;

  @Type(() => Number) @IsInt() @Min(1)
  RATE_LIMIT_PER_MINUTE = 600;

  @Type(() => Number) @IsInt() @Min(1)
  LOGIN_MAX_FAILURES = 10;

  /**
   * Which proxies in front of the gateway to believe about the client's address
   * (rate limits and login throttling count per client): `false` (none, the
   * default), `true` (any), a number of hops, or addresses and subnets
   * (`loopback`, `10.0.0.0/8`, comma-separated) as Express's `trust proxy` takes them.
   */
  @Matches(/^(true|false|\d{1,2}|[\w.:/]+(,\s*[\w.:/]+)*)$/, { message: 'TRUST_PROXY must be true, false, a number of hops, or addresses and subnets' })
  TRUST_PROXY = 'false';

  /**
   * Browser origins allowed to call the API from their pages (CORS), comma-separated
   * (`https://app.grappes.fr,https://admin.grappes.fr`); none by default.
   */
  @Matches(/^$|^https?:\/\/[\w.-]+(:\d{1,5})?(,\s*https?:\/\/[\w.-]+(:\d{1,5})?)*$/, {
    message: 'CORS_ORIGINS must be origins such as https://app.example.org, comma-separated',
  })
  CORS_ORIGINS = '';

  /** The largest JSON body taken, in kibibytes; a larger one is answered 413. */
  @Type(() => Number) @IsInt() @Min(1) @Max(10_240)
  JSON_BODY_LIMIT_KB = 100;

  /** The web app's build (dist/apps/web) to serve at `/`, beside the API; none unless given. */
  @IsOptional() @IsString() @MinLength(1)
  WEB_ROOT?: string;

  get corsOrigins(): string[] {
    return this.CORS_ORIGINS.split(',').map((origin) => origin.trim()).filter(Boolean);
  }

  /** What Express's `trust proxy` setting takes. */
  get trustProxy(): boolean | number | string {
    if (this.TRUST_PROXY === 'true' || this.TRUST_PROXY === 'false') return this.TRUST_PROXY === 'true';
    return /^\d+$/.test(this.TRUST_PROXY) ? Number(this.TRUST_PROXY) : this.TRUST_PROXY;
  }

  readonly jwtSecret: string = '';
}

export function withJwtSecret(config: GatewayConfig): GatewayConfig {
  return Object.assign(config, { jwtSecret: config.JWT_SECRET ?? randomBytes(32).toString('hex') });
}
