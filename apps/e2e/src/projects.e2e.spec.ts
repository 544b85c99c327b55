import { MongoClient } from 'mongodb';
import { connect, headers, NatsConnection, StringCodec } from 'nats';
import { randomUUID } from 'node:crypto';
import { requireServer, testDatabaseOptions, waitFor } from '@grappes/testing';
import { ApiClient, Reply } from './support/client';
import { usePlatform } from './support/use-platform';

const PASSWORD = 'demo-password-1';
const UNKNOWN = 'no-such-id';
const company = (name: string, siren: string, capabilities: string[]) => ({
  name, siren, category: 'components-and-microtechnics', capabilities, region: 'Bourgogne-Franche-Comté',
});
const refusal = (reply: Reply) => [reply.status, reply.body?.code];

describe('joint projects and the innovation space of a cluster', () => {
  const { platform, admin } = usePlatform();
  const anonymous = () => new ApiClient(platform.baseUrl);
  let nats: NatsConnection;
  let coordinator: ApiClient;
  let coordinatorMember: ApiClient;
  let alpha: ApiClient;
  let alphaMember: ApiClient;
  let beta: ApiClient;
  let outsider: ApiClient;
  const ids = { cluster: '', coord: '', alpha: '', beta: '', outsider: '' };
  const path = (tail = '') => `/clusters/${ids.cluster}${tail}`;

  beforeAll(async () => {
    nats = await connect({ servers: requireServer('NATS_URL') });
    const register = async (key: keyof typeof ids, name: string, siren: string, capabilities: string[]) => {
      ids[key] = (await admin.post('/companies', company(name, siren, capabilities))).body.id;
      for (const role of ['company-admin', 'member']) {
        await admin.post(`/companies/${ids[key]}/people`, { email: `${role}@${key}.example`, firstName: 'Léa', lastName: 'Roy', role, password: PASSWORD });
      }
    };
    await register('coord', 'Cadrans Ferrandet', '812345676', ['dials']);
    await register('alpha', 'Émaux Alpha', '812345684', ['dials', 'jewellery-watches']);
    await register('beta', 'Boîtes Beta', '812345692', ['cases']);
    await register('outsider', 'Hors Grappe', '812345700', ['straps']);
    ids.cluster = (await admin.post('/clusters', { name: 'Grappe Cadrans', theme: 'dials', admission: 'open', coordinatorCompanyId: ids.coord })).body.id;
    const login = (email: string) => anonymous().login(email, PASSWORD);
    [coordinator, coordinatorMember, alpha, alphaMember, beta, outsider] = await Promise.all([
      login('company-admin@coord.example'), login('member@coord.example'), login('company-admin@alpha.example'),
      login('member@alpha.example'), login('company-admin@beta.example'), login('company-admin@outsider.example'),
    ]);
    for (const [client, id] of [[alpha, ids.alpha], [beta, ids.beta]] as const) {
      expect((await client.post(path('/members'), { companyId: id })).status).toBe(201);
    }
  });

  afterAll(() => nats?.close());

  /** The newest event on a subject about one aggregate, straight from JetStream. */
  const eventAbout = (name: string, aggregate: string) =>
    waitFor(async () => {
      const message = await (await nats.jetstreamManager()).streams.getMessage(platform.stream('EVENTS_CLUSTERS'), { last_by_subj: platform.subject(`events.clusters.${name}`) });
      const event = JSON.parse(StringCodec().decode(message.data));
      return event.subject === aggregate ? event : undefined;
    }, `${name} about ${aggregate}`);

  describe('projects', () => {
    let projectId = '';
    const launchBody = () => ({ title: 'Cadran en émail grand feu', kind: 'innovation', partnerCompanyIds: [ids.alpha], description: 'Un four partagé' });

    it('lets the coordinator launch a project, proposed, with its partners, and publishes project-launched', async () => {
      const launched = await coordinator.post(path('/projects'), launchBody());
      expect(launched.status).toBe(201);
      expect(launched.body).toMatchObject({
        clusterId: ids.cluster, status: 'proposed', kind: 'innovation', partnerCompanyIds: [ids.alpha],
        partners: [{ companyId: ids.alpha, companyName: 'Émaux Alpha', former: false }], milestones: [],
      });
      projectId = launched.body.id;
      const event = await eventAbout('project-launched', `clusters/${ids.cluster}/projects/${projectId}`);
      expect(event.data).toMatchObject({ projectId, clusterName: 'Grappe Cadrans', status: 'proposed', partnerCompanyIds: [ids.alpha] });
    });

    it('lets federation staff launch one too, with no partner yet', async () => {
      const launched = await admin.post(path('/projects'), { title: 'Logistique commune', kind: 'process', partnerCompanyIds: [] });
      expect([launched.status, launched.body.status]).toEqual([201, 'proposed']);
    });

    it("refuses the launch to the coordinator's plain members, to other companies, and without a token", async () => {
      expect(refusal(await coordinatorMember.post(path('/projects'), launchBody()))).toEqual([403, 'AUTH.FORBIDDEN']);
      expect(refusal(await alpha.post(path('/projects'), launchBody()))).toEqual([403, 'AUTH.FORBIDDEN']);
      expect(refusal(await anonymous().post(path('/projects'), launchBody()))).toEqual([401, 'AUTH.UNAUTHENTICATED']);
    });

    it('refuses a partner that is not a member company of the cluster with 422, an unknown cluster with 404, a bad kind with 400', async () => {
      const stranger = await coordinator.post(path('/projects'), { ...launchBody(), partnerCompanyIds: [ids.alpha, ids.outsider] });
      expect(refusal(stranger)).toEqual([422, 'PROJECT.PARTNER_NOT_MEMBER']);
      expect(stranger.body.details).toEqual({ companyIds: [ids.outsider] });
      expect(refusal(await admin.post(`/clusters/${UNKNOWN}/projects`, launchBody()))).toEqual([404, 'CLUSTER.NOT_FOUND']);
      expect(refusal(await coordinator.post(path('/projects'), { ...launchBody(), kind: 'dream' }))).toEqual([400, 'REQUEST.VALIDATION_FAILED']);
    });

    it("lets the people of member companies read the projects, and refuses others", async () => {
      const list = await alphaMember.get(path('/projects'));
      expect([list.status, list.body.total]).toEqual([200, 2]);
      expect(list.body.items.map((p: { id: string }) => p.id)).toContain(projectId);
      expect(refusal(await outsider.get(path('/projects')))).toEqual([403, 'AUTH.FORBIDDEN']);
      expect(refusal(await anonymous().get(path('/projects')))).toEqual([401, 'AUTH.UNAUTHENTICATED']);
      expect(refusal(await admin.get(`/clusters/${UNKNOWN}/projects`))).toEqual([404, 'CLUSTER.NOT_FOUND']);
    });

    it("lets a partner's company-admin start the project and set milestones, publishing project-updated", async () => {
      const milestones = [{ title: 'Prototype', dueAt: '2027-06-30T18:00:00+02:00' }, { title: 'Essais', dueAt: '2027-09-30T18:00:00+02:00', done: false }];
      const updated = await alpha.request('PATCH', path(`/projects/${projectId}`), { status: 'active', milestones });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ status: 'active', milestones: [
        { title: 'Prototype', dueAt: '2027-06-30T16:00:00.000Z', done: false, id: expect.any(String) },
        { title: 'Essais', done: false },
      ] });
      const event = await eventAbout('project-updated', `clusters/${ids.cluster}/projects/${projectId}`);
      expect(event.data).toMatchObject({ status: 'active', previousStatus: 'proposed' });

      const [first, second] = updated.body.milestones;
      const done = await coordinator.request('PATCH', path(`/projects/${projectId}`), { milestones: [{ ...first, done: true }, second] });
      expect(done.body.milestones).toEqual([{ ...first, done: true }, second]);
    });

    it('refuses a move the status may not make with 422, an unknown project with 404, a bad milestone with 400', async () => {
      const back = await coordinator.request('PATCH', path(`/projects/${projectId}`), { status: 'proposed' });
      expect(refusal(back)).toEqual([422, 'PROJECT.STATUS_MOVE_REFUSED']);
      expect(refusal(await coordinator.request('PATCH', path(`/projects/${UNKNOWN}`), { title: 'X y' }))).toEqual([404, 'PROJECT.NOT_FOUND']);
      const badDate = await coordinator.request('PATCH', path(`/projects/${projectId}`), { milestones: [{ title: 'Série', dueAt: '2027-02-30T10:00:00Z' }] });
      expect(refusal(badDate)).toEqual([400, 'REQUEST.VALIDATION_FAILED']);
    });

    it("refuses the update to a partner's plain member, to a member company that is not a partner, and without a token", async () => {
      const change = { title: 'Cadran en émail' };
      expect(refusal(await alphaMember.request('PATCH', path(`/projects/${projectId}`), change))).toEqual([403, 'AUTH.FORBIDDEN']);
      expect(refusal(await beta.request('PATCH', path(`/projects/${projectId}`), change))).toEqual([403, 'AUTH.FORBIDDEN']);
      expect(refusal(await anonymous().request('PATCH', path(`/projects/${projectId}`), change))).toEqual([401, 'AUTH.UNAUTHENTICATED']);
    });

    it('lets federation staff complete an active project, after which it moves no more', async () => {
      expect((await admin.request('PATCH', path(`/projects/${projectId}`), { status: 'completed' })).body.status).toBe('completed');
      expect(refusal(await admin.request('PATCH', path(`/projects/${projectId}`), { status: 'abandoned' }))).toEqual([422, 'PROJECT.STATUS_MOVE_REFUSED']);
    });
  });

  describe('ideas', () => {
    const idea = (title: string, kind = 'product') => ({ title, kind, description: 'À discuter', neededCapabilities: ['dials', 'cases'] });
    const ideaIds: Record<string, string> = {};
    const listed = async (query = '') => (await alphaMember.get(path(`/ideas${query}`))).body.items.map((i: { title: string }) => i.title);

    it("lets the people of member companies post ideas, open, and publishes idea-posted", async () => {
      for (const title of ['Lunette céramique', 'Index appliqués', 'Bracelet recyclé']) {
        const posted = await alphaMember.post(path('/ideas'), idea(title, title === 'Index appliqués' ? 'process' : 'product'));
        expect([posted.status, posted.body.status]).toEqual([201, 'open']);
        ideaIds[title] = posted.body.id;
      }
      const event = await eventAbout('idea-posted', `clusters/${ids.cluster}/ideas/${ideaIds['Bracelet recyclé']}`);
      expect(event.data).toMatchObject({ title: 'Bracelet recyclé', authorEmail: 'member@alpha.example', authorCompanyId: ids.alpha });
    });

    it('refuses ideas from outside the cluster, without a token, in an unknown cluster, or with an unknown capability', async () => {
      expect(refusal(await outsider.post(path('/ideas'), idea('Dehors')))).toEqual([403, 'AUTH.FORBIDDEN']);
      expect(refusal(await anonymous().post(path('/ideas'), idea('Dehors')))).toEqual([401, 'AUTH.UNAUTHENTICATED']);
      expect(refusal(await admin.post(`/clusters/${UNKNOWN}/ideas`, idea('Nulle part')))).toEqual([404, 'CLUSTER.NOT_FOUND']);
      expect(refusal(await alpha.post(path('/ideas'), { ...idea('Flou'), neededCapabilities: ['magic'] }))).toEqual([400, 'REQUEST.VALIDATION_FAILED']);
      expect(refusal(await outsider.get(path('/ideas')))).toEqual([403, 'AUTH.FORBIDDEN']);
    });

    it('lists ideas by recent activity: a comment brings an idea to the top; filters by kind', async () => {
      expect(await listed()).toEqual(['Bracelet recyclé', 'Index appliqués', 'Lunette céramique']);
      const commented = await beta.post(path(`/ideas/${ideaIds['Lunette céramique']}/comments`), { text: 'Nous avons un four.' });
      expect(commented.status).toBe(201);
      expect(commented.body.comments).toEqual([expect.objectContaining({ text: 'Nous avons un four.', companyId: ids.beta })]);
      expect(await listed()).toEqual(['Lunette céramique', 'Bracelet recyclé', 'Index appliqués']);
      expect(await listed('?kind=process')).toEqual(['Index appliqués']);
      expect(refusal(await outsider.post(path(`/ideas/${ideaIds['Lunette céramique']}/comments`), { text: 'Moi aussi' }))).toEqual([403, 'AUTH.FORBIDDEN']);
      expect(refusal(await beta.post(path(`/ideas/${UNKNOWN}/comments`), { text: 'Où ?' }))).toEqual([404, 'IDEA.NOT_FOUND']);
    });

    it('takes one interest per company, tells the author by interest-expressed, and lets it be withdrawn once', async () => {
      const lunette = ideaIds['Lunette céramique'];
      const interest = `/ideas/${lunette}/interest`;
      expect((await beta.post(path(interest))).status).toBe(201);
      expect(refusal(await beta.post(path(interest)))).toEqual([409, 'IDEA.ALREADY_INTERESTED']);
      const event = await eventAbout('interest-expressed', `clusters/${ids.cluster}/ideas/${lunette}`);
      expect(event.data).toMatchObject({ companyId: ids.beta, companyName: 'Boîtes Beta', authorEmail: 'member@alpha.example' });

      expect((await beta.request('DELETE', path(interest))).status).toBe(204);
      expect(refusal(await beta.request('DELETE', path(interest)))).toEqual([404, 'IDEA.NO_INTEREST']);
      expect((await beta.post(path(interest))).status).toBe(201);
      expect((await alphaMember.post(path(interest))).status).toBe(201);
      expect(refusal(await outsider.post(path(interest)))).toEqual([403, 'AUTH.FORBIDDEN']);
      expect(refusal(await admin.post(path(interest)))).toEqual([403, 'AUTH.FORBIDDEN']);
      expect(refusal(await anonymous().post(path(interest)))).toEqual([401, 'AUTH.UNAUTHENTICATED']);
      expect(refusal(await beta.post(path(`/ideas/${UNKNOWN}/interest`)))).toEqual([404, 'IDEA.NOT_FOUND']);
    });

    it('lets only staff and the coordinator close an idea; a closed idea takes no more comments', async () => {
      const index = ideaIds['Index appliqués'];
      expect(refusal(await alpha.post(path(`/ideas/${index}/close`)))).toEqual([403, 'AUTH.FORBIDDEN']);
      expect(refusal(await coordinatorMember.post(path(`/ideas/${index}/close`)))).toEqual([403, 'AUTH.FORBIDDEN']);
      expect(refusal(await anonymous().post(path(`/ideas/${index}/close`)))).toEqual([401, 'AUTH.UNAUTHENTICATED']);
      expect(refusal(await coordinator.post(path(`/ideas/${UNKNOWN}/close`)))).toEqual([404, 'IDEA.NOT_FOUND']);
      const closed = await coordinator.post(path(`/ideas/${index}/close`));
      expect([closed.status, closed.body.status]).toEqual([200, 'closed']);
      expect((await eventAbout('idea-closed', `clusters/${ids.cluster}/ideas/${index}`)).data.status).toBe('closed');
      expect(refusal(await alpha.post(path(`/ideas/${index}/comments`), { text: 'Trop tard ?' }))).toEqual([422, 'IDEA.NOT_OPEN']);
      expect(await listed('?status=closed')).toEqual(['Index appliqués']);
    });

    it('launches an idea as a project carrying its interested companies as partners, once', async () => {
      const lunette = ideaIds['Lunette céramique'];
      expect(refusal(await alpha.post(path(`/ideas/${lunette}/launch`)))).toEqual([403, 'AUTH.FORBIDDEN']);
      expect(refusal(await anonymous().post(path(`/ideas/${lunette}/launch`)))).toEqual([401, 'AUTH.UNAUTHENTICATED']);
      expect(refusal(await coordinator.post(path(`/ideas/${UNKNOWN}/launch`)))).toEqual([404, 'IDEA.NOT_FOUND']);
      const launched = await coordinator.post(path(`/ideas/${lunette}/launch`));
      expect(launched.status).toBe(201);
      expect(launched.body).toMatchObject({ title: 'Lunette céramique', kind: 'product', status: 'proposed', ideaId: lunette });
      expect([...launched.body.partnerCompanyIds].sort()).toEqual([ids.alpha, ids.beta].sort());
      const ideaNow = (await alpha.get(path('/ideas?status=launched'))).body.items[0];
      expect(ideaNow).toMatchObject({ id: lunette, status: 'launched', projectId: launched.body.id });
      expect((await eventAbout('idea-closed', `clusters/${ids.cluster}/ideas/${lunette}`)).data).toMatchObject({ status: 'launched', projectId: launched.body.id });
      expect(refusal(await coordinator.post(path(`/ideas/${lunette}/launch`)))).toEqual([422, 'IDEA.NOT_OPEN']);
      ideaIds['project'] = launched.body.id;
    });

    it('keeps a departed partner listed as a former one, without its rights, and takes away its interests', async () => {
      const bracelet = ideaIds['Bracelet recyclé'];
      expect((await beta.post(path(`/ideas/${bracelet}/interest`))).status).toBe(201);
      expect((await beta.request('DELETE', path(`/members/${ids.beta}`))).status).toBe(204);

      const project = await waitFor(async () => {
        const items = (await admin.get(path('/projects'))).body.items as { id: string; partners: { companyId: string; former: boolean }[] }[];
        const found = items.find((p) => p.id === ideaIds['project']);
        return found?.partners.some((p) => p.companyId === ids.beta && p.former) ? found : undefined;
      }, 'beta listed as a former partner');
      expect(project).toMatchObject({ partnerCompanyIds: [ids.alpha] });
      const event = await eventAbout('project-updated', `clusters/${ids.cluster}/projects/${ideaIds['project']}`);
      expect(event.data).toMatchObject({ partnerCompanyIds: [ids.alpha], formerPartnerCompanyIds: [ids.beta] });
      await waitFor(async () => {
        const items = (await admin.get(path('/ideas'))).body.items as { id: string; interests: unknown[] }[];
        return items.find((i) => i.id === bracelet)?.interests.length === 0;
      }, "beta's interest taken away");
      expect(refusal(await beta.request('PATCH', path(`/projects/${ideaIds['project']}`), { status: 'active' }))).toEqual([403, 'AUTH.FORBIDDEN']);
      expect(refusal(await beta.get(path('/projects')))).toEqual([403, 'AUTH.FORBIDDEN']);
    });
  });
  /** The caller's inbox entries of one type about one idea or project (`key` in the entry's data). */
  const noticesOf = async (client: ApiClient, type: string, key: string, value: string) => {
    const items = (await client.get('/notifications?limit=100')).body.items as { type: string; title: string; data: Record<string, unknown> }[];
    return items.filter((n) => n.type === type && n.data[key] === value);
  };
  /** Waits until the caller has `count` such entries, then gives them all. */
  const untilNoticed = (client: ApiClient, type: string, key: string, value: string, count = 1) =>
    waitFor(async () => {
      const found = await noticesOf(client, type, key, value);
      return found.length >= count ? found : undefined;
    }, `${count} ${type} about ${value}`);

  describe('matchmaking for an idea', () => {
    let ideaId = '';

    beforeAll(async () => {
      // A watch brand in the cluster, so that the complementarity rules have someone to complement.
      const brand = await admin.post('/companies', {
        name: 'Montres Gamma', siren: '812345718', category: 'watches-and-accessories', capabilities: ['assembly'], region: 'Bourgogne-Franche-Comté',
      });
      expect((await admin.post(path('/members'), { companyId: brand.body.id })).status).toBe(201);
      const posted = await alphaMember.post(path('/ideas'), {
        title: 'Montre en titane', kind: 'product', description: 'Boîte, cadran et bracelet', neededCapabilities: ['dials', 'cases', 'straps'],
      });
      ideaId = posted.body.id;
    });

    it('suggests the federation companies that have a needed capability, with reasons in French, leaving out the author\'s company', async () => {
      const suggested = await alphaMember.get(path(`/ideas/${ideaId}/suggestions`));
      expect(suggested.status).toBe(200);
      expect(suggested.body).toMatchObject({ ideaId, neededCapabilities: ['dials', 'cases', 'straps'] });
      const partners = suggested.body.partners as { companyId: string; covers: string[]; inCluster: boolean; reason: string }[];
      // Alpha (dials) wrote it; beta (cases) left the cluster earlier; the outsider (straps) never joined; Gamma has none of them.
      expect(partners.map((p) => [p.companyId, p.covers, p.inCluster])).toEqual([
        [ids.beta, ['cases'], false], [ids.coord, ['dials'], true], [ids.outsider, ['straps'], false],
      ]);
      expect(partners[0].reason).toBe("Apporte ce dont l'idée a besoin : boîtiers ; complète Montres Gamma ; pas encore membre de la grappe");
      expect(partners[1].reason).toContain('déjà membre de la grappe');
    });

    it('leaves out a company once it has expressed its interest', async () => {
      expect((await coordinator.post(path(`/ideas/${ideaId}/interest`))).status).toBe(201);
      const partners = (await admin.get(path(`/ideas/${ideaId}/suggestions`))).body.partners as { companyId: string }[];
      expect(partners.map((p) => p.companyId)).toEqual([ids.beta, ids.outsider]);
    });

    it("refuses the suggestions outside the cluster's companies and staff, without a token, and for an unknown idea", async () => {
      expect(refusal(await outsider.get(path(`/ideas/${ideaId}/suggestions`)))).toEqual([403, 'AUTH.FORBIDDEN']);
      expect(refusal(await anonymous().get(path(`/ideas/${ideaId}/suggestions`)))).toEqual([401, 'AUTH.UNAUTHENTICATED']);
      expect(refusal(await alpha.get(path(`/ideas/${UNKNOWN}/suggestions`)))).toEqual([404, 'IDEA.NOT_FOUND']);
      expect(refusal(await admin.get(`/clusters/${UNKNOWN}/ideas/${ideaId}/suggestions`))).toEqual([404, 'CLUSTER.NOT_FOUND']);
    });

    it("tells the coordinator of the new idea once, not the coordinator's plain members, and the author of the interest once", async () => {
      expect(await untilNoticed(coordinator, 'idea-posted', 'ideaId', ideaId)).toHaveLength(1);
      expect((await untilNoticed(alphaMember, 'interest-expressed', 'ideaId', ideaId))[0].title).toBe("Cadrans Ferrandet s'intéresse à votre idée Montre en titane");
      // Both notices of the events above have landed; the plain member and the author's admin heard of neither.
      expect(await noticesOf(coordinatorMember, 'idea-posted', 'ideaId', ideaId)).toEqual([]);
      expect(await noticesOf(alpha, 'interest-expressed', 'ideaId', ideaId)).toEqual([]);
      expect(await noticesOf(coordinator, 'idea-posted', 'ideaId', ideaId)).toHaveLength(1);
      expect(await noticesOf(alphaMember, 'interest-expressed', 'ideaId', ideaId)).toHaveLength(1);
    });
  });

  describe("the partners' notices and the figures", () => {
    let projectId = '';
    let beforeLaunch = '';

    it("tells each person of the partner companies of a launch once, and no one else", async () => {
      // Just before the launch, and after every earlier launch of this file (the late person's must be this one only).
      beforeLaunch = new Date().toISOString();
      projectId = (await coordinator.post(path('/projects'), { title: 'Atelier de polissage commun', kind: 'process', partnerCompanyIds: [ids.alpha] })).body.id;
      for (const partner of [alpha, alphaMember]) expect(await untilNoticed(partner, 'project-launched', 'projectId', projectId)).toHaveLength(1);
      expect(await noticesOf(coordinator, 'project-launched', 'projectId', projectId)).toEqual([]);
      expect(await noticesOf(outsider, 'project-launched', 'projectId', projectId)).toEqual([]);
    });

    it('tells a partner\'s person whose own person-added arrives after the launch, once', async () => {
      // A person added before the launch whose event comes late (a retry): published here as members would.
      const jsm = await nats.jetstreamManager();
      const codec = StringCodec();
      const sample = JSON.parse(codec.decode((await jsm.streams.getMessage(platform.stream('EVENTS_MEMBERS'), { last_by_subj: platform.subject('events.members.person-added') })).data));
      const personId = randomUUID();
      const late = {
        ...sample, id: randomUUID(), time: beforeLaunch, subject: `people/${personId}`, aggregateversion: 1,
        data: { personId, email: `late-${personId}@alpha.example`, firstName: 'Léo', lastName: 'Tard', role: 'member', companyId: ids.alpha, version: 1 },
      };
      const h = headers();
      h.set('Nats-Msg-Id', late.id);
      await nats.jetstream().publish(platform.subject('events.members.person-added'), codec.encode(JSON.stringify(late)), { headers: h });

      const mongo = await MongoClient.connect(requireServer('MONGODB_URI'), testDatabaseOptions);
      try {
        const inbox = mongo.db(platform.databaseOf('notifications')).collection('notifications');
        const entries = await waitFor(async () => {
          const found = await inbox.find({ recipientId: personId, type: 'project-launched' }).toArray();
          return found.length ? found : undefined;
        }, 'the late person told of the launch');
        expect(entries.map((e) => e['eventId'])).toHaveLength(1);
        // Delivered again: still once.
        h.set('Nats-Msg-Id', `${late.id}:again`);
        await nats.jetstream().publish(platform.subject('events.members.person-added'), codec.encode(JSON.stringify(late)), { headers: h });
        await new Promise((r) => setTimeout(r, 1500));
        expect(await inbox.countDocuments({ recipientId: personId, type: 'project-launched' })).toBe(1);
      } finally {
        await mongo.close();
      }
    });

    it("tells the partners' people of each change of status once, and not of a change of milestones", async () => {
      const yesterday = new Date(Date.now() - 86_400_000).toISOString();
      const milestones = [{ title: 'Cahier des charges', dueAt: yesterday }, { title: 'Essai', dueAt: yesterday, done: true }];
      expect((await coordinator.request('PATCH', path(`/projects/${projectId}`), { milestones })).status).toBe(200);
      expect((await alpha.request('PATCH', path(`/projects/${projectId}`), { status: 'active' })).status).toBe(200);
      for (const partner of [alpha, alphaMember]) {
        const [notice] = await untilNoticed(partner, 'project-updated', 'projectId', projectId);
        expect(notice.title).toBe('Projet Atelier de polissage commun : en cours');
      }
      expect((await alpha.request('PATCH', path(`/projects/${projectId}`), { status: 'abandoned' })).status).toBe(200);
      for (const partner of [alpha, alphaMember]) expect(await untilNoticed(partner, 'project-updated', 'projectId', projectId, 2)).toHaveLength(2);
      expect(await noticesOf(coordinator, 'project-updated', 'projectId', projectId)).toEqual([]);
    });

    it('counts ideas, projects by status and kind, and overdue milestones per cluster in /stats', async () => {
      // An overdue milestone in a running project counts; the one above stopped counting when its project was abandoned.
      const yesterday = new Date(Date.now() - 86_400_000).toISOString();
      const running = (await admin.get(path('/projects'))).body.items.find((p: { title: string }) => p.title === 'Logistique commune');
      expect((await admin.request('PATCH', path(`/projects/${running.id}`), { milestones: [{ title: 'Devis', dueAt: yesterday }] })).status).toBe(200);

      const stats = await alphaMember.get('/stats');
      expect(stats.status).toBe(200);
      const [ideas, projects] = [(await admin.get(path('/ideas'))).body.total, (await admin.get(path('/projects'))).body.items];
      const count = (field: 'status' | 'kind', value: string) => projects.filter((p: Record<string, string>) => p[field] === value).length;
      const expected = {
        clusterId: ids.cluster, ideas, overdueMilestones: 1,
        projectsByStatus: { proposed: count('status', 'proposed'), active: 0, completed: 1, abandoned: 1 },
        projectsByKind: { product: count('kind', 'product'), process: count('kind', 'process'), innovation: 1 },
      };
      expect(ideas).toBe(4);
      expect(expected.projectsByStatus.proposed).toBe(2);
      expect(stats.body.innovation.byCluster).toEqual([expected]);
      const { clusterId: _, ...totals } = expected;
      expect(stats.body.innovation).toMatchObject(totals);
    });
  });
});
