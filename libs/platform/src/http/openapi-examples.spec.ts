import type { OpenAPIObject } from '@nestjs/swagger';
import { addBodyExamples, exampleFromSchema } from './openapi-examples';

const schemas = {
  Case: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      caseNo: { type: 'string', example: '420102-20260302-000009' },
      status: { type: 'string', enum: ['RECEIVED', 'ACCEPTED'] },
      receivedAt: { type: 'string', format: 'date-time' },
      promisedDate: { type: ['string', 'null'] },
      limitDays: { type: 'integer', minimum: 0 },
      parent: { $ref: '#/components/schemas/Case' },
      materials: { type: 'array', items: { type: 'object', properties: { materialCode: { type: 'string' }, provided: { type: 'boolean' } } } },
    },
  },
};

describe('examples built from schemas', () => {
  it('take the DTO’s examples and enums first, then plausible values by format and property name', () => {
    expect(exampleFromSchema({ $ref: '#/components/schemas/Case' }, schemas)).toEqual({
      id: '01JDZ3Q4X6S8K7Y2V9T5R3M1N0',
      caseNo: '420102-20260302-000009',
      status: 'RECEIVED',
      receivedAt: '2026-03-02T08:30:00.000Z',
      promisedDate: '2026-03-12',
      limitDays: 1,
      parent: {},
      materials: [{ materialCode: 'M-APP', provided: true }],
    });
  });

  it('are added to bodies without one and leave given examples alone', () => {
    const given = { schema: { type: 'string' }, example: 'kept' };
    const doc = {
      paths: {
        '/cases': {
          post: {
            requestBody: { content: { 'application/json': given } },
            responses: { '201': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Case' } } } } },
          },
        },
      },
      components: { schemas },
    } as unknown as OpenAPIObject;
    addBodyExamples(doc);
    const created = (doc.paths['/cases'].post?.responses['201'] as { content: Record<string, { example?: { caseNo?: string } }> }).content['application/json'];
    expect([given.example, created.example?.caseNo]).toEqual(['kept', '420102-20260302-000009']);
  });
});
