import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { type ErrorBody, ERROR_CODES, type ErrorCode } from '../errors';

/** The OpenAPI face of ErrorBody (protocol.md §1); the runtime value is the interface itself. */
@ApiSchema({
  name: 'ErrorBody',
  description:
    'Every 4xx/5xx body. The same object is the socket ack `{ error }` and the body of `error` events and frames.',
})
export class ErrorBodyDto implements ErrorBody {
  @ApiProperty({ enum: ERROR_CODES, enumName: 'ErrorCode', example: 'INVALID_MESSAGE' })
  error_code!: ErrorCode;

  @ApiProperty({
    description: 'One human sentence, in the language the request asked for when it named one.',
    example: 'Not found.',
  })
  message!: string;

  @ApiProperty({
    description:
      'The `x-request-id` of the request (yours when you sent a sane one); the log has the cause under it.',
    example: '3f1c2b7e-8a4d-4f0e-9b6a-2d5c7e9f1a20',
  })
  correlation_id!: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      'Per code: `fields` (INVALID_MESSAGE), `max_length`, `retry_after_s`, `proposal_id`, balance and stake…',
    example: { fields: { message: ['message should not be empty'] } },
  })
  details?: Record<string, unknown>;
}
