import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

/** One bad field of a request refused with 400. */
export class FieldProblem {
  @ApiProperty({ example: 'siren', description: 'The path of the field (`establishments.0.siret` for a nested one)' })
  field!: string;

  @ApiProperty({ type: [String], example: ['siren must be a valid SIREN'] })
  problems!: string[];
}

/** The body of every error answer, as the error filter writes it. */
@ApiExtraModels(FieldProblem)
export class ApiError {
  @ApiProperty({ example: 400, description: 'The HTTP status, repeated' })
  statusCode!: number;

  @ApiProperty({ example: 'REQUEST.VALIDATION_FAILED', description: 'A stable code to act on (`COMPANY.SIREN_TAKEN`, `CLUSTER.ALREADY_MEMBER`…)' })
  code!: string;

  @ApiProperty({ example: 'The request is not valid', description: 'For people; never a stack trace nor an internal message' })
  message!: string;

  @ApiPropertyOptional({
    description:
      'On 400, each bad field with its problems; on a few other errors, facts about the refusal ' +
      '(`retryAfterSeconds` when logins are refused, the state of each service when not ready)',
    oneOf: [{ type: 'array', items: { $ref: getSchemaPath(FieldProblem) } }, { type: 'object', additionalProperties: true }],
  })
  details?: FieldProblem[] | Record<string, unknown>;

  @ApiProperty({ example: '3f0c9a4e-5d1b-4a7e-9b2f-8c6d1e0a7b45', description: 'Also in the `x-correlation-id` header; quote it when reporting a problem' })
  correlationId!: string;
}

/** The statuses the contract gives errors, with their standard meaning. */
export const ERROR_MEANINGS = {
  400: 'Malformed input: `details` names each bad field',
  401: 'No token, or a bad or expired one',
  403: 'Not allowed',
  404: 'Unknown id',
  409: 'Conflict: a duplicate, or a change made meanwhile (reload and try again)',
  413: 'The JSON body is larger than the gateway takes',
  422: 'A rule of the domain refuses it',
  429: 'Too many requests: wait for `Retry-After` seconds',
  503: 'A service behind the gateway is down',
  504: 'A service behind the gateway did not answer in time',
} as const;

export type ErrorStatus = keyof typeof ERROR_MEANINGS;

/** A status with its standard meaning, or with the meaning it takes on this endpoint. */
export type ErrorCase = ErrorStatus | [ErrorStatus, string];

const RETRY_AFTER = { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' } } };

/** Documents error answers, each with the {@link ApiError} body (and `Retry-After` on 429). */
export function ApiErrors(...cases: ErrorCase[]) {
  return applyDecorators(
    ...cases.map((errorCase) => {
      const [status, description] = Array.isArray(errorCase) ? errorCase : [errorCase, ERROR_MEANINGS[errorCase]];
      return ApiResponse({ status, description, type: ApiError, ...(status === 429 ? { headers: RETRY_AFTER } : {}) });
    }),
  );
}

/** For a controller or an endpoint behind a bearer token, which the rate limit also guards. */
export const ApiSignedIn = () => applyDecorators(ApiBearerAuth(), ApiErrors(401, 429));

/** For a controller or an endpoint that asks a service behind the gateway. */
export const ApiBehindServices = () => ApiErrors(503, 504);
