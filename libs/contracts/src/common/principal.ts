import { IsArray, IsEmail, IsIn, IsOptional, IsString } from 'class-validator';
import { DomainError, ERRORS } from '../errors';
import { ROLES, Role } from '../vocabulary';

/** Who is calling: travels in a header with every request a service receives. */
export class Principal {
  @IsString()
  id!: string;

  @IsEmail()
  email!: string;

  @IsOptional()
  @IsString()
  companyId?: string;

  @IsArray()
  @IsIn(ROLES, { each: true })
  roles!: Role[];
}

export function isFederationAdmin(principal: Principal): boolean {
  return principal.roles.includes('federation-admin');
}

export function belongsToCompany(principal: Principal, companyId: string): boolean {
  return principal.companyId === companyId;
}

/** A cluster's coordinator: a company-admin of the coordinating company (its plain members are not). */
export function isCoordinator(principal: Principal, coordinatorCompanyId: string | null | undefined): boolean {
  return !!coordinatorCompanyId && principal.companyId === coordinatorCompanyId && principal.roles.includes('company-admin');
}

/** Refuses with 403 unless the caller is federation staff. */
export function assertFederationAdmin(principal: Principal): void {
  if (!isFederationAdmin(principal)) throw new DomainError(ERRORS.FORBIDDEN, 'Only federation staff may do this');
}

/** Federation staff, or a person of the given company (its admins only when `adminOnly`). */
export function assertActsForCompany(principal: Principal, companyId: string, adminOnly = false): void {
  if (isFederationAdmin(principal)) return;
  const ownCompany = belongsToCompany(principal, companyId);
  if (ownCompany && (!adminOnly || principal.roles.includes('company-admin'))) return;
  throw new DomainError(ERRORS.FORBIDDEN, 'You may not act for this company');
}
