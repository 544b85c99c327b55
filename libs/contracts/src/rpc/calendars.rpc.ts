import { IsString, Length, Matches } from 'class-validator';
import { NoPayload, defineRpc } from './rpc-definition';
import { WorkshopRef } from './workshops.rpc';

export class ClusterCalendarRef {
  @IsString() @Length(1, 64) clusterId!: string;
}

/** The secret of a private calendar feed, as it appears in its URL. */
export class CalendarTokenRef {
  @IsString() @Matches(/^[A-Za-z0-9_-]{32,64}$/) token!: string;
}

export interface CalendarFile {
  /** RFC 5545 text. */
  ics: string;
}

export interface CalendarTokenView {
  token: string;
  /** Relative to the API's base path: `/calendar/<token>.ics`. */
  path: string;
}

export const CALENDARS_RPC = {
  workshopCalendar: defineRpc<WorkshopRef, CalendarFile>('workshops', 'workshop-calendar', WorkshopRef),
  clusterCalendar: defineRpc<ClusterCalendarRef, CalendarFile>('workshops', 'cluster-calendar', ClusterCalendarRef),
  personalCalendar: defineRpc<CalendarTokenRef, CalendarFile>('workshops', 'personal-calendar', CalendarTokenRef),
  calendarToken: defineRpc<NoPayload, CalendarTokenView>('workshops', 'calendar-token', NoPayload),
  rotateCalendarToken: defineRpc<NoPayload, CalendarTokenView>('workshops', 'rotate-calendar-token', NoPayload),
};
