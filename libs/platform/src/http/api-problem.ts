import { applyDecorators } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { problemCatalogueEntry } from './problem-catalogue';

export class FieldErrorDto {
  @ApiProperty({ example: 'caseId' })
  field!: string;

  @ApiProperty({
    type: [String],
    example: ['caseId must be a ULID (26 characters, Crockford base32, upper case)'],
  })
  problems!: string[];
}

/** RFC 9457 problem details, as the platform's filter writes them. */
export class ProblemDto {
  @ApiProperty({ description: 'Stable identifier of the error kind', example: '/problems/case-not-found' })
  type!: string;

  @ApiProperty({ example: 'No such case' })
  title!: string;

  @ApiProperty({ example: 404 })
  status!: number;

  @ApiPropertyOptional({ example: 'case 01JDZ3Q4X6S8K7Y2V9T5R3M1N0 does not exist' })
  detail?: string;

  @ApiPropertyOptional({ example: '/api/v1/cases/01JDZ3Q4X6S8K7Y2V9T5R3M1N0' })
  instance?: string;

  @ApiPropertyOptional({
    type: [FieldErrorDto],
    description: 'For /problems/validation-error: every invalid field at once',
  })
  errors?: FieldErrorDto[];
}

/** An example body per problem type, from the catalogue, keyed by slug (OpenAPI `examples`). */
export function problemExamples(status: number, slugs: string[]): Record<string, { summary: string; description: string; value: object }> {
  return Object.fromEntries(
    slugs.map((slug) => {
      const entry = problemCatalogueEntry(slug);
      if (!entry) throw new Error(`problem type ${slug} is not in libs/platform/src/http/problem-catalogue.ts`);
      const value = {
        type: `/problems/${slug}`,
        title: entry.title,
        status,
        detail: entry.description,
        ...(slug === 'validation-error' ? { errors: [{ field: 'caseId', problems: ['caseId must be a ULID (26 characters, Crockford base32, upper case)'] }] } : {}),
      };
      return [slug, { summary: entry.title, description: entry.description, value }];
    }),
  );
}

/**
 * Documents an error answer as `application/problem+json`, names its stable `type` slugs and gives an
 * example body for each (from the problem catalogue).
 */
export function ApiProblem(
  status: number,
  description: string,
  slugs: string[],
): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDto, FieldErrorDto),
    ApiResponse({
      status,
      description: `${description} (type: ${slugs.map((s) => `/problems/${s}`).join(', ')})`,
      content: {
        'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) }, examples: problemExamples(status, slugs) },
      },
    }),
  );
}
