import { useApi } from '../../../hooks/use-api';
import { reportsClient } from '../../../services/reports/client';

/** The province's communes and wards, for the forms' and filters' pickers. */
export function useCommunes() {
  const communes = useApi(() => reportsClient.communes(), []);
  return communes.data ?? [];
}
