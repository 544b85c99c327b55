import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayUnique, IsArray, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUrl, Length, MaxLength, Min, MinLength, ValidateNested,
} from 'class-validator';
import { IsNafCode, IsSiren, IsSiret } from '../common/french-identifiers';
import { CATEGORIES, Category, MembershipStatus, THEMES, Theme } from '../vocabulary';
import { Principal } from '../common/principal';
import { defineRpc } from './rpc-definition';

export const NAF_NOMENCLATURES = ['NAF2008', 'NAF2025'] as const;
export type NafNomenclature = (typeof NAF_NOMENCLATURES)[number];

export class Establishment {
  @ApiProperty({ example: '73282932000074' }) @IsSiret() siret!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(120) city?: string;
}

export class RegisterCompany {
  @ApiProperty({ example: 'Boîtiers du Doubs' }) @IsString() @Length(2, 120) name!: string;
  @ApiProperty({ example: '732829320' }) @IsSiren() siren!: string;
  @ApiProperty({ enum: CATEGORIES }) @IsIn(CATEGORIES) category!: Category;
  @ApiProperty({ enum: THEMES, isArray: true }) @IsArray() @ArrayUnique() @IsIn(THEMES, { each: true }) capabilities!: Theme[];
  @ApiProperty({ example: 'Bourgogne-Franche-Comté' }) @IsString() @Length(2, 80) region!: string;
  @ApiPropertyOptional({ example: 'Morteau' }) @IsOptional() @IsString() @MaxLength(120) city?: string;
  @ApiPropertyOptional({ minimum: 0 }) @IsOptional() @IsInt() @Min(0) headcount?: number;
  @ApiPropertyOptional({ minimum: 0 }) @IsOptional() @IsInt() @Min(0) annualRevenueEur?: number;
  @ApiPropertyOptional() @IsOptional() @IsUrl({ require_protocol: true }) website?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) description?: string;
  @ApiPropertyOptional({ example: '26.52Z' }) @IsOptional() @IsNafCode() nafCode?: string;
  @ApiPropertyOptional({ enum: NAF_NOMENCLATURES, default: 'NAF2008' }) @IsOptional() @IsIn(NAF_NOMENCLATURES) nafNomenclature?: NafNomenclature;
  @ApiPropertyOptional({ type: [Establishment] }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => Establishment) establishments?: Establishment[];
}

export class CompanyRef {
  @IsString() @Length(1, 64) companyId!: string;
}

export class Credentials {
  @ApiProperty({ example: 'admin@grappes.test' }) @IsEmail() email!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) password!: string;
}

/** A profile as the caller may see it: `annualRevenueEur` only for federation staff and the company itself. */
export interface CompanyView {
  id: string;
  name: string;
  siren: string;
  category: Category;
  capabilities: Theme[];
  region: string;
  city?: string;
  headcount?: number;
  annualRevenueEur?: number;
  website?: string;
  description?: string;
  nafCode?: string;
  nafNomenclature?: NafNomenclature;
  establishments: Establishment[];
  status: MembershipStatus;
  createdAt: string;
  updatedAt: string;
}

export const MEMBERS_RPC = {
  registerCompany: defineRpc<RegisterCompany, CompanyView>('members', 'register-company', RegisterCompany),
  getCompany: defineRpc<CompanyRef, CompanyView>('members', 'get-company', CompanyRef),
  verifyCredentials: defineRpc<Credentials, Principal>('members', 'verify-credentials', Credentials),
};
