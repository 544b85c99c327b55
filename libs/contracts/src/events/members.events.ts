import { IsArray, IsEmail, IsIn, IsInt, IsOptional, IsString, Min } from 'class-validator';
import { CATEGORIES, Category, LOCALES, Locale, MEMBERSHIP_STATUSES, MembershipStatus, ROLES, Role, THEMES, Theme } from '../vocabulary';
import { defineEvent } from './event-definition';

export class VersionedData {
  @IsInt()
  @Min(1)
  version!: number;
}

/** What other services need to know of a company, sent whole on every change. */
export class CompanySnapshot extends VersionedData {
  @IsString() companyId!: string;
  @IsString() name!: string;
  @IsString() siren!: string;
  @IsIn(CATEGORIES) category!: Category;
  @IsArray() @IsIn(THEMES, { each: true }) capabilities!: Theme[];
  @IsString() region!: string;
  @IsOptional() @IsString() city?: string;
  @IsIn(MEMBERSHIP_STATUSES) status!: MembershipStatus;
}

export class PersonSnapshot extends VersionedData {
  @IsString() personId!: string;
  @IsOptional() @IsString() companyId?: string;
  @IsEmail() email!: string;
  @IsString() firstName!: string;
  @IsString() lastName!: string;
  @IsIn(ROLES) role!: Role;
  /** The language of their e-mails; French when absent (events written before it existed). */
  @IsOptional() @IsIn(LOCALES) locale?: Locale;
}

export class PersonRemoved extends VersionedData {
  @IsString() personId!: string;
  @IsOptional() @IsString() companyId?: string;
  @IsEmail() email!: string;
}

export const MEMBERS_EVENTS = {
  companyRegistered: defineEvent('members', 'company-registered', CompanySnapshot),
  companyUpdated: defineEvent('members', 'company-updated', CompanySnapshot),
  companyDeactivated: defineEvent('members', 'company-deactivated', CompanySnapshot),
  companySuspended: defineEvent('members', 'company-suspended', CompanySnapshot),
  companyReactivated: defineEvent('members', 'company-reactivated', CompanySnapshot),
  personAdded: defineEvent('members', 'person-added', PersonSnapshot),
  /** The account changed (its language): `data` is the whole person after the change. */
  personUpdated: defineEvent('members', 'person-updated', PersonSnapshot),
  personRemoved: defineEvent('members', 'person-removed', PersonRemoved),
};
