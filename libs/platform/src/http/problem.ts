import { HttpException, HttpStatus } from '@nestjs/common';

/** RFC 9457 problem details. `type` is stable per error and documented in the OpenAPI document. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const problemType = (slug: string): string => `/problems/${slug}`;

export interface FieldError {
  field: string;
  problems: string[];
}

/** Throw from a use case or controller; the filter turns it into `application/problem+json`. */
export class ProblemException extends HttpException {
  constructor(
    readonly slug: string,
    readonly title: string,
    status: HttpStatus,
    readonly detail?: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ?? title, status);
  }

  toProblem(instance?: string): ProblemDetails {
    return {
      type: problemType(this.slug),
      title: this.title,
      status: this.getStatus(),
      ...(this.detail ? { detail: this.detail } : {}),
      ...(instance ? { instance } : {}),
      ...this.extensions,
    };
  }

  static validation(errors: FieldError[]): ProblemException {
    return new ProblemException(
      'validation-error',
      'The request is not valid',
      HttpStatus.BAD_REQUEST,
      `${errors.length} field(s) are invalid`,
      { errors },
    );
  }

  static notFound(what: string, id: string): ProblemException {
    return new ProblemException(`${what}-not-found`, `No such ${what}`, HttpStatus.NOT_FOUND, `${what} ${id} does not exist`);
  }
}
