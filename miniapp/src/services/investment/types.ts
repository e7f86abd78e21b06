// What /api/v1/investment answers (checked against the API's own types in client.ts).

export type ProjectStage = 'calling' | 'negotiating' | 'licensed' | 'closed';

export interface Sector {
  id: string;
  name: string;
  description: string;
  projectCount: number;
}

export interface InvestmentDocument {
  id: string;
  title: string;
  fileName: string;
  contentType: string;
  bytes: number;
  url: string;
}

export interface ProjectSummary {
  id: string;
  title: string;
  summary: string;
  sectorId: string;
  sectorName: string;
  location: string;
  communeId: string | null;
  communeName: string | null;
  areaHectares: number | null;
  capitalVnd: number | null;
  stage: ProjectStage;
  agencyId: string;
  agencyName: string;
  publishedAt: string | null;
}

export interface Project extends ProjectSummary {
  bodyHtml: string;
  lat: number | null;
  lng: number | null;
  documents: InvestmentDocument[];
}

export interface PolicySummary {
  id: string;
  title: string;
  summary: string;
  agencyId: string;
  agencyName: string;
  publishedAt: string | null;
}

export interface Policy extends PolicySummary {
  bodyHtml: string;
  documents: InvestmentDocument[];
}

export interface Paged<T> {
  items: T[];
  nextCursor: string | null;
}

export interface EnquiryInput {
  requestKey: string;
  projectId?: string;
  agencyId?: string;
  name: string;
  organisation?: string;
  email?: string;
  phone?: string;
  country?: string;
  message: string;
}

export interface EnquiryResult {
  id: string;
  status: 'new' | 'in_progress' | 'answered' | 'closed';
  agencyId: string;
  agencyName: string;
  projectId: string | null;
  createdAt: string;
}
