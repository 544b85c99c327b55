import { usePlatform } from './support/use-platform';

interface MediaType {
  schema?: { $ref?: string };
}
interface ResponseObject {
  description: string;
  content?: Record<string, MediaType>;
  headers?: Record<string, unknown>;
}
interface Operation {
  responses: Record<string, ResponseObject>;
  security?: Record<string, string[]>[];
}
interface SchemaObject {
  required?: string[];
  properties?: Record<string, unknown>;
}
interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, SchemaObject> };
}

const PREFIX = '/api/v1';
const ERROR_SCHEMA = '#/components/schemas/ApiError';

/** Every endpoint of the contract the gateway implements, as the OpenAPI document names it. */
const ENDPOINTS: [method: string, path: string][] = [
  ['post', '/auth/login'],
  ['get', '/me'],
  ['patch', '/me'],
  ['post', '/companies'],
  ['get', '/companies'],
  ['get', '/companies/{id}'],
  ['patch', '/companies/{id}'],
  ['post', '/companies/{id}/deactivate'],
  ['post', '/companies/{id}/suspend'],
  ['post', '/companies/{id}/reactivate'],
  ['post', '/companies/{id}/people'],
  ['get', '/companies/{id}/people'],
  ['delete', '/companies/{id}/people/{personId}'],
  ['get', '/companies/{id}/suggestions'],
  ['post', '/clusters'],
  ['get', '/clusters'],
  ['get', '/clusters/{id}'],
  ['post', '/clusters/{id}/members'],
  ['post', '/clusters/{id}/members/{companyId}/approve'],
  ['post', '/clusters/{id}/members/{companyId}/reject'],
  ['delete', '/clusters/{id}/members/{companyId}'],
  ['post', '/clusters/{id}/projects'],
  ['get', '/clusters/{id}/projects'],
  ['patch', '/clusters/{id}/projects/{projectId}'],
  ['post', '/clusters/{id}/ideas'],
  ['get', '/clusters/{id}/ideas'],
  ['post', '/clusters/{id}/ideas/{ideaId}/comments'],
  ['post', '/clusters/{id}/ideas/{ideaId}/interest'],
  ['delete', '/clusters/{id}/ideas/{ideaId}/interest'],
  ['post', '/clusters/{id}/ideas/{ideaId}/close'],
  ['post', '/clusters/{id}/ideas/{ideaId}/launch'],
  ['post', '/workshops'],
  ['get', '/workshops'],
  ['get', '/workshops/{id}'],
  ['get', '/notifications'],
  ['post', '/notifications/{id}/read'],
  ['get', '/notifications/stream'],
  ['post', '/notifications/stream-ticket'],
  ['get', '/notifications/preferences'],
  ['put', '/notifications/preferences'],
  ['post', '/webhooks'],
  ['get', '/webhooks'],
  ['delete', '/webhooks/{id}'],
  ['get', '/webhooks/{id}/deliveries'],
  ['get', '/stats'],
  ['get', '/health/live'],
  ['get', '/health/ready'],
];
const PUBLIC = new Set(['post /auth/login', 'get /health/live', 'get /health/ready']);

describe('the OpenAPI document of the gateway', () => {
  const { platform } = usePlatform();
  let doc: OpenApiDocument;

  const operation = (method: string, path: string): Operation => doc.paths[`${PREFIX}${path}`]?.[method];
  const errorSchemaOf = (op: Operation, status: number) => op.responses[String(status)]?.content?.['application/json']?.schema?.$ref;

  beforeAll(async () => {
    const response = await fetch(`${platform.baseUrl}/docs-json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    doc = (await response.json()) as OpenApiDocument;
  });

  it('is served to anyone, as OpenAPI 3', () => {
    expect(doc.openapi).toMatch(/^3\./);
  });

  it.each(ENDPOINTS)('documents %s %s: its success status, its errors with the error body, a bearer token unless public', (method, path) => {
    expect(doc.paths).toHaveProperty([`${PREFIX}${path}`, method]);
    const op = operation(method, path);
    const statuses = Object.keys(op.responses).map(Number);
    expect(statuses.some((s) => s >= 200 && s < 300)).toBe(true);
    const errors = statuses.filter((s) => s >= 400);
    expect(errors).toContain(429);
    for (const status of errors) expect([status, errorSchemaOf(op, status)]).toEqual([status, ERROR_SCHEMA]);
    for (const status of statuses) expect([status, op.responses[String(status)].description]).not.toEqual([status, '']);
    if (PUBLIC.has(`${method} ${path}`)) {
      expect(op.security ?? []).toEqual([]);
    } else {
      expect(op.security).toEqual([{ bearer: [] }]);
      expect(errors).toContain(401);
    }
  });

  it("carries the validators' constraints: SIREN, SIRET and NAF patterns, enums, lengths, formats", () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const props = (name: string) => (doc.components.schemas as any)[name].properties;
    expect(props('RegisterCompany').siren).toMatchObject({ type: 'string', pattern: '^[0-9]{9}$' });
    expect(props('RegisterCompany').nafCode).toMatchObject({ pattern: '^[0-9]{2}\\.[0-9]{2}[A-Z]$' });
    expect(props('RegisterCompany').name).toMatchObject({ minLength: 2, maxLength: 120 });
    expect(props('RegisterCompany').capabilities).toMatchObject({ type: 'array', uniqueItems: true, items: { enum: expect.arrayContaining(['cases']) } });
    expect(props('Establishment').siret).toMatchObject({ pattern: '^[0-9]{14}$' });
    expect(props('NewPerson').email).toMatchObject({ format: 'email' });
    expect(props('ScheduleWorkshop').startsAt).toMatchObject({ format: 'date-time' });
    expect(props('ScheduleWorkshop').capacity).toMatchObject({ type: 'integer', minimum: 1, maximum: 10000 });
  });

  it('gives every JSON success answer a response schema (calendars and the live stream are not JSON)', () => {
    const notJson = (response: { content?: Record<string, unknown> }) => Object.keys(response.content ?? {}).some((type) => /^text\/(calendar|event-stream)/.test(type));
    const missing = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.entries(operations).flatMap(([method, op]) =>
        Object.entries(op.responses)
          .filter(([status]) => /^2\d\d$/.test(status) && status !== '204' && !/(\.ics|\{file\})$/.test(path))
          .filter(([, response]) => !notJson(response) && !response.content?.['application/json']?.schema)
          .map(([status]) => `${method} ${path} ${status}`),
      ),
    );
    expect(missing).toEqual([]);
  });

  it('describes the error body: statusCode, code, message, details?, correlationId', () => {
    const schema = doc.components.schemas['ApiError'];
    expect(Object.keys(schema.properties ?? {}).sort()).toEqual(['code', 'correlationId', 'details', 'message', 'statusCode']);
    expect([...(schema.required ?? [])].sort()).toEqual(['code', 'correlationId', 'message', 'statusCode']);
    expect([...(doc.components.schemas['FieldProblem'].required ?? [])].sort()).toEqual(['field', 'problems']);
  });

  it('documents joining a cluster: 201 joined, 202 pending, 409 already a member, 422 company not active', () => {
    const join = operation('post', '/clusters/{id}/members');
    expect(Object.keys(join.responses)).toEqual(expect.arrayContaining(['201', '202', '400', '403', '404', '409', '422']));
    expect([errorSchemaOf(join, 409), errorSchemaOf(join, 422)]).toEqual([ERROR_SCHEMA, ERROR_SCHEMA]);
  });

  it('documents the statuses of creations, deletions and specific refusals', () => {
    expect(Object.keys(operation('post', '/companies').responses)).toEqual(expect.arrayContaining(['201', '400', '403', '409']));
    expect(Object.keys(operation('delete', '/clusters/{id}/members/{companyId}').responses)).toEqual(
      expect.arrayContaining(['204', '403', '404', '422']),
    );
    expect(Object.keys(operation('post', '/workshops').responses)).toEqual(expect.arrayContaining(['201', '400', '403', '404']));
    expect(Object.keys(operation('delete', '/companies/{id}/people/{personId}').responses)).toContain('204');
    expect(Object.keys(operation('get', '/health/ready').responses)).toEqual(expect.arrayContaining(['200', '503']));
    expect(Object.keys(operation('post', '/clusters/{id}/projects').responses)).toEqual(expect.arrayContaining(['201', '403', '404', '422']));
    expect(Object.keys(operation('patch', '/clusters/{id}/projects/{projectId}').responses)).toEqual(expect.arrayContaining(['200', '403', '404', '422']));
    expect(Object.keys(operation('post', '/clusters/{id}/ideas/{ideaId}/interest').responses)).toEqual(expect.arrayContaining(['201', '403', '404', '409']));
    expect(Object.keys(operation('delete', '/clusters/{id}/ideas/{ideaId}/interest').responses)).toContain('204');
  });

  it('documents login refused with 429 and Retry-After, after 400 and 401', () => {
    const login = operation('post', '/auth/login');
    expect(Object.keys(login.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '429']));
    expect(errorSchemaOf(login, 429)).toBe(ERROR_SCHEMA);
    expect(login.responses['429'].headers).toHaveProperty('Retry-After');
  });

  it('serves the interactive documentation as HTML', async () => {
    const response = await fetch(`${platform.baseUrl}/docs`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('swagger');
  });
});
