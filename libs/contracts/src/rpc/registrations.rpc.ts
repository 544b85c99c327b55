import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEmail, IsString, Length, MaxLength } from 'class-validator';
import { Page, PageQuery } from '../common/page';
import { defineRpc } from './rpc-definition';

export const REGISTRATION_STATUSES = ['confirmed', 'waitlisted'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export class RegisterBody {
  @ApiProperty({ example: 'lea.roy@vuillemard.example' }) @IsEmail() @MaxLength(254) attendeeEmail!: string;
  @ApiProperty() @IsString() @Length(1, 64) companyId!: string;
}

export class Register extends RegisterBody {
  @IsString() @Length(1, 64) workshopId!: string;
}

export class RegistrationQuery extends PageQuery {
  @IsString() @Length(1, 64) workshopId!: string;
}

export class RegistrationRef {
  @IsString() @Length(1, 64) workshopId!: string;
  @IsString() @Length(1, 64) registrationId!: string;
}

export class RecordAttendanceBody {
  @ApiProperty({ type: [String], description: 'the confirmed registrations whose attendees came' })
  @IsArray() @ArrayMaxSize(10000) @IsString({ each: true }) @Length(1, 64, { each: true }) registrationIds!: string[];
}

export class RecordAttendance extends RecordAttendanceBody {
  @IsString() @Length(1, 64) workshopId!: string;
}

/** `position` 1 is the next waitlisted attendee to be promoted. */
export interface RegistrationOutcome {
  id: string;
  status: RegistrationStatus;
  position?: number;
}

export interface RegistrationView extends RegistrationOutcome {
  attendeeEmail: string;
  companyId: string;
  attended?: boolean;
}

export interface AttendanceOutcome {
  attended: number;
}

export interface ClusterAttendance {
  clusterId: string | null;
  workshops: number;
  attended: number;
}

export const REGISTRATIONS_RPC = {
  register: defineRpc<Register, RegistrationOutcome>('workshops', 'register', Register),
  listRegistrations: defineRpc<RegistrationQuery, Page<RegistrationView>>('workshops', 'list-registrations', RegistrationQuery),
  cancelRegistration: defineRpc<RegistrationRef, void>('workshops', 'cancel-registration', RegistrationRef),
  recordAttendance: defineRpc<RecordAttendance, AttendanceOutcome>('workshops', 'record-attendance', RecordAttendance),
};
