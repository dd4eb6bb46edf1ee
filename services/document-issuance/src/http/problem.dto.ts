import { applyDecorators } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';

/** RFC 9457 problem details, as the platform's filter writes them. */
export class ProblemDto {
  @ApiProperty({
    description: 'Stable identifier of the error kind',
    example: '/problems/document-not-found',
  })
  type!: string;

  @ApiProperty({ example: 'No such document' })
  title!: string;

  @ApiProperty({ example: 404 })
  status!: number;

  @ApiPropertyOptional({ example: 'document 01JDZ3Q4X6S8K7Y2V9T5R3M1N0 does not exist' })
  detail?: string;

  @ApiPropertyOptional({ example: '/api/v1/documents/01JDZ3Q4X6S8K7Y2V9T5R3M1N0' })
  instance?: string;
}

/** Documents an error answer as `application/problem+json` and names its stable `type` slugs. */
export function ApiProblem(
  status: number,
  description: string,
  slugs: string[],
): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ApiResponse({
      status,
      description: `${description} (type: ${slugs.map((s) => `/problems/${s}`).join(', ')})`,
      content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
    }),
  );
}
