import { Type } from 'class-transformer';
import { ServiceConfig } from '@grappes/platform';
import { IsEmail, IsInt, IsOptional, IsString, Max, Min, MinLength, ValidateIf } from 'class-validator';

const DEV_ADMIN = { email: 'admin@grappes.test', password: 'grappes-admin' };
const inProduction = (c: MembersConfig) => c.NODE_ENV === 'production';

export class MembersConfig extends ServiceConfig {
  @Type(() => Number) @IsInt() @Min(1) @Max(65535)
  override PORT = 3001;

  /** The bootstrap federation admin; required in production, a known default in development. */
  @ValidateIf((c: MembersConfig) => inProduction(c) || c.ADMIN_EMAIL !== undefined)
  @IsEmail()
  ADMIN_EMAIL?: string;

  @ValidateIf((c: MembersConfig) => inProduction(c) || c.ADMIN_PASSWORD !== undefined)
  @IsString()
  @MinLength(8)
  ADMIN_PASSWORD?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(20)
  PASSWORD_HASH_COST_LOG2 = 15;

  /** Password derivations at once (each 32 MiB at cost 15); a login beyond is refused with 503 at once. */
  @Type(() => Number) @IsInt() @Min(1) @Max(256)
  PASSWORD_HASH_CONCURRENCY = 8;

  /** How long a sign-in lasts at most, refreshed or not: a working day by default. */
  @Type(() => Number) @IsInt() @Min(300) @Max(7 * 24 * 3600)
  SESSION_TTL_SECONDS = 10 * 3600;

  get bootstrapAdmin(): { email: string; password: string } {
    return { email: this.ADMIN_EMAIL ?? DEV_ADMIN.email, password: this.ADMIN_PASSWORD ?? DEV_ADMIN.password };
  }
}
