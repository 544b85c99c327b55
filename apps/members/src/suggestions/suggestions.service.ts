import { Injectable } from '@nestjs/common';
import { Principal, Suggestions, THEME_LABELS_FR, assertActsForCompany } from '@grappes/contracts';
import { CompaniesService } from '../companies/companies.service';
import { KnownClustersService } from '../clusters/known-clusters.service';
import { Profile, complementaryPartners } from './complementarity';

@Injectable()
export class SuggestionsService {
  constructor(
    private readonly companies: CompaniesService,
    private readonly clusters: KnownClustersService,
  ) {}

  /** Clusters of the company's themes it is not in yet, and companies that complement it. */
  async for(companyId: string, principal: Principal): Promise<Suggestions> {
    assertActsForCompany(principal, companyId);
    const company = await this.companies.find(companyId);
    const [joined, clusters, candidates] = await Promise.all([
      this.clusters.joinedOrAskedBy(companyId),
      this.clusters.ofThemes(company.capabilities),
      this.companies.activeProfiles(),
    ]);
    const byId = new Map(candidates.map((c) => [c._id, c]));
    return {
      clusters: clusters
        .filter((c) => !joined.has(c._id))
        .map((c) => ({ clusterId: c._id, name: c.name, theme: c.theme, reason: `Votre entreprise maîtrise le thème « ${THEME_LABELS_FR[c.theme]} »` })),
      partners: complementaryPartners(profileOf(company), candidates.map(profileOf)).map(({ partner, reason }) => {
        const c = byId.get(partner.id)!;
        return { companyId: c._id, name: c.name, category: c.category, capabilities: c.capabilities, region: c.region, reason };
      }),
    };
  }
}

const profileOf = (c: Pick<Profile, 'name' | 'category' | 'capabilities'> & { _id: string }): Profile => ({ id: c._id, name: c.name, category: c.category, capabilities: c.capabilities });
