import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** What every app reads from the environment; defaults are the local ones of `npm start`. */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Matches(/^(nats|tls):\/\/[^\s,]+(,(nats|tls):\/\/[^\s,]+)*$/, { message: 'NATS_URL must be one or more nats:// URLs, comma-separated' })
  NATS_URL = 'nats://127.0.0.1:4222';

  /**
   * Isolates this platform's streams, subjects and buckets on a shared nats-server
   * (each e2e test file takes its own; see `inNamespace` in libs/messaging).
   * Unset in production: the names are then the plain ones.
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'NATS_NAMESPACE must be 1 to 32 letters, digits, - or _' })
  NATS_NAMESPACE?: string;

  @IsString()
  HOST = '127.0.0.1';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT!: number;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  @Type(() => Number)
  @IsInt()
  @Min(100)
  RPC_TIMEOUT_MS = 5_000;

  /**
   * Signs the caller's identity on every NATS request; the same in the gateway
   * and every service. Required in production; a fixed development one otherwise.
   */
  @ValidateIf((c: AppConfig) => c.NODE_ENV === 'production' || c.PRINCIPAL_SIGNING_SECRET !== undefined)
  @IsString()
  @MinLength(32, { message: 'PRINCIPAL_SIGNING_SECRET must be at least 32 characters' })
  PRINCIPAL_SIGNING_SECRET?: string;

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }
}

/** A service that owns a database and relays its events. */
export class ServiceConfig extends AppConfig {
  @Matches(/^mongodb(\+srv)?:\/\/\S+$/, { message: 'MONGODB_URI must be a mongodb:// URI' })
  MONGODB_URI = 'mongodb://127.0.0.1:27017';

  /** Defaults to `grappes-<service>`. */
  @IsOptional()
  @Matches(/^[a-zA-Z0-9_-]{1,63}$/, { message: 'MONGODB_DB must be a database name' })
  MONGODB_DB?: string;

  /** Connections this instance keeps to the database (the driver's maxPoolSize). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  MONGODB_POOL_SIZE = 20;

  /**
   * How long a database operation waits for a reachable server (or, disconnected,
   * in mongoose's buffer) before it fails: a request then answers 503 at once,
   * before the caller's RPC_TIMEOUT_MS, instead of 504 after it.
   */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  MONGODB_TIMEOUT_MS = 2_000;

  @Type(() => Number)
  @IsInt()
  @Min(10)
  OUTBOX_SWEEP_MS = 1_000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  EVENT_MAX_ATTEMPTS = 5;
}
