/** The JSON error answer of the app's API routes: what failed, and the request field at fault. */
export type ApiErrorBody = {
  error: string;
  /** The form field or JSON path at fault (`file`, `kind`, `triangles`, `objects.0.model`…). */
  field: string;
  details?: string;
  hint?: string;
  /** For a budget refusal: the measured value and the limit. */
  measured?: number;
  limit?: number;
};

export function apiError(status: number, body: ApiErrorBody, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store", ...headers } });
}
