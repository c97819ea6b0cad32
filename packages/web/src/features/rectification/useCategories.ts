import { useQuery } from '@tanstack/react-query';
import { fetchCategories, rectKeys } from './rectificationApi';

/** 问题类别 (configurable on the server): all of them, for labels; pick `active` ones for new problems. */
export function useCategories() {
  return useQuery({ queryKey: rectKeys.categories, queryFn: fetchCategories, staleTime: 5 * 60_000 });
}
