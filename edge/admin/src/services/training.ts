import type {
  Material,
  WorkCourse,
  WorkCourseSummary,
  WorkQuestion,
  WorkRegistration,
  WorkSession,
} from '../../../src/training/schemas';
import { ApiError, api, apiPath, currentCsrfToken } from '../api';

// Training editors' calls: /api/v1/work/training (permission training.manage, own agency),
// typed by the API's own schemas. Creations carry a request key made once per form, so a
// retried click answers the course or session the first one created.

const BASE = '/work/training';

export type CourseStatus = WorkCourseSummary['status'];

export const COURSE_STATUS_LABELS: Record<CourseStatus, string> = {
  draft: 'Bản nháp',
  published: 'Đã công bố',
  cancelled: 'Đã huỷ',
};

export type Course = WorkCourseSummary;
export type CourseDetail = WorkCourse;
export type Session = WorkSession;
export type { Material };
export type Registration = WorkRegistration;
export type Question = WorkQuestion;

export interface CourseBody {
  title: string;
  description: string;
  audience: string | null;
}

/** What the API answers for a course. */
interface CourseResult {
  course: CourseDetail;
}

export interface SessionBody {
  title: string;
  startsAt: string;
  endsAt: string;
  meetingUrl: string;
  trainerName: string | null;
  capacity: number | null;
}

/** Files a course may carry (the API checks the bytes themselves too). */
export const MATERIAL_ACCEPT =
  '.pdf,.docx,.xlsx,.pptx,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg';
export const MATERIAL_MAX_BYTES = 20 * 1024 * 1024;

export const trainingApi = {
  courses: async () => (await api<{ courses: Course[] }>('GET', `${BASE}/courses`)).courses,
  course: async (id: string) => (await api<CourseResult>('GET', `${BASE}/courses/${id}`)).course,
  createCourse: async (body: CourseBody, requestKey: string) =>
    (await api<CourseResult>('POST', `${BASE}/courses`, { body: { ...body, requestKey } })).course,
  updateCourse: (id: string, body: Partial<CourseBody>) =>
    api<CourseResult>('PATCH', `${BASE}/courses/${id}`, { body }),
  publish: (id: string) => api<CourseResult>('POST', `${BASE}/courses/${id}/publish`),
  cancel: (id: string) => api<CourseResult>('POST', `${BASE}/courses/${id}/cancel`),
  addSession: (courseId: string, body: SessionBody, requestKey: string) =>
    api<{ session: Session }>('POST', `${BASE}/courses/${courseId}/sessions`, {
      body: { ...body, requestKey },
    }),
  updateSession: (id: string, body: Partial<SessionBody>) =>
    api<{ session: Session }>('PATCH', `${BASE}/sessions/${id}`, { body }),
  removeSession: (id: string) => api('DELETE', `${BASE}/sessions/${id}`),
  removeMaterial: (id: string) => api('DELETE', `${BASE}/materials/${id}`),
  registrations: async (sessionId: string) =>
    (
      await api<{ registrations: Registration[] }>(
        'GET',
        `${BASE}/sessions/${sessionId}/registrations`,
      )
    ).registrations,
  registrationsXlsxUrl: (sessionId: string) =>
    apiPath(`${BASE}/sessions/${sessionId}/registrations.xlsx`),
  attendance: (sessionId: string, registrationIds: string[], attended: boolean) =>
    api<{ updated: number; registrations: Registration[] }>(
      'POST',
      `${BASE}/sessions/${sessionId}/attendance`,
      { body: { registrationIds, attended } },
    ),
  questions: async (sessionId: string) =>
    (await api<{ questions: Question[] }>('GET', `${BASE}/sessions/${sessionId}/questions`))
      .questions,
  answer: (questionId: string, answer: string) =>
    api<{ question: Question }>('POST', `${BASE}/questions/${questionId}/answer`, {
      body: { answer },
    }),
};

/**
 * Sends one material as the raw request body with XMLHttpRequest, the one browser API that
 * reports upload progress (fetch does not). Same session as every other call: the cookie
 * goes along (same origin) and the CSRF token in its header.
 */
export function uploadMaterial(
  courseId: string,
  file: File,
  title: string,
  onProgress: (percent: number) => void,
): { done: Promise<Material>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<Material>((resolve, reject) => {
    xhr.open('POST', apiPath(`${BASE}/courses/${courseId}/materials`, { title }));
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
    const csrf = currentCsrfToken();
    if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.responseType = 'json';
    // Large files over a slow link: generous, but not forever.
    xhr.timeout = 15 * 60_000;
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress((event.loaded / event.total) * 100);
    };
    xhr.onload = () => {
      const body = xhr.response as {
        error?: { code?: string; message?: string; details?: unknown };
      } | null;
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(100);
        resolve((body as unknown as { material: Material }).material);
        return;
      }
      reject(
        new ApiError(
          xhr.status,
          body?.error?.code ?? `http_${xhr.status}`,
          body?.error?.message ??
            (xhr.status === 413 ? 'Tệp vượt quá 20 MB.' : `Không tải lên được (mã ${xhr.status}).`),
          body?.error?.details,
        ),
      );
    };
    xhr.onerror = () =>
      reject(new ApiError(0, 'network', 'Mất kết nối khi tải lên. Kiểm tra mạng rồi thử lại.'));
    xhr.ontimeout = () => reject(new ApiError(0, 'timeout', 'Tải lên quá lâu. Vui lòng thử lại.'));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', 'Đã dừng tải lên.'));
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}
