import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from '@grappes/testing';
import { ApiClient } from './support/client';
import { ROOT, runSeed } from './support/seed';
import { usePlatform } from './support/use-platform';

const kickoff = JSON.parse(readFileSync(join(ROOT, 'scripts', 'seed', 'kickoff.json'), 'utf8'));

const sum = (field: string) => kickoff.companies.reduce((total: number, c: Record<string, number>) => total + (c[field] ?? 0), 0);

describe('the kick-off demo data', () => {
  const { platform, admin } = usePlatform();

  it('loads thirty companies, the ten clusters, people, memberships and workshops, and the figures add up', async () => {
    const first = await runSeed(platform.baseUrl);
    expect(first.code).toBe(0);
    expect(first.output).toContain(`companies: ${kickoff.companies.length} created, 0 existing`);

    const stats = await admin.get('/stats');
    expect(stats.body).toMatchObject({ companies: kickoff.companies.length, headcount: sum('headcount'), annualRevenueEur: sum('annualRevenueEur') });
    expect(stats.body.clusters).toHaveLength(10);
    expect(stats.body.upcomingWorkshops.total).toBe(kickoff.workshops.length);
    expect(stats.body.annualRevenueEur).toBeGreaterThan(100_000_000);
    expect(stats.body.annualRevenueEur).toBeLessThan(160_000_000);
  });

  it('loads ideas with their interests and comments, and two projects with their milestones, in clusters the kick-off workshops met in', async () => {
    const clusterOf = async (theme: string) => (await admin.get('/clusters?limit=100')).body.items.find((c: { theme: string }) => c.theme === theme);
    const workshopThemes = kickoff.workshops.map((w: { theme: string }) => w.theme);
    for (const idea of kickoff.ideas) {
      expect(workshopThemes).toContain(idea.theme);
      const cluster = await clusterOf(idea.theme);
      const [seeded] = (await admin.get(`/clusters/${cluster.id}/ideas`)).body.items.filter((i: { title: string }) => i.title === idea.title);
      expect(seeded).toMatchObject({ status: 'open', authorEmail: idea.author, neededCapabilities: idea.neededCapabilities });
      expect(seeded.interests).toHaveLength(idea.interestedBy.length);
      expect(seeded.comments.map((c: { text: string }) => c.text)).toEqual(idea.comments.map((c: { text: string }) => c.text));
    }
    for (const project of kickoff.projects) {
      expect(workshopThemes).toContain(project.theme);
      const cluster = await clusterOf(project.theme);
      const [seeded] = (await admin.get(`/clusters/${cluster.id}/projects`)).body.items.filter((p: { title: string }) => p.title === project.title);
      expect(seeded).toMatchObject({ status: project.status, kind: project.kind });
      expect(seeded.partnerCompanyIds).toHaveLength(project.partnerSirens.length);
      expect(seeded.milestones.map((m: { title: string; done: boolean }) => [m.title, m.done])).toEqual(
        project.milestones.map((m: { title: string; done?: boolean }) => [m.title, m.done ?? false]),
      );
    }
    const { innovation } = (await admin.get('/stats')).body;
    expect(innovation).toMatchObject({ ideas: kickoff.ideas.length, overdueMilestones: 0 });
    expect(innovation.projectsByStatus).toMatchObject({ active: 1, proposed: 1 });
  });

  it('changes nothing when loaded a second time', async () => {
    const before = await admin.get('/stats');
    const second = await runSeed(platform.baseUrl);
    expect(second.code).toBe(0);
    expect(second.output).toMatch(/companies: 0 created, \d+ existing/);
    expect(second.output).toMatch(/people: 0 created, \d+ existing/);
    expect(second.output).toMatch(/memberships: 0 created, \d+ existing/);
    expect(second.output).toMatch(/workshops: 0 created, \d+ existing/);
    expect(second.output).toContain(`ideas: 0 created, ${kickoff.ideas.length} existing`);
    expect(second.output).toContain(`projects: 0 created, ${kickoff.projects.length} existing`);
    expect((await admin.get('/stats')).body).toEqual(before.body);
  });

  it('suggests a seeded watch brand only the clusters of its themes it neither joined nor coordinates, and complementary makers', async () => {
    const brand = kickoff.companies[0];
    expect(brand.category).toBe('watches-and-accessories');
    const brandAdmin = brand.people.find((p: { role: string }) => p.role === 'company-admin');
    const companyAdmin = await new ApiClient(platform.baseUrl).login(brandAdmin.email, kickoff.demoPassword);
    const me = (await companyAdmin.get('/me')).body;
    const coordinated = kickoff.clusters.filter((c: { coordinatorSiren: string }) => c.coordinatorSiren === brand.siren).map((c: { theme: string }) => c.theme);
    const suggestions = await waitFor(async () => {
      const reply = await companyAdmin.get(`/companies/${me.companyId}/suggestions`);
      const themes = reply.body.clusters.map((c: { theme: string }) => c.theme);
      // The members service learns of memberships by event: wait until the joined clusters are no longer offered.
      return themes.some((t: string) => brand.joins.includes(t) || coordinated.includes(t)) ? undefined : reply.body;
    }, 'suggestions that know of the seeded memberships');
    const expected = brand.capabilities.filter((t: string) => !brand.joins.includes(t) && !coordinated.includes(t));
    expect(suggestions.clusters.map((c: { theme: string }) => c.theme).sort()).toEqual(expected.sort());
    expect(suggestions.partners.length).toBeGreaterThan(0);
    expect(suggestions.partners.some((p: { category: string }) => p.category === 'components-and-microtechnics')).toBe(true);
    for (const partner of suggestions.partners) expect(partner.reason.length).toBeGreaterThan(10);
  });
});
