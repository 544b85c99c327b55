import { ServiceConfig } from '@grappes/platform';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export class AuditConfig extends ServiceConfig {
  @Type(() => Number) @IsInt() @Min(1) @Max(65535)
  override PORT = 3005;

  /**
   * How long an entry is kept, from the moment it happened; the database then
   * removes it. A change applies to entries written after it.
   */
  @Type(() => Number) @IsInt() @Min(1) @Max(3650)
  AUDIT_RETENTION_DAYS = 400;
}
