import { IsDateString, IsIn, IsInt, IsOptional, IsString, Min } from 'class-validator';
import { THEMES, Theme } from '../vocabulary';
import { defineEvent } from './event-definition';
import { VersionedData } from './members.events';

export class WorkshopSnapshot extends VersionedData {
  @IsString() workshopId!: string;
  @IsString() title!: string;
  @IsIn(THEMES) theme!: Theme;
  @IsOptional() @IsString() clusterId?: string;
  @IsOptional() @IsString() clusterName?: string;
  @IsDateString() startsAt!: string;
  @IsDateString() endsAt!: string;
  @IsString() location!: string;
  @IsInt() @Min(1) capacity!: number;
}

export const WORKSHOPS_EVENTS = {
  workshopScheduled: defineEvent('workshops', 'workshop-scheduled', WorkshopSnapshot),
};
