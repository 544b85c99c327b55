import { Type } from 'class-transformer';
import { IsArray, IsDateString, IsEmail, IsIn, IsInt, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { REGISTRATION_STATUSES, RegistrationStatus } from '../rpc/registrations.rpc';
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
  /** The iCalendar SEQUENCE of the workshop's entry (absent on events written before it existed). */
  @IsOptional() @IsInt() @Min(0) sequence?: number;
}

/** An attendee as the registration events name them. */
export class Attendee {
  @IsString() registrationId!: string;
  @IsEmail() attendeeEmail!: string;
  @IsString() companyId!: string;
}

/** A change to one registration, with what a consumer needs to tell the attendee. */
export class RegistrationFact extends VersionedData {
  @IsString() registrationId!: string;
  @IsString() workshopId!: string;
  @IsString() workshopTitle!: string;
  @IsOptional() @IsString() clusterId?: string;
  @IsDateString() startsAt!: string;
  @IsEmail() attendeeEmail!: string;
  @IsString() companyId!: string;
  @IsIn(REGISTRATION_STATUSES) status!: RegistrationStatus;
  /** On the waitlist: 1 is the next to be promoted. */
  @IsOptional() @IsInt() @Min(1) position?: number;
}

export const CANCELLATION_REASONS = ['attendee', 'company-left-cluster', 'company-deactivated'] as const;
export type CancellationReason = (typeof CANCELLATION_REASONS)[number];

export class RegistrationCancelled extends RegistrationFact {
  @IsIn(CANCELLATION_REASONS) reason!: CancellationReason;
}

export class WorkshopCancelled extends WorkshopSnapshot {
  /** The registrations the cancellation ended, so that every attendee can be told. */
  @IsArray() @ValidateNested({ each: true }) @Type(() => Attendee) attendees!: Attendee[];
}

export class AttendanceRecorded extends VersionedData {
  @IsString() workshopId!: string;
  @IsString() workshopTitle!: string;
  @IsOptional() @IsString() clusterId?: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => Attendee) attendees!: Attendee[];
}

export const WORKSHOPS_EVENTS = {
  workshopScheduled: defineEvent('workshops', 'workshop-scheduled', WorkshopSnapshot),
  workshopRescheduled: defineEvent('workshops', 'workshop-rescheduled', WorkshopSnapshot),
  workshopCancelled: defineEvent('workshops', 'workshop-cancelled', WorkshopCancelled),
  registrationConfirmed: defineEvent('workshops', 'registration-confirmed', RegistrationFact),
  registrationWaitlisted: defineEvent('workshops', 'registration-waitlisted', RegistrationFact),
  registrationCancelled: defineEvent('workshops', 'registration-cancelled', RegistrationCancelled),
  waitlistPromoted: defineEvent('workshops', 'waitlist-promoted', RegistrationFact),
  attendanceRecorded: defineEvent('workshops', 'attendance-recorded', AttendanceRecorded),
};
