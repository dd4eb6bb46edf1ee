import { applyDecorators } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';

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

/** Documents an error answer as `application/problem+json` and names its stable `type` slugs. */
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
      content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
    }),
  );
}
