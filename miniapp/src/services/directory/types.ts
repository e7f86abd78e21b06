/** The phone directory as the API answers it (/api/v1/directory). */

export type DirectoryKind = 'emergency' | 'hotline' | 'agency' | 'department' | 'person';

export type DirectoryEntry = {
  id: string;
  kind: DirectoryKind;
  name: string;
  role: string | null;
  /** Grouped for reading: "0293 3876 543". */
  phone: string;
  /** "tel:02933876543" */
  tel: string;
  phoneAlt: string | null;
  telAlt: string | null;
  email: string | null;
  address: string | null;
  hours: string | null;
  communeId: string | null;
  agencyId: string;
  parentId: string | null;
  children: DirectoryEntry[];
};

export type Directory = {
  emergency: DirectoryEntry[];
  hotlines: DirectoryEntry[];
  agencies: DirectoryEntry[];
};
