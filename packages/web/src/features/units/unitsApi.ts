// The units (单位) API of the units page: GET/POST /api/units, GET/PATCH /api/units/:id
// (packages/server/src/modules/org/units.routes.ts).
import { api } from '../../api/client';
import type { Items, Unit } from '../../api/types';
import { unitKeys } from '../../shared/orgApi';
import type { UnitInput } from './units';

/** A unit as the units page lists it. */
export type UnitRow = Unit;

export interface UnitOrg {
  id: number;
  name: string;
  type: string;
  status: string;
}

/** A unit with the organizations set up in it that the actor can see. */
export interface UnitDetailView extends UnitRow {
  orgs: UnitOrg[];
}

export interface UnitListParams {
  q: string;
  /** Only the units the actor maintains. */
  mine: boolean;
}

/** The first part of shared/orgApi's unitKeys (['units', q], the pickers' searches, UnitSelect). */
const UNITS = unitKeys.list('')[0];

/**
 * Query keys of this page, under the same first part as unitKeys: invalidating `all` refreshes the
 * page's lists and details and the pickers' searches alike.
 */
export const unitsPageKeys = {
  all: [UNITS] as const,
  list: (params: UnitListParams) => [UNITS, 'page', params] as const,
  detail: (id: number) => [UNITS, 'detail', id] as const,
};

/** At most 200, by name (the server's limit). */
export async function fetchUnitList(params: UnitListParams): Promise<UnitRow[]> {
  return (await api.get<Items<UnitRow>>('/units', { q: params.q, mine: params.mine })).items;
}

export function fetchUnitDetail(id: number): Promise<UnitDetailView> {
  return api.get<UnitDetailView>(`/units/${id}`);
}

export function createUnit(input: UnitInput): Promise<UnitDetailView> {
  return api.post<UnitDetailView>('/units', input);
}

export function updateUnit(id: number, changes: Partial<UnitInput>): Promise<UnitDetailView> {
  return api.patch<UnitDetailView>(`/units/${id}`, changes);
}

/** The most the list shows: a full list may have been cut, so the page asks for a narrower search. */
export const UNIT_LIST_LIMIT = 200;
