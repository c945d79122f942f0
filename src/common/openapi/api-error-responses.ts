import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath, type HeaderObject } from '@nestjs/swagger';
import { type ErrorBody, type ErrorCode, errorMessage, HTTP_STATUS_BY_CODE } from '../errors';
import { ErrorBodyDto } from './error-body.dto';

/** What each code's `details` holds, so the examples show what a client will really read. */
const EXAMPLE_DETAILS: Partial<Record<ErrorCode, Record<string, unknown>>> = {
  INVALID_MESSAGE: { fields: { message: ['message should not be empty'] } },
  MESSAGE_TOO_LONG: { max_length: 2000 },
  RATE_LIMITED: { retry_after_s: 42 },
  PROPOSAL_WITHDRAWN: { proposal_id: 'prop_7f3a9c' },
  PRICE_CHANGED: { proposal: { proposal_id: 'prop_8b41d2', stake: 20, combined_odd: 2.05 }, withdrawn_proposal_id: 'prop_7f3a9c' },
  INSUFFICIENT_BALANCE: { balance: 20, stake: 50, currency: 'USD' },
};

const RETRY_AFTER: HeaderObject = {
  description: 'Seconds to wait before trying again.',
  schema: { type: 'integer', minimum: 1, example: 42 },
};

function example(code: ErrorCode): ErrorBody {
  const details = EXAMPLE_DETAILS[code];
  return {
    error_code: code,
    message: errorMessage(code),
    correlation_id: '3f1c2b7e-8a4d-4f0e-9b6a-2d5c7e9f1a20',
    ...(details ? { details } : {}),
  };
}

/** 429 always says when to come back; a 503 does when the model's quota or limiter knows. */
function headersFor(status: number, codes: ErrorCode[]): Record<string, HeaderObject> | undefined {
  if (status === 429) return { 'Retry-After': { ...RETRY_AFTER, required: true } };
  if (status === 503 && codes.includes('LLM_UNAVAILABLE')) {
    return {
      'Retry-After': {
        ...RETRY_AFTER,
        description: 'Sent with LLM_UNAVAILABLE when it is known how long the model stays unavailable.',
      },
    };
  }
  return undefined;
}

/**
 * Documents the failures a route can answer with: one OpenAPI response per HTTP status (from
 * HTTP_STATUS_BY_CODE, the same table the exception filter uses), an ErrorBody schema and one
 * named example per code. Listing codes rather than statuses keeps 409's three meanings apart.
 */
export function ApiErrorResponses(...codes: ErrorCode[]): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const status = HTTP_STATUS_BY_CODE[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses = [...byStatus].map(([status, group]) => {
    const headers = headersFor(status, group);
    return ApiResponse({
      status,
      description: group.map((code) => `\`${code}\`: ${errorMessage(code)}`).join('\n\n'),
      schema: { $ref: getSchemaPath(ErrorBodyDto) },
      examples: Object.fromEntries(group.map((code) => [code, { summary: code, value: example(code) }])),
      ...(headers ? { headers } : {}),
    });
  });
  return applyDecorators(ApiExtraModels(ErrorBodyDto), ...responses);
}
