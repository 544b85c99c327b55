import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { Page, PageQuery } from '../common/page';
import { IsAfter, IsInFuture } from '../common/time-rules';
import { THEMES, Theme } from '../vocabulary';
import { defineRpc } from './rpc-definition';

export class ScheduleWorkshop {
  @ApiProperty({ example: 'Atelier boîtiers : usinage des carrures' }) @IsString() @Length(2, 160) title!: string;
  @ApiProperty({ enum: THEMES }) @IsIn(THEMES) theme!: Theme;
  @ApiPropertyOptional({ description: 'only members of this cluster may register' }) @IsOptional() @IsString() @Length(1, 64) clusterId?: string;
  @ApiProperty({ example: '2027-03-04T09:30:00+01:00', description: 'ISO 8601 with offset (Europe/Paris)' })
  @Type(() => Date) @IsDate() @IsInFuture() startsAt!: Date;
  @ApiProperty({ example: '2027-03-04T12:30:00+01:00' }) @Type(() => Date) @IsDate() @IsAfter('startsAt') endsAt!: Date;
  @ApiProperty({ example: 'Lycée Edgar Faure, Morteau — or an online link' }) @IsString() @Length(2, 300) location!: string;
  @ApiProperty({ minimum: 1, maximum: 10000 }) @IsInt() @Min(1) @Max(10000) capacity!: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) description?: string;
}

export class WorkshopQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) clusterId?: string;
  @ApiPropertyOptional({ enum: THEMES }) @IsOptional() @IsIn(THEMES) theme?: Theme;
  @ApiPropertyOptional({ description: 'workshops starting at or after' }) @IsOptional() @Type(() => Date) @IsDate() from?: Date;
  @ApiPropertyOptional({ description: 'workshops starting before' }) @IsOptional() @Type(() => Date) @IsDate() to?: Date;
}

export class WorkshopRef {
  @IsString() @Length(1, 64) workshopId!: string;
}

export interface WorkshopView {
  id: string;
  title: string;
  theme: Theme;
  clusterId?: string;
  startsAt: string;
  endsAt: string;
  location: string;
  capacity: number;
  description?: string;
  status: 'scheduled' | 'cancelled';
  seats: { capacity: number; confirmed: number; waitlisted: number };
}

export const WORKSHOPS_RPC = {
  scheduleWorkshop: defineRpc<ScheduleWorkshop, WorkshopView>('workshops', 'schedule-workshop', ScheduleWorkshop),
  listWorkshops: defineRpc<WorkshopQuery, Page<WorkshopView>>('workshops', 'list-workshops', WorkshopQuery),
  getWorkshop: defineRpc<WorkshopRef, WorkshopView>('workshops', 'get-workshop', WorkshopRef),
};
