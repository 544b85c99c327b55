import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import {
  CompanyQuery, CompanyView, DomainError, ERRORS, EventDefinition, MEMBERS_EVENTS, MembershipStatus, Page, Principal, RegisterCompany,
  UpdateCompany, CompanySnapshot, Theme, assertActsForCompany, assertFederationAdmin, pageOf,
} from '@grappes/contracts';
import { createEvent, isDuplicateKey, withEvents } from '@grappes/messaging';
import { Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { Company, CompanyDocument } from './company.schema';
import { nameIndex, nameMatches } from './company-text';
import { toCompanySnapshot, toCompanyView } from './company.view';
import { EstablishmentSirets } from './establishment-sirets';

/** As much of an active company as suggesting partners needs. */
export type CompanyProfile = Pick<CompanyDocument, '_id' | 'name' | 'category' | 'capabilities' | 'region'>;

@Injectable()
export class CompaniesService {
  constructor(
    @InjectModel(Company.name) private readonly companies: Model<CompanyDocument>,
    private readonly establishments: EstablishmentSirets,
  ) {}

  async register(input: RegisterCompany, principal: Principal): Promise<CompanyView> {
    assertFederationAdmin(principal);
    const draft = new this.companies({
      ...input,
      _id: randomUUID(),
      nafNomenclature: input.nafCode ? (input.nafNomenclature ?? 'NAF2008') : undefined,
      ...nameIndex(input.name),
      status: 'active',
      version: 1,
    });
    draft.pendingEvents = [this.event(MEMBERS_EVENTS.companyRegistered, draft, 1)];
    const sirets = (input.establishments ?? []).map((e) => e.siret);
    // A second registration of a company is told so (409 SIREN), not that its establishments are taken; the unique index settles races.
    if (await this.companies.exists({ siren: input.siren })) throw sirenTaken(input.siren);
    const claimed = await this.establishments.claim(draft._id, sirets);
    try {
      this.establishments.checkBelongs(input.siren, input.establishments ?? []);
      return toCompanyView(await draft.save(), principal);
    } catch (error) {
      await this.establishments.release(draft._id, claimed);
      if (isDuplicateKey(error)) throw sirenTaken(input.siren);
      throw error;
    }
  }

  async get(companyId: string, principal: Principal): Promise<CompanyView> {
    return toCompanyView(await this.find(companyId), principal);
  }

  /** The directory: members still in the federation, by name, capability, category and region. */
  async list(query: CompanyQuery, principal: Principal): Promise<Page<CompanyView>> {
    const { page, limit, skip } = pageOf(query);
    const words = query.q ? nameMatches(query.q) : [];
    const filter = {
      status: { $ne: 'left' as const },
      ...(words.length ? { $and: words } : {}),
      ...(query.capability ? { capabilities: query.capability } : {}),
      ...(query.category ? { category: query.category } : {}),
      ...(query.region ? { region: query.region } : {}),
    };
    const [companies, total] = await Promise.all([
      this.companies.find(filter).sort({ sortName: 1, _id: 1 }).skip(skip).limit(limit).lean<CompanyDocument[]>(),
      this.companies.countDocuments(filter),
    ]);
    return { items: companies.map((c) => toCompanyView(c, principal)), total, page, limit };
  }

  async update(companyId: string, changes: UpdateCompany, principal: Principal): Promise<CompanyView> {
    assertActsForCompany(principal, companyId, true);
    const current = await this.find(companyId);
    if (current.status === 'left') throw new DomainError(ERRORS.COMPANY_NOT_ACTIVE, `${current.name} has left the federation`);
    const given = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as UpdateCompany;
    if (Object.keys(given).length === 0) return toCompanyView(current, principal);
    const set: Partial<Company> = { ...given, ...(given.name ? nameIndex(given.name) : {}) };
    if (!given.establishments) return this.change(current, set, [MEMBERS_EVENTS.companyUpdated], principal);
    const [before, after] = [current.establishments.map((e) => e.siret), given.establishments.map((e) => e.siret)];
    // Claimed before the write, given back after it: a SIRET is never held by no one while the company still lists it.
    const claimed = await this.establishments.claim(companyId, after);
    try {
      this.establishments.checkBelongs(current.siren, given.establishments);
      const view = await this.change(current, set, [MEMBERS_EVENTS.companyUpdated], principal);
      await this.establishments.release(companyId, before.filter((siret) => !after.includes(siret)));
      return view;
    } catch (error) {
      await this.establishments.release(companyId, claimed);
      throw error;
    }
  }

  /** The company leaves the federation; the other services take it out of clusters and workshops. */
  async deactivate(companyId: string, principal: Principal): Promise<CompanyView> {
    assertFederationAdmin(principal);
    const current = await this.find(companyId);
    if (current.status === 'left') return toCompanyView(current, principal);
    return this.change(current, { status: 'left' }, [MEMBERS_EVENTS.companyDeactivated], principal);
  }

  /** Membership on hold: the company stays in the directory but may not join clusters. */
  async suspend(companyId: string, principal: Principal): Promise<CompanyView> {
    return this.moveStatus(companyId, 'active', 'suspended', MEMBERS_EVENTS.companySuspended, principal);
  }

  async reactivate(companyId: string, principal: Principal): Promise<CompanyView> {
    return this.moveStatus(companyId, 'suspended', 'active', MEMBERS_EVENTS.companyReactivated, principal);
  }

  async find(companyId: string): Promise<CompanyDocument> {
    const company = await this.companies.findById(companyId).lean<CompanyDocument>();
    if (!company) throw new DomainError(ERRORS.COMPANY_NOT_FOUND, `No company ${companyId}`);
    return company;
  }

  /** What the sector figures count of every company still in the federation. */
  membersForFigures(): Promise<Pick<CompanyDocument, 'category' | 'region' | 'headcount' | 'annualRevenueEur'>[]> {
    return this.companies.find({ status: { $ne: 'left' } }, { category: 1, region: 1, headcount: 1, annualRevenueEur: 1 }).lean<CompanyDocument[]>();
  }

  /** The active companies, as much of them as suggesting partners needs. */
  activeProfiles(): Promise<CompanyProfile[]> {
    return this.profilesWhere({});
  }

  /** The active companies capable in any of these themes, but for some. */
  activeProfilesCapableIn(themes: Theme[], exceptCompanyIds: string[]): Promise<CompanyProfile[]> {
    return this.profilesWhere({ capabilities: { $in: themes }, _id: { $nin: exceptCompanyIds } });
  }

  /** Those of these companies that are active. */
  activeProfilesOf(companyIds: string[]): Promise<CompanyProfile[]> {
    return this.profilesWhere({ _id: { $in: companyIds } });
  }

  private profilesWhere(filter: Record<string, unknown>): Promise<CompanyProfile[]> {
    return this.companies.find({ ...filter, status: 'active' }, { name: 1, category: 1, capabilities: 1, region: 1 }).lean<CompanyProfile[]>();
  }

  /**
   * The named fact (`company-suspended`, `company-reactivated`) goes out beside
   * `company-updated`, which the projections of the status already follow.
   */
  private async moveStatus(
    companyId: string,
    from: MembershipStatus,
    to: MembershipStatus,
    fact: EventDefinition<CompanySnapshot>,
    principal: Principal,
  ): Promise<CompanyView> {
    assertFederationAdmin(principal);
    const current = await this.find(companyId);
    if (current.status === to) return toCompanyView(current, principal);
    if (current.status !== from) throw new DomainError(ERRORS.COMPANY_NOT_ACTIVE, `${current.name} is ${current.status}, not ${from}`);
    return this.change(current, { status: to }, [MEMBERS_EVENTS.companyUpdated, fact], principal);
  }

  /** Applies a change with its event in one write, refused if someone else changed the company meanwhile. */
  private async change(
    current: CompanyDocument,
    set: Partial<Company>,
    defs: EventDefinition<CompanySnapshot>[],
    principal: Principal,
  ): Promise<CompanyView> {
    const version = current.version + 1;
    const next = { ...current, ...set } as CompanyDocument;
    const events = defs.map((def) => this.event(def, next, version));
    const updated = await this.companies
      .findOneAndUpdate({ _id: current._id, version: current.version }, withEvents(set, events), { returnDocument: 'after' })
      .lean<CompanyDocument>();
    if (!updated) throw new DomainError(ERRORS.CONCURRENT_CHANGE, `${current.name} changed meanwhile; reload and try again`);
    return toCompanyView(updated, principal);
  }

  private event(def: EventDefinition<CompanySnapshot>, company: CompanyDocument, version: number) {
    return createEvent(def, { subject: `companies/${company._id}`, version }, toCompanySnapshot(company, version));
  }
}

const sirenTaken = (siren: string) => new DomainError(ERRORS.COMPANY_SIREN_TAKEN, `SIREN ${siren} is registered already`);
