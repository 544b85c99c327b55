import { Injectable } from '@nestjs/common';
import { PartnerForNeeds, PartnersForNeeds, Principal, Suggestions, THEME_LABELS_FR, assertActsForCompany } from '@grappes/contracts';
import { CompaniesService } from '../companies/companies.service';
import { KnownClustersService } from '../clusters/known-clusters.service';
import { Profile, complementaryPartners } from './complementarity';
import { ideaPartners } from './idea-partners';

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

  /**
   * Matchmaking for an idea: active member companies with a capability it
   * needs, with the reasons in French. Only what the directory shows anyone
   * signed in (no revenue), so the caller's place in the cluster is checked
   * by the clusters service, which gives `clusterCompanyIds`.
   */
  async forNeeds({ neededCapabilities, clusterCompanyIds, exceptCompanyIds }: PartnersForNeeds): Promise<PartnerForNeeds[]> {
    const [candidates, cluster] = await Promise.all([
      this.companies.activeProfilesCapableIn(neededCapabilities, exceptCompanyIds),
      this.companies.activeProfilesOf(clusterCompanyIds),
    ]);
    const byId = new Map(candidates.map((c) => [c._id, c]));
    return ideaPartners(neededCapabilities, cluster.map(profileOf), candidates.map(profileOf), IDEA_PARTNERS_LIMIT).map(({ partner, covers, inCluster, reason }) => {
      const c = byId.get(partner.id)!;
      return { companyId: c._id, name: c.name, category: c.category, capabilities: c.capabilities, region: c.region, covers, inCluster, reason };
    });
  }
}

/** How many companies matchmaking suggests for an idea. */
const IDEA_PARTNERS_LIMIT = 10;

const profileOf = (c: Pick<Profile, 'name' | 'category' | 'capabilities'> & { _id: string }): Profile => ({ id: c._id, name: c.name, category: c.category, capabilities: c.capabilities });
