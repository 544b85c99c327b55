import { CompanySnapshot, CompanyView, Principal, belongsToCompany, isFederationAdmin } from '@grappes/contracts';
import { CompanyDocument } from './company.schema';

/** Revenue is confidential: only federation staff and the company's own people see it. */
export function maySeeRevenue(principal: Principal, companyId: string): boolean {
  return isFederationAdmin(principal) || belongsToCompany(principal, companyId);
}

/** What identifies a company to everyone: in its profile and in every event about it. */
function identityOf({ name, siren, category, capabilities, region, city, status }: CompanyDocument) {
  return { name, siren, category, capabilities, region, city, status };
}

export function toCompanyView(company: CompanyDocument, principal: Principal): CompanyView {
  const { headcount, website, description, nafCode, nafNomenclature } = company;
  const view: CompanyView = {
    id: company._id,
    ...identityOf(company),
    headcount,
    website,
    description,
    nafCode,
    nafNomenclature,
    establishments: company.establishments.map(({ siret, city }) => ({ siret, city })),
    createdAt: company.createdAt.toISOString(),
    updatedAt: company.updatedAt.toISOString(),
  };
  if (maySeeRevenue(principal, company._id)) view.annualRevenueEur = company.annualRevenueEur;
  return view;
}

export function toCompanySnapshot(company: CompanyDocument, version: number): CompanySnapshot {
  return { companyId: company._id, ...identityOf(company), version };
}
