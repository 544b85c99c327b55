import { Theme } from '@grappes/contracts';
import { Profile, capitalise, complementReasons, labels } from './complementarity';

export interface IdeaPartner {
  partner: Profile;
  /** The needed capabilities it has. */
  covers: Theme[];
  inCluster: boolean;
  reason: string;
}

/** How many of the complemented companies a reason names before it counts the rest. */
const NAMED = 3;

function complemented(names: string[]): string {
  const shown = names.slice(0, NAMED).join(', ');
  return names.length > NAMED ? `${shown} et ${names.length - NAMED} autre(s)` : shown;
}

/**
 * Companies whose capabilities fit what an idea needs, best first: those that
 * bring the most of it, then those that complement the most of the cluster's
 * companies by the directory's complementarity rules (`complementReasons`).
 */
export function ideaPartners(needs: Theme[], cluster: Profile[], candidates: Profile[], limit = 10): IdeaPartner[] {
  const members = new Set(cluster.map((c) => c.id));
  return candidates
    .map((partner) => {
      const covers = needs.filter((t) => partner.capabilities.includes(t));
      const complements = cluster.filter((member) => complementReasons(member, partner).length > 0).map((m) => m.name);
      return { partner, covers, complements, inCluster: members.has(partner.id) };
    })
    .filter(({ covers }) => covers.length > 0)
    .sort((a, b) => b.covers.length - a.covers.length || b.complements.length - a.complements.length || a.partner.name.localeCompare(b.partner.name, 'fr'))
    .slice(0, limit)
    .map(({ partner, covers, complements, inCluster }) => {
      const reasons = [
        `apporte ce dont l'idée a besoin : ${labels(covers)}`,
        ...(complements.length ? [`complète ${complemented(complements)}`] : []),
        inCluster ? 'déjà membre de la grappe' : 'pas encore membre de la grappe',
      ];
      return { partner, covers, inCluster, reason: capitalise(reasons.join(' ; ')) };
    });
}
