/** Opinion surveys as the API answers them (/api/v1/surveys). */

export type QuestionType = 'single' | 'multiple' | 'scale' | 'text';

export type SurveyOption = { id: string; label: string };

export type SurveyQuestion = {
  id: string;
  type: QuestionType;
  title: string;
  help?: string | null;
  required: boolean;
  options?: SurveyOption[];
  scale?: { min: number; max: number; minLabel?: string | null; maxLabel?: string | null };
  maxLength?: number;
};

export type SurveySection = {
  id: string;
  title: string;
  description?: string | null;
  questions: SurveyQuestion[];
};

/** "After answering `optionId` to `questionId`, go to section `goTo` (or the end)." */
export type SkipRule = { questionId: string; optionId: string; goTo: string };

export type SurveyDefinition = { sections: SurveySection[]; logic: SkipRule[] };

export type Audience = 'anyone' | 'verified';

export type SurveySummary = {
  id: string;
  title: string;
  description: string | null;
  agencyName: string | null;
  opensAt: string;
  closesAt: string;
  audience: Audience;
  questionCount: number;
  answered: boolean;
};

export type SurveyPage = { surveys: SurveySummary[]; nextCursor: string | null };

export type SurveyDetail = {
  id: string;
  title: string;
  description: string | null;
  agencyName: string | null;
  audience: Audience;
  opensAt: string;
  closesAt: string;
  status: string;
  definition: SurveyDefinition;
  answered: boolean;
};

export type Answer = { optionIds?: string[]; value?: number | string };
export type Answers = Record<string, Answer>;

/** Why the server (or the form, before sending) refuses an answer. */
export type AnswerProblem =
  | 'required'
  | 'unknown_option'
  | 'not_in_path'
  | 'out_of_range'
  | 'too_long'
  | 'unknown_question'
  /** The answer's shape does not fit the question (text for a scale, two options for one). */
  | 'invalid';
