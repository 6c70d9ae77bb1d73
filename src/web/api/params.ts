import { isRowId } from '../../domain/ids.ts';
import type { FastifyRequest } from 'fastify';
import { assertKnownParameters, type QueryValues } from '../../domain/work-list-query.ts';
import { NotFoundError } from '../../domain/errors.ts';

/** The query string as the filters read it (repeated parameters become lists). */
export function queryOf(request: FastifyRequest, known: readonly string[]): QueryValues {
  const query = (request.query ?? {}) as QueryValues;
  assertKnownParameters(query, known);
  return query;
}

/** An id in the address; anything else is a thing that does not exist. */
export function idParam(value: string, message: string): number {
  const id = Number(value);
  if (!/^\d+$/.test(value) || !isRowId(id)) throw new NotFoundError(message);
  return id;
}
