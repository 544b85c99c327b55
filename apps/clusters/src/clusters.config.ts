import { ServiceConfig } from '@grappes/platform';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export class ClustersConfig extends ServiceConfig {
  @Type(() => Number) @IsInt() @Min(1) @Max(65535)
  override PORT = 3002;
}
