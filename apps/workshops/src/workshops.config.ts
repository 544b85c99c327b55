import { ServiceConfig } from '@grappes/platform';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, Max, Min } from 'class-validator';

export class WorkshopsConfig extends ServiceConfig {
  @Type(() => Number) @IsInt() @Min(1) @Max(65535)
  override PORT = 3003;

  /** The ORGANIZER of the workshops' calendar entries (RFC 5546 asks for one with METHOD:REQUEST). */
  @IsEmail()
  CALENDAR_ORGANIZER_EMAIL = 'ateliers@grappes.example';
}
