import { IsArray, IsEmail, IsIn, IsOptional, IsString } from 'class-validator';
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
