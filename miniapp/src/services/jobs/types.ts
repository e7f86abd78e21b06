// The answers of /api/v1/jobs as the screens use them (client.ts checks them against the
// API's own types).

export type SalaryPeriod = 'month' | 'day' | 'hour' | 'piece';
export type VacancyStatus = 'open' | 'closed' | 'removed';
export type ApplicationStatus = 'submitted' | 'viewed' | 'shortlisted' | 'rejected' | 'withdrawn';

export type Paged<T> = { items: T[]; nextCursor: string | null };

export type VacancySummary = {
  id: string;
  title: string;
  salaryMinVnd: number | null;
  salaryMaxVnd: number | null;
  salaryPeriod: SalaryPeriod;
  positions: number;
  communeId: string;
  communeName: string;
  deadline: string;
  status: VacancyStatus;
  accepting: boolean;
  createdAt: string;
  employer: { id: string; name: string; communeName: string };
};

export type Vacancy = Omit<VacancySummary, 'employer'> & {
  description: string;
  requirements: string;
  address: string;
  employer: {
    id: string;
    name: string;
    communeName: string;
    taxCode: string | null;
    address: string;
    phone: string;
    email: string | null;
    description: string;
  };
};

export type ProfileSnapshot = {
  fullName: string;
  birthYear: number | null;
  phone: string;
  communeId: string;
  communeName: string;
  desiredPosition: string;
  skills: string;
  experience: string;
};

export type Applicant = {
  id: string;
  status: ApplicationStatus;
  coverLetter: string;
  profile: ProfileSnapshot;
  createdAt: string;
  updatedAt: string;
};

export type MyVacancy = Vacancy & {
  requestKey: string;
  version: number;
  applicationCount: number;
  newApplicationCount: number;
};

export type MyVacancyDetail = MyVacancy & { applicants: Applicant[] };

export type Employer = {
  id: string;
  name: string;
  taxCode: string | null;
  communeId: string;
  communeName: string;
  address: string;
  phone: string;
  email: string | null;
  description: string;
  status: 'active' | 'suspended';
  version: number;
  createdAt: string;
};

export type EmployerInput = {
  name: string;
  taxCode: string | null;
  communeId: string;
  address: string;
  phone: string;
  email: string | null;
  description: string;
};

export type VacancyInput = {
  title: string;
  description: string;
  requirements: string;
  salaryMinVnd: number | null;
  salaryMaxVnd: number | null;
  salaryPeriod: SalaryPeriod;
  positions: number;
  communeId: string;
  address: string;
  deadline: string;
};

export type Profile = ProfileSnapshot & { visible: boolean; version: number; updatedAt: string };

export type ProfileInput = Omit<ProfileSnapshot, 'communeName'> & {
  visible: boolean;
  version?: number;
};

export type Seeker = ProfileSnapshot & { userId: string; updatedAt: string };

export type MyApplication = {
  id: string;
  status: ApplicationStatus;
  coverLetter: string;
  createdAt: string;
  updatedAt: string;
  vacancy: VacancySummary;
};
