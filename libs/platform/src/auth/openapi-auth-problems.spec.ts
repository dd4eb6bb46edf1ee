import type { OpenAPIObject } from '@nestjs/swagger';
import { addBearerSecurity, addGuardProblems } from './openapi-auth-problems';

describe('the guard’s problem types in the OpenAPI document', () => {
  const doc = () =>
    ({
      paths: {
        '/api/v1/cases/{id}': { get: { responses: { '200': { description: 'ok' }, '403': { description: 'Other region (type: /problems/region-not-allowed)', content: { 'application/problem+json': { examples: { 'region-not-allowed': {} } } } } } } },
        '/api/v1/verification/{code}': { get: { responses: { '200': { description: 'ok' } } } },
        '/health/live': { get: { responses: { '200': { description: 'ok' } } } },
      },
    }) as unknown as OpenAPIObject;

  it('are added to protected operations, next to their own 403, and not to public ones or health', () => {
    const d = doc();
    addGuardProblems(d, { 'GET /api/v1/cases/:id': { roles: ['clerk'] }, 'GET /api/v1/verification/:code': { public: true } });
    const responses = (p: string) => d.paths[p].get?.responses as Record<string, { content?: Record<string, { examples?: object }> }>;
    expect(Object.keys(responses('/api/v1/cases/{id}')).sort()).toEqual(['200', '401', '403', '429']);
    expect(Object.keys(responses('/api/v1/cases/{id}')['403'].content?.['application/problem+json']?.examples ?? {})).toEqual(['region-not-allowed', 'forbidden']);
    expect(Object.keys(responses('/api/v1/verification/{code}'))).toEqual(['200']);
    expect(Object.keys(responses('/health/live'))).toEqual(['200']);
  });

  it('declare the bearer scheme, required by protected operations and by no public one', () => {
    const d = doc();
    addBearerSecurity(d, { 'GET /api/v1/cases/:id': { roles: ['clerk'] }, 'GET /api/v1/verification/:code': { public: true } });
    expect(d.components?.securitySchemes?.bearer).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(d.paths['/api/v1/cases/{id}'].get?.security).toEqual([{ bearer: [] }]);
    expect(d.paths['/api/v1/verification/{code}'].get?.security).toEqual([]);
    expect(d.paths['/health/live'].get?.security).toEqual([]);
  });
});
