import type { ErrorCode } from './error-codes';

/** The one error shape every transport sends (protocol.md §1). */
export interface ErrorBody {
  error_code: ErrorCode;
  message: string;
  correlation_id: string;
  details?: Record<string, unknown>;
}
