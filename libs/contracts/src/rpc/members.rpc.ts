import { Omittable } from '../common/omittable';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, Matches, IsNotEmpty, IsEmail, IsIn, IsInt, IsString, IsUrl, Length, MaxLength, Min, MinLength, ValidateNested,
} from 'class-validator';
import { IsNafCode, IsSiren, IsSiret } from '../common/french-identifiers';
import { CATEGORIES, COMPANY_ROLES, Category, CompanyRole, LOCALES, Locale, MembershipStatus, Role, THEMES, Theme } from '../vocabulary';
import { Page, PageQuery } from '../common/page';

/** A name the directory can search and sort: at least one letter or digit ("::" has no words). */
const HasWord = () => Matches(/[\p{L}\p{N}]/u, { message: '$property must contain a letter or a digit' });
import { Principal } from '../common/principal';
import { NoPayload, defineRpc } from './rpc-definition';

export const NAF_NOMENCLATURES = ['NAF2008', 'NAF2025'] as const;
export type NafNomenclature = (typeof NAF_NOMENCLATURES)[number];

export class Establishment {
  @ApiProperty({ example: '73282932000074' }) @IsSiret() siret!: string;
  @ApiPropertyOptional() @Omittable() @IsString() @MaxLength(120) city?: string;
}

export class RegisterCompany {
  @ApiProperty({ example: 'Boîtiers du Doubs' }) @IsString() @Length(2, 120) @HasWord() name!: string;
  @ApiProperty({ example: '732829320' }) @IsSiren() siren!: string;
  @ApiProperty({ enum: CATEGORIES }) @IsIn(CATEGORIES) category!: Category;
  @ApiProperty({ enum: THEMES, isArray: true }) @IsArray() @ArrayUnique() @IsIn(THEMES, { each: true }) capabilities!: Theme[];
  @ApiProperty({ example: 'Bourgogne-Franche-Comté' }) @IsString() @Length(2, 80) region!: string;
  @ApiPropertyOptional({ example: 'Morteau' }) @Omittable() @IsString() @MaxLength(120) city?: string;
  @ApiPropertyOptional({ minimum: 0 }) @Omittable() @IsInt() @Min(0) headcount?: number;
  @ApiPropertyOptional({ minimum: 0 }) @Omittable() @IsInt() @Min(0) annualRevenueEur?: number;
  @ApiPropertyOptional() @Omittable() @IsUrl({ require_protocol: true }) website?: string;
  @ApiPropertyOptional() @Omittable() @IsString() @MaxLength(2000) description?: string;
  @ApiPropertyOptional({ example: '26.52Z' }) @Omittable() @IsNafCode() nafCode?: string;
  @ApiPropertyOptional({ enum: NAF_NOMENCLATURES, default: 'NAF2008' }) @Omittable() @IsIn(NAF_NOMENCLATURES) nafNomenclature?: NafNomenclature;
  @ApiPropertyOptional({ type: [Establishment] }) @Omittable() @IsArray() @ValidateNested({ each: true }) @Type(() => Establishment) establishments?: Establishment[];
}

/** What a profile update may change; the SIREN, the company's natural key, never changes. */
export class UpdateCompany {
  @ApiPropertyOptional() @Omittable() @IsString() @Length(2, 120) @HasWord() name?: string;
  @ApiPropertyOptional({ enum: CATEGORIES }) @Omittable() @IsIn(CATEGORIES) category?: Category;
  @ApiPropertyOptional({ enum: THEMES, isArray: true }) @Omittable() @IsArray() @ArrayUnique() @IsIn(THEMES, { each: true }) capabilities?: Theme[];
  @ApiPropertyOptional() @Omittable() @IsString() @Length(2, 80) region?: string;
  @ApiPropertyOptional() @Omittable() @IsString() @MaxLength(120) city?: string;
  @ApiPropertyOptional({ minimum: 0 }) @Omittable() @IsInt() @Min(0) headcount?: number;
  @ApiPropertyOptional({ minimum: 0 }) @Omittable() @IsInt() @Min(0) annualRevenueEur?: number;
  @ApiPropertyOptional() @Omittable() @IsUrl({ require_protocol: true }) website?: string;
  @ApiPropertyOptional() @Omittable() @IsString() @MaxLength(2000) description?: string;
  @ApiPropertyOptional() @Omittable() @IsNafCode() nafCode?: string;
  @ApiPropertyOptional({ enum: NAF_NOMENCLATURES }) @Omittable() @IsIn(NAF_NOMENCLATURES) nafNomenclature?: NafNomenclature;
  @ApiPropertyOptional({ type: [Establishment] }) @Omittable() @IsArray() @ValidateNested({ each: true }) @Type(() => Establishment) establishments?: Establishment[];
}

export class UpdateCompanyRequest {
  @IsString() @Length(1, 64) companyId!: string;
  @ValidateNested() @Type(() => UpdateCompany) @IsNotEmpty() changes!: UpdateCompany;
}

export class CompanyQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'words of the name, ignoring case and accents' }) @Omittable() @IsString() @MaxLength(100) q?: string;
  @ApiPropertyOptional({ enum: THEMES }) @Omittable() @IsIn(THEMES) capability?: Theme;
  @ApiPropertyOptional({ enum: CATEGORIES }) @Omittable() @IsIn(CATEGORIES) category?: Category;
  @ApiPropertyOptional() @Omittable() @IsString() @MaxLength(80) region?: string;
}

export class NewPerson {
  @ApiProperty({ example: 'claire.vuillemin@boitiers-doubs.example' }) @IsEmail() email!: string;
  @ApiProperty() @IsString() @Length(1, 80) firstName!: string;
  @ApiProperty() @IsString() @Length(1, 80) lastName!: string;
  @ApiProperty({ enum: COMPANY_ROLES }) @IsIn(COMPANY_ROLES) role!: CompanyRole;
  @ApiProperty({ minLength: 10 }) @IsString() @Length(10, 200) password!: string;
  @ApiPropertyOptional({ enum: LOCALES, default: 'fr', description: 'The language of their e-mails and of the web app' })
  @Omittable() @IsIn(LOCALES) locale?: Locale;
}

/** `PATCH /me`: the language of one's e-mails and of the web app. */
export class LocaleChoice {
  @ApiProperty({ enum: LOCALES }) @IsIn(LOCALES) locale!: Locale;
}

/** `GET /me`: the principal, and the account's language. */
export interface AccountView extends Principal {
  locale: Locale;
}

export class AddPersonRequest extends NewPerson {
  @IsString() @Length(1, 64) companyId!: string;
}

export class PersonRef {
  @IsString() @Length(1, 64) companyId!: string;
  @IsString() @Length(1, 64) personId!: string;
}

export interface PersonView {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  role: Role;
  companyId?: string;
  locale: Locale;
}

export interface FigureRow {
  key: string;
  companies: number;
  headcount: number;
  /** Only for federation staff. */
  annualRevenueEur?: number;
}

export interface SectorFigures {
  companies: number;
  headcount: number;
  annualRevenueEur?: number;
  byCategory: FigureRow[];
  byRegion: FigureRow[];
}

export interface Suggestions {
  clusters: { clusterId: string; name: string; theme: Theme; reason: string }[];
  partners: { companyId: string; name: string; category: Category; capabilities: Theme[]; region: string; reason: string }[];
}

/** The most companies matchmaking looks at in a cluster, and lists. */
export const MAX_MATCHMAKING_COMPANIES = 500;

/** Matchmaking for an idea: member companies of the federation whose capabilities fit what it needs. */
export class PartnersForNeeds {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(THEMES.length) @ArrayUnique() @IsIn(THEMES, { each: true }) neededCapabilities!: Theme[];
  /** The cluster's member companies: a suggestion says which of them it complements. */
  @IsArray() @ArrayMaxSize(MAX_MATCHMAKING_COMPANIES) @IsString({ each: true }) @Length(1, 64, { each: true }) clusterCompanyIds!: string[];
  /** Companies not to suggest (already on the idea). */
  @IsArray() @ArrayMaxSize(MAX_MATCHMAKING_COMPANIES) @IsString({ each: true }) @Length(1, 64, { each: true }) exceptCompanyIds!: string[];
}

export interface PartnerForNeeds {
  companyId: string;
  name: string;
  category: Category;
  capabilities: Theme[];
  region: string;
  /** The needed capabilities it has. */
  covers: Theme[];
  inCluster: boolean;
  /** Why, in French. */
  reason: string;
}

export class CompanyRef {
  @IsString() @Length(1, 64) companyId!: string;
}

export class Credentials {
  @ApiProperty({ example: 'admin@grappes.test' }) @IsEmail() email!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) password!: string;
}

/** A refresh token, as `POST /auth/login` and `/auth/refresh` hand it out. */
export class RefreshToken {
  @ApiProperty({ description: 'the refreshToken of the last sign-in or refresh' }) @IsString() @Length(20, 200) refreshToken!: string;
}

/** A signed-in session: its refresh token works once, and the session ends at `expiresAt` at the latest. */
export interface SessionGrant {
  refreshToken: string;
  expiresAt: string;
}

export interface RefreshedSession extends SessionGrant {
  /** As the account is now: roles and company may have changed since the last sign-in. */
  principal: Principal;
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
  /** For the caller's principal, right after its credentials were verified. */
  openSession: defineRpc<NoPayload, SessionGrant>('members', 'open-session', NoPayload),
  refreshSession: defineRpc<RefreshToken, RefreshedSession>('members', 'refresh-session', RefreshToken),
  endSession: defineRpc<RefreshToken, void>('members', 'end-session', RefreshToken),
  updateCompany: defineRpc<UpdateCompanyRequest, CompanyView>('members', 'update-company', UpdateCompanyRequest),
  deactivateCompany: defineRpc<CompanyRef, CompanyView>('members', 'deactivate-company', CompanyRef),
  suspendCompany: defineRpc<CompanyRef, CompanyView>('members', 'suspend-company', CompanyRef),
  reactivateCompany: defineRpc<CompanyRef, CompanyView>('members', 'reactivate-company', CompanyRef),
  listCompanies: defineRpc<CompanyQuery, Page<CompanyView>>('members', 'list-companies', CompanyQuery),
  addPerson: defineRpc<AddPersonRequest, PersonView>('members', 'add-person', AddPersonRequest),
  listPeople: defineRpc<CompanyRef, PersonView[]>('members', 'list-people', CompanyRef),
  removePerson: defineRpc<PersonRef, void>('members', 'remove-person', PersonRef),
  /** The caller's own account. */
  myAccount: defineRpc<NoPayload, AccountView>('members', 'my-account', NoPayload),
  chooseLocale: defineRpc<LocaleChoice, AccountView>('members', 'choose-locale', LocaleChoice),
  sectorFigures: defineRpc<NoPayload, SectorFigures>('members', 'sector-figures', NoPayload),
  suggestions: defineRpc<CompanyRef, Suggestions>('members', 'suggestions', CompanyRef),
  partnersForNeeds: defineRpc<PartnersForNeeds, PartnerForNeeds[]>('members', 'partners-for-needs', PartnersForNeeds),
};
