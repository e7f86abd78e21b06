/** The public services catalogue as the API answers it (/api/v1/public-services). */

export type ProcedureLevel = 'full' | 'partial' | 'info';

export type ProcedureSummary = {
  id: string;
  code: string | null;
  name: string;
  /** Vietnamese name of the field: what the filter takes. */
  field: string;
  /** The field in the chosen language. */
  fieldLabel: string;
  agencyId: string;
  agencyName: string;
  level: ProcedureLevel;
  feeText: string;
  feeVnd: number | null;
  processingTime: string;
  processingDays: number | null;
};

export type ProcedurePage = { items: ProcedureSummary[]; nextCursor: string | null };

export type Procedure = ProcedureSummary & {
  documents: string[];
  bodyHtml: string;
  portalUrl: string;
  dossierLookupUrl: string | null;
  publishedAt: string | null;
  updatedAt: string;
};

export type ProcedureField = { field: string; label: string; count: number };
