import { Omittable } from '../common/omittable';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { Page, PageQuery } from '../common/page';
import { IsAfter, IsInFuture, IsTimeWithOffset } from '../common/time-rules';
import { THEMES, Theme } from '../vocabulary';
import { NoPayload, defineRpc } from './rpc-definition';
import type { ClusterAttendance } from './registrations.rpc';

export class ScheduleWorkshop {
  @ApiProperty({ example: 'Atelier boîtiers : usinage des carrures' }) @IsString() @Length(2, 160) title!: string;
  @ApiProperty({ enum: THEMES }) @IsIn(THEMES) theme!: Theme;
  @ApiPropertyOptional({ description: 'only members of this cluster may register' }) @Omittable() @IsString() @Length(1, 64) clusterId?: string;
  @ApiProperty({ example: '2027-03-04T09:30:00+01:00', description: 'ISO 8601 with offset (Europe/Paris)' })
  @IsTimeWithOffset() @IsInFuture() startsAt!: string;
  @ApiProperty({ example: '2027-03-04T12:30:00+01:00' }) @IsTimeWithOffset() @IsAfter('startsAt') endsAt!: string;
  @ApiProperty({ example: 'Lycée Edgar Faure, Morteau — or an online link' }) @IsString() @Length(2, 300) location!: string;
  @ApiProperty({ minimum: 1, maximum: 10000 }) @IsInt() @Min(1) @Max(10000) capacity!: number;
  @ApiPropertyOptional() @Omittable() @IsString() @MaxLength(4000) description?: string;
}

/** What a reschedule or edit may change; times are checked against the workshop's other time in the service. */
export class EditWorkshopBody {
  @ApiPropertyOptional() @Omittable() @IsString() @Length(2, 160) title?: string;
  @ApiPropertyOptional({ example: '2027-03-05T09:30:00+01:00' }) @Omittable() @IsTimeWithOffset() @IsInFuture() startsAt?: string;
  @ApiPropertyOptional({ example: '2027-03-05T12:30:00+01:00' }) @Omittable() @IsTimeWithOffset() @IsInFuture() endsAt?: string;
  @ApiPropertyOptional() @Omittable() @IsString() @Length(2, 300) location?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 10000 }) @Omittable() @IsInt() @Min(1) @Max(10000) capacity?: number;
  @ApiPropertyOptional() @Omittable() @IsString() @MaxLength(4000) description?: string;
}

export class EditWorkshop extends EditWorkshopBody {
  @IsString() @Length(1, 64) workshopId!: string;
}

export class WorkshopQuery extends PageQuery {
  @ApiPropertyOptional() @Omittable() @IsString() @Length(1, 64) clusterId?: string;
  @ApiPropertyOptional({ enum: THEMES }) @Omittable() @IsIn(THEMES) theme?: Theme;
  @ApiPropertyOptional({ description: 'workshops starting at or after (ISO 8601 with offset)' }) @Omittable() @IsTimeWithOffset() from?: string;
  @ApiPropertyOptional({ description: 'workshops starting before (ISO 8601 with offset)' }) @Omittable() @IsTimeWithOffset() to?: string;
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
  /** Raised on every change of the workshop's calendar entry (iCalendar SEQUENCE). */
  sequence: number;
}

export const WORKSHOPS_RPC = {
  scheduleWorkshop: defineRpc<ScheduleWorkshop, WorkshopView>('workshops', 'schedule-workshop', ScheduleWorkshop),
  listWorkshops: defineRpc<WorkshopQuery, Page<WorkshopView>>('workshops', 'list-workshops', WorkshopQuery),
  getWorkshop: defineRpc<WorkshopRef, WorkshopView>('workshops', 'get-workshop', WorkshopRef),
  editWorkshop: defineRpc<EditWorkshop, WorkshopView>('workshops', 'edit-workshop', EditWorkshop),
  cancelWorkshop: defineRpc<WorkshopRef, WorkshopView>('workshops', 'cancel-workshop', WorkshopRef),
  attendanceByCluster: defineRpc<NoPayload, ClusterAttendance[]>('workshops', 'attendance-by-cluster', NoPayload),
};
