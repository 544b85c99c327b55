import { CompanySnapshot, CompanyView, Principal, belongsToCompany, isFederationAdmin } from '@grappes/contracts';
import { CompanyDocument } from './company.schema';

/** Revenue is confidential: only federation staff and the company's own people see it. */
export function maySeeRevenue(principal: Principal, companyId: string): boolean {
  return isFederationAdmin(principal) || belongsToCompany(principal, companyId);
}

export function toCompanyView(company: CompanyDocument, principal: Principal): CompanyView {
  const view: CompanyView = {
    id: company._id,
    name: company.name,
    siren: company.siren,
    category: company.category,
    capabilities: company.capabilities,
    region: company.region,
    city: company.city,
    headcount: company.headcount,
    website: company.website,
    description: company.description,
    nafCode: company.nafCode,
    nafNomenclature: company.nafNomenclature,
    establishments: company.establishments.map(({ siret, city }) => ({ siret, city })),
    status: company.status,
    createdAt: company.createdAt.toISOString(),
    updatedAt: company.updatedAt.toISOString(),
  };
  if (maySeeRevenue(principal, company._id)) view.annualRevenueEur = company.annualRevenueEur;
  return view;
}

export function toCompanySnapshot(company: CompanyDocument, version: number): CompanySnapshot {
  return {
    companyId: company._id,
    name: company.name,
    siren: company.siren,
    category: company.category,
    capabilities: company.capabilities,
    region: company.region,
    city: company.city,
    status: company.status,
    version,
  };
}
