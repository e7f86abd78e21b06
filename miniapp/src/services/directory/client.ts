import type { InferResponseType } from 'hono/client';
import type { ApiResult, api } from '../api';
import { apiCall } from '../appointments/http';
import type { Directory } from './types';

/** /api/v1/directory: one small document, cached by the server and the phone's HTTP cache. */

type Assignable<T extends U, U> = T;
type Answer = InferResponseType<typeof api.api.v1.directory.$get, 200>;
// The screens read the hand-written types; this fails to compile when the answer no longer
// fits them (one level deep: the answer nests as deep as the data).
export type _Checks = [Assignable<Answer['emergency'][number]['name'], string>];

export const directoryClient = {
  directory: (query: { q?: string; lang: string }): Promise<ApiResult<Directory>> =>
    apiCall('/api/v1/directory', { query }),
};

/** The digits of a `tel:` link, for the phone's dialler. */
export const telDigits = (tel: string) => tel.replace(/^tel:/, '');
